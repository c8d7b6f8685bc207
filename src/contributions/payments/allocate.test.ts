import { describe, expect, it } from 'vitest';
import { allocateOldestFirst, settlementDay, type Debt } from './allocate.js';

const debt = (period: string, owed: number, employerId = 'e1'): Debt => ({ employerId, period, payerId: null, owed });

describe('allocateOldestFirst', () => {
  it('pays the oldest month first and the next with what is left', () => {
    const { allocations, left } = allocateOldestFirst(500, [debt('2026-03', 320), debt('2026-01', 320)]);
    expect(allocations).toEqual([
      { employerId: 'e1', period: '2026-01', payerId: null, amount: 320, settles: true },
      { employerId: 'e1', period: '2026-03', payerId: null, amount: 180, settles: false },
    ]);
    expect(left).toBe(0);
  });

  it('keeps what is more than owed as a credit, and skips what is paid already', () => {
    const { allocations, left } = allocateOldestFirst(1000, [debt('2026-01', 0), debt('2026-02', 160)]);
    expect(allocations.map((a) => [a.period, a.amount])).toEqual([['2026-02', 160]]);
    expect(left).toBe(840);
  });

  it('orders the same month by employer so a run gives the same result every time', () => {
    const { allocations } = allocateOldestFirst(100, [debt('2026-01', 80, 'b'), debt('2026-01', 80, 'a')]);
    expect(allocations.map((a) => [a.employerId, a.amount])).toEqual([
      ['a', 80],
      ['b', 20],
    ]);
  });

  it('refuses an amount that is not a whole sum of minor units', () => {
    expect(() => allocateOldestFirst(1.5, [])).toThrow(RangeError);
    expect(() => allocateOldestFirst(-1, [])).toThrow(RangeError);
  });
});

describe('settlementDay', () => {
  const paid = [
    { amount: 200, paidOn: '2026-03-05' },
    { amount: 120, paidOn: '2026-03-20' },
    { amount: 50, paidOn: '2026-04-02' },
  ];

  it('is the day of the payment that brought the month up to what is due', () => {
    expect(settlementDay(paid, 320)).toBe('2026-03-20');
    expect(settlementDay(paid, 200)).toBe('2026-03-05');
  });

  it('is none while the month is owed, or when it asks nothing', () => {
    expect(settlementDay(paid, 400)).toBeNull();
    expect(settlementDay(paid, 0)).toBeNull();
  });
});
