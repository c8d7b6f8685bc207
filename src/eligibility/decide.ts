import type { Coverage } from '../coverage/state.js';
import { addDays } from '../platform/dates.js';

/** The member's cover on the day, as the coverage part answers it. */
export type CoverOnDay = Pick<Coverage, 'date' | 'covered' | 'state' | 'coveredSince'> & {
  periods: {
    startsOn: string;
    endsOn: string;
    paidOn: string | null;
    covered: boolean;
    productId: string;
    reason: { code: string; until?: string };
  }[];
};

/**
 * The answer at the desk: is the person covered on the day, until when, and for which kinds of
 * care, with the waiting periods still running. Pure: the member's cover on the day and the
 * product version in force in; the answer out.
 */

export interface CategoryTerms {
  category: string;
  covered: boolean;
  waitingDays: number;
  ceilingPerMember: number | null;
}

export interface CategoryAnswer {
  category: string;
  covered: boolean;
  /** Set while the category's waiting period, counted from the start of unbroken cover, runs. */
  waitingUntil: string | null;
  ceilingPerMember: number | null;
}

export interface Eligibility {
  covered: boolean;
  state: Coverage['state'];
  /** The last day of the cover paid (or of the grace) the day lies in. */
  coveredUntil: string | null;
  coveredSince: string | null;
  productId: string | null;
  categories: CategoryAnswer[];
}

export function decide(coverage: CoverOnDay, categories: CategoryTerms[] | null): Eligibility {
  const covering = coverage.periods.find((p) => p.covered) ?? null;
  if (!coverage.covered || !covering) {
    return {
      covered: false,
      state: coverage.state,
      coveredUntil: null,
      coveredSince: null,
      productId: null,
      categories: [],
    };
  }
  // Forward through the periods paid by the day that follow on without a gap.
  // In grace, the cover runs until the grace ends.
  let until: string = covering.reason.until ?? covering.endsOn;
  for (;;) {
    const next = coverage.periods.find(
      (p) => p.paidOn !== null && p.paidOn <= coverage.date && p.startsOn <= addDays(until, 1) && p.endsOn > until,
    );
    if (!next) break;
    until = next.endsOn;
  }
  const since = coverage.coveredSince!;
  return {
    covered: true,
    state: coverage.state,
    coveredUntil: until,
    coveredSince: since,
    productId: covering.productId,
    categories: (categories ?? []).map((c) => {
      const waitingEnds = addDays(since, c.waitingDays);
      const waiting = c.covered && c.waitingDays > 0 && coverage.date < waitingEnds;
      return {
        category: c.category,
        covered: c.covered && !waiting,
        waitingUntil: waiting ? addDays(waitingEnds, -1) : null,
        ceilingPerMember: c.ceilingPerMember,
      };
    }),
  };
}
