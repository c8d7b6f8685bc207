/**
 * Whether a member is covered on a day, and why. Pure: the periods that money bought, the
 * member's standing and the day in; each period's state and reason out. Nothing here is stored:
 * the same periods and the same day always give the same answer, and a period paid after the
 * day asked about counts as unpaid on that day, so the past can be asked about as it stood.
 */

import { addDays } from '../platform/dates.js';

export type CoverState = 'waiting' | 'active' | 'in_grace' | 'suspended' | 'lapsed' | 'ended';

export interface Period {
  startsOn: string;
  endsOn: string;
  source: 'declaration' | 'premium';
  sourceId: string;
  productId: string;
  paidOn: string | null;
  /** Declared months: days from the start an unpaid month still covers. Premiums: days after the end while renewing. */
  graceDays: number;
}

export type MemberStanding = 'active' | 'suspended' | 'left' | 'deceased';

export type Reason =
  | { code: 'paid'; paidOn: string }
  | { code: 'paid-not-begun'; paidOn: string; startsOn: string }
  | { code: 'unpaid-not-begun'; startsOn: string }
  | { code: 'payment-grace'; until: string }
  | { code: 'unpaid'; since: string }
  | { code: 'ended-unpaid'; endsOn: string }
  | { code: 'renewal-grace'; until: string }
  | { code: 'ended'; endsOn: string }
  | { code: 'member-suspended' }
  | { code: 'member-left' }
  | { code: 'member-deceased' };

export interface PeriodState extends Period {
  state: CoverState;
  covered: boolean;
  reason: Reason;
}

function periodOn(p: Period, day: string, renewed: boolean, standing: MemberStanding): PeriodState {
  const at = (state: CoverState, covered: boolean, reason: Reason): PeriodState => ({ ...p, state, covered, reason });
  if (standing === 'left' || standing === 'deceased') {
    if (p.endsOn < day) return at('ended', false, { code: 'ended', endsOn: p.endsOn });
    return at('ended', false, { code: standing === 'left' ? 'member-left' : 'member-deceased' });
  }
  const paid = p.paidOn !== null && p.paidOn <= day;
  if (day < p.startsOn) {
    return paid
      ? at('waiting', false, { code: 'paid-not-begun', paidOn: p.paidOn!, startsOn: p.startsOn })
      : at('waiting', false, { code: 'unpaid-not-begun', startsOn: p.startsOn });
  }
  const current = day <= p.endsOn;
  if (current && standing === 'suspended') return at('suspended', false, { code: 'member-suspended' });
  if (paid) {
    if (current) return at('active', true, { code: 'paid', paidOn: p.paidOn! });
    const until = addDays(p.endsOn, p.graceDays);
    if (p.source === 'premium' && !renewed && day <= until && standing === 'active')
      return at('in_grace', true, { code: 'renewal-grace', until });
    return at('ended', false, { code: 'ended', endsOn: p.endsOn });
  }
  if (!current) return at('lapsed', false, { code: 'ended-unpaid', endsOn: p.endsOn });
  const graceEnd = addDays(p.startsOn, p.graceDays);
  if (day < graceEnd) return at('in_grace', true, { code: 'payment-grace', until: addDays(graceEnd, -1) });
  return at('suspended', false, { code: 'unpaid', since: graceEnd });
}

export interface Coverage {
  date: string;
  covered: boolean;
  /** The state that answers for the day: the covering period's, else the nearest one's; none when nothing was ever bought. */
  state: CoverState | 'none';
  /** The first day of the unbroken cover the day lies in: waiting periods of care count from it. */
  coveredSince: string | null;
  periods: PeriodState[];
}

export function coverageOn(periods: Period[], standing: MemberStanding, day: string): Coverage {
  const sorted = [...periods].sort((a, b) => a.startsOn.localeCompare(b.startsOn) || a.source.localeCompare(b.source));
  const states = sorted.map((p, i) => {
    // A later cycle of the same product, paid, makes renewal grace unneeded.
    const renewed = sorted
      .slice(i + 1)
      .some((q) => q.productId === p.productId && q.paidOn !== null && q.paidOn <= day);
    return periodOn(p, day, renewed, standing);
  });
  const covering = states.find((s) => s.covered);
  const nearest =
    covering ??
    states.find((s) => s.startsOn <= day && day <= s.endsOn) ??
    states.find((s) => s.startsOn > day) ??
    states[states.length - 1];
  return {
    date: day,
    covered: Boolean(covering),
    state: nearest?.state ?? 'none',
    coveredSince: covering ? unbrokenSince(states, covering, day) : null,
    periods: states,
  };
}

/** Back from the covering period through periods paid by the day that meet it without a gap. */
function unbrokenSince(states: PeriodState[], from: PeriodState, day: string) {
  let since = from.startsOn;
  for (;;) {
    const before = states.find(
      (s) => s.paidOn !== null && s.paidOn <= day && s.startsOn < since && addDays(s.endsOn, 1) >= since,
    );
    if (!before) return since;
    since = before.startsOn;
  }
}
