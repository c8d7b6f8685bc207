import os from 'node:os';
import { describe, expect, it } from 'vitest';
import { readConfig } from './config.js';

describe('the settings', () => {
  it('serves with one process per core by default, at most eight, or as many as RISKPOOL_WORKERS says', () => {
    expect(readConfig({}).workers).toBe(Math.min(os.availableParallelism(), 8));
    expect(readConfig({ RISKPOOL_WORKERS: 'auto' }).workers).toBe(readConfig({}).workers);
    expect(readConfig({ RISKPOOL_WORKERS: '1' }).workers).toBe(1);
    expect(readConfig({ RISKPOOL_WORKERS: '12' }).workers).toBe(12);
  });

  it('names RISKPOOL_WORKERS and what it takes when it is wrong', () => {
    for (const bad of ['0', '-2', '1.5', 'two', '65']) {
      expect(() => readConfig({ RISKPOOL_WORKERS: bad })).toThrow(
        `RISKPOOL_WORKERS must be auto or a whole number from 1 to 64, got "${bad}"`,
      );
    }
  });
});
