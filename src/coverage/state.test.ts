import { describe, expect, it } from 'vitest';
import { coverageOn, type Period } from './state.js';

const month = (m: string, paidOn: string | null, graceDays = 15): Period => ({
  startsOn: `2026-${m}-01`,
  endsOn: `2026-${m}-${m === '02' ? '28' : m === '04' ? '30' : '31'}`,
  source: 'declaration',
  sourceId: `inv-${m}`,
  productId: 'hip',
  paidOn,
  graceDays,
});
const cycle = (from: string, to: string, paidOn: string, graceDays = 30): Period => ({
  startsOn: from,
  endsOn: to,
  source: 'premium',
  sourceId: `pr-${from}`,
  productId: 'vhi',
  paidOn,
  graceDays,
});

describe('coverageOn: declared months', () => {
  const periods = [month('01', '2026-01-10'), month('02', '2026-02-05'), month('03', null)];

  it('is active in a paid month, and counts the unbroken cover from its first month', () => {
    const c = coverageOn(periods, 'active', '2026-02-20');
    expect(c).toMatchObject({ covered: true, state: 'active', coveredSince: '2026-01-01' });
  });

  it('covers an unpaid month while the employer still has time to pay, then suspends it', () => {
    expect(coverageOn(periods, 'active', '2026-03-15')).toMatchObject({
      covered: true,
      state: 'in_grace',
      periods: expect.arrayContaining([
        expect.objectContaining({ reason: { code: 'payment-grace', until: '2026-03-15' } }),
      ]),
    });
    expect(coverageOn(periods, 'active', '2026-03-16')).toMatchObject({ covered: false, state: 'suspended' });
  });

  it('calls a month that ended unpaid lapsed, and one paid after the day asked unpaid on that day', () => {
    const c = coverageOn(periods, 'active', '2026-04-02');
    expect(c.periods.map((p) => p.state)).toEqual(['ended', 'ended', 'lapsed']);
    const before = coverageOn([month('01', '2026-03-01', 0)], 'active', '2026-01-20');
    expect(before).toMatchObject({ covered: false, state: 'suspended' });
  });

  it('breaks the unbroken cover at a month that was not paid', () => {
    const gap = [month('01', '2026-01-10'), month('02', null, 0), month('03', '2026-03-02')];
    expect(coverageOn(gap, 'active', '2026-03-10').coveredSince).toBe('2026-03-01');
  });

  it('covers nobody who has left or died, and nobody suspended', () => {
    expect(coverageOn(periods, 'left', '2026-02-20')).toMatchObject({ covered: false, state: 'ended' });
    expect(coverageOn(periods, 'suspended', '2026-02-20')).toMatchObject({ covered: false, state: 'suspended' });
  });

  it('answers none for a member nothing was bought for', () => {
    expect(coverageOn([], 'active', '2026-02-20')).toEqual({
      date: '2026-02-20',
      covered: false,
      state: 'none',
      coveredSince: null,
      periods: [],
    });
  });
});

describe('coverageOn: yearly premiums', () => {
  const paid = cycle('2026-01-01', '2026-12-31', '2025-12-01');

  it('waits for a paid cycle to begin', () => {
    expect(coverageOn([paid], 'active', '2025-12-15')).toMatchObject({ covered: false, state: 'waiting' });
  });

  it('keeps cover through the renewal grace, and not after it or once renewed', () => {
    expect(coverageOn([paid], 'active', '2027-01-20')).toMatchObject({ covered: true, state: 'in_grace' });
    expect(coverageOn([paid], 'active', '2027-01-31')).toMatchObject({ covered: false, state: 'ended' });
    const renewed = [paid, cycle('2027-01-01', '2027-12-31', '2027-01-05')];
    const c = coverageOn(renewed, 'active', '2027-01-20');
    expect(c).toMatchObject({ covered: true, state: 'active', coveredSince: '2026-01-01' });
    expect(c.periods[0]!.state).toBe('ended');
  });
});
