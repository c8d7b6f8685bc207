import { describe, expect, it } from 'vitest';
import { oneAtATime } from './one-at-a-time.js';

const tick = () => new Promise((resolve) => setTimeout(resolve, 5));

describe('one at a time', () => {
  it('runs work of the same key in turn, and other keys alongside', async () => {
    const db = {};
    const log: string[] = [];
    const work = (name: string) => async () => {
      log.push(`${name} starts`);
      await tick();
      log.push(`${name} ends`);
      return name;
    };
    const results = await Promise.all([
      oneAtATime(db, 'scheme-1', work('a')),
      oneAtATime(db, 'scheme-1', work('b')),
      oneAtATime(db, 'scheme-2', work('c')),
    ]);
    expect(results).toEqual(['a', 'b', 'c']);
    expect(log.indexOf('b starts')).toBeGreaterThan(log.indexOf('a ends'));
    expect(log.indexOf('c starts')).toBeLessThan(log.indexOf('a ends'));
  });

  it('goes on after a failure, which only its own caller sees', async () => {
    const db = {};
    const failed = oneAtATime(db, 'k', async () => {
      throw new Error('refused');
    });
    const next = oneAtATime(db, 'k', async () => 'written');
    await expect(failed).rejects.toThrow('refused');
    await expect(next).resolves.toBe('written');
  });
});
