import { describe, expect, it } from 'vitest';
import { Memo } from './memo.js';

describe('the memo', () => {
  it('loads once while the entry lasts, and again after it expires', async () => {
    let now = 0;
    const memo = new Memo(1000, 10, () => now);
    let loads = 0;
    const load = async () => ++loads;
    expect(await memo.get('k', load)).toBe(1);
    now = 999;
    expect(await memo.get('k', load)).toBe(1);
    now = 1000;
    expect(await memo.get('k', load)).toBe(2);
  });

  it('keeps no failed load: the next caller tries again', async () => {
    const memo = new Memo();
    await expect(memo.get('k', () => Promise.reject(new Error('down')))).rejects.toThrow('down');
    expect(await memo.get('k', async () => 'up')).toBe('up');
  });

  it('forgets every entry under a prefix at once, and no other', async () => {
    const memo = new Memo();
    await memo.get('product:s1:a', async () => 1);
    await memo.get('product:s1:b', async () => 2);
    await memo.get('product:s2:a', async () => 3);
    memo.forget('product:s1:');
    expect(await memo.get('product:s1:a', async () => 10)).toBe(10);
    expect(await memo.get('product:s2:a', async () => 30)).toBe(3);
  });

  it('drops the oldest entry when full', async () => {
    const memo = new Memo(60_000, 2);
    await memo.get('a', async () => 1);
    await memo.get('b', async () => 2);
    await memo.get('c', async () => 3);
    expect(memo.size).toBe(2);
    expect(await memo.get('a', async () => 'again')).toBe('again');
    expect(await memo.get('c', async () => 'again')).toBe(3);
  });

  it('tells the processes it shares with what it forgets, but not what another process forgot', async () => {
    const memo = new Memo();
    const told: string[] = [];
    memo.share((prefix) => told.push(prefix));
    await memo.get('session:a', async () => 1);
    await memo.get('session:b', async () => 2);
    memo.forget('session:a');
    memo.drop('session:b');
    expect(told).toEqual(['session:a']);
    expect(await memo.get('session:a', async () => 10)).toBe(10);
    expect(await memo.get('session:b', async () => 20)).toBe(20);
  });
});
