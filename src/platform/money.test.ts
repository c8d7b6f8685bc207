import { describe, expect, it } from 'vitest';
import { formatMoney } from './money.js';

describe('formatMoney', () => {
  it('writes minor units in major units, grouped by thousands', () => {
    expect(formatMoney(132_000, 2)).toBe('1,320.00');
    expect(formatMoney(5, 2)).toBe('0.05');
    expect(formatMoney(-30_000, 2)).toBe('-300.00');
    expect(formatMoney(1_234_567_890, 0)).toBe('1,234,567,890');
    expect(formatMoney(999, 3)).toBe('0.999');
    expect(formatMoney(0, 2)).toBe('0.00');
  });
});
