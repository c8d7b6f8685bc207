import type { CategoryPaymentTerms } from '../claims/contracts/schemas.js';
import { formatMoney } from '../platform/money.js';

/**
 * What each facility is owed for a month (seeds 001 and 003): capitation and lump sums by the
 * month, cases and fees for service by the claims decided, a share of a fixed budget divided over
 * the value of the claims (relative pricing), and adjustments. Pure: the month's facts in, the
 * statements out, each line saying how its amount was reached.
 */

export type Mechanism = CategoryPaymentTerms['mechanism'];

export interface ContractInMonth {
  facilityId: string;
  /** Days of the month the contract was in force: monthly amounts are paid pro rata. */
  daysInForce: number;
  categories: CategoryPaymentTerms[];
}

export interface FacilityFacts {
  id: string;
  /** The catchment's population, from the facility's area. */
  population: number;
  /** Members covered in the month living in the facility's catchment. */
  members: number;
  /** Members covered in the month assigned to the facility. */
  assigned: number;
  visits: number;
}

export interface ClaimTotal {
  facilityId: string;
  category: string;
  mechanism: Mechanism;
  claims: number;
  amount: number;
}

export interface RunFacts {
  daysInMonth: number;
  /** Digits of the currency after the point, for the amounts in the lines' words. */
  minorUnits: number;
  /** Contributions received in the month. */
  contributions: number;
  contracts: ContractInMonth[];
  facilities: Map<string, FacilityFacts>;
  claims: ClaimTotal[];
  adjustments: { facilityId: string; amount: number; reason: string }[];
}

export interface StatementLine {
  category: string | null;
  mechanism: Mechanism | 'adjustment';
  claims: number;
  basis: string;
  amount: number;
}

export interface Statement {
  facilityId: string;
  capitation: number;
  caseBased: number;
  lumpSum: number;
  feeForService: number;
  relative: number;
  adjustments: number;
  total: number;
  claims: number;
  lines: StatementLine[];
}

const pct = (bp: number) => `${(bp / 100).toLocaleString('en')} %`;

const prorata = (amount: number, days: number, daysInMonth: number) => Math.round((amount * days) / daysInMonth);

export function statements(f: RunFacts): Statement[] {
  const money = (n: number) => formatMoney(n, f.minorUnits);
  const byFacility = new Map<string, Statement>();
  const statementOf = (facilityId: string) => {
    let s = byFacility.get(facilityId);
    if (!s) {
      s = {
        facilityId,
        capitation: 0,
        caseBased: 0,
        lumpSum: 0,
        feeForService: 0,
        relative: 0,
        adjustments: 0,
        total: 0,
        claims: 0,
        lines: [],
      };
      byFacility.set(facilityId, s);
    }
    return s;
  };
  const part = (facts: FacilityFacts | undefined) =>
    facts ?? { id: '', population: 0, members: 0, assigned: 0, visits: 0 };
  const partOfMonth = (days: number) => (days < f.daysInMonth ? ` for ${days} of ${f.daysInMonth} days` : '');

  // Shares of contributions are split between the facilities paid that way for the category,
  // by each one's part of the catchment population, the members and the visits.
  const shareTotals = new Map<string, { population: number; members: number; visits: number }>();
  for (const c of f.contracts) {
    for (const t of c.categories) {
      if (t.mechanism !== 'capitation' || t.basis.kind !== 'contribution_share') continue;
      const x = part(f.facilities.get(c.facilityId));
      const sum = shareTotals.get(t.category) ?? { population: 0, members: 0, visits: 0 };
      shareTotals.set(t.category, {
        population: sum.population + x.population,
        members: sum.members + x.members,
        visits: sum.visits + x.visits,
      });
    }
  }

  for (const c of f.contracts) {
    const s = statementOf(c.facilityId);
    const x = part(f.facilities.get(c.facilityId));
    for (const t of c.categories) {
      if (t.mechanism === 'lump_sum') {
        const amount = prorata(t.amountPerMonth, c.daysInForce, f.daysInMonth);
        s.lumpSum += amount;
        s.lines.push({
          category: t.category,
          mechanism: 'lump_sum',
          claims: 0,
          basis: `${money(t.amountPerMonth)} a month${partOfMonth(c.daysInForce)}`,
          amount,
        });
      } else if (t.mechanism === 'capitation' && t.basis.kind === 'per_member') {
        const assigned = t.basis.members === 'assigned';
        const members = assigned ? x.assigned : x.members;
        const amount = prorata(t.basis.amountPerMember * members, c.daysInForce, f.daysInMonth);
        s.capitation += amount;
        s.lines.push({
          category: t.category,
          mechanism: 'capitation',
          claims: 0,
          basis: `${members.toLocaleString('en')} members ${assigned ? 'assigned' : 'in the catchment'} × ${money(t.basis.amountPerMember)}${partOfMonth(c.daysInForce)}`,
          amount,
        });
      } else if (t.mechanism === 'capitation' && t.basis.kind === 'contribution_share') {
        const { weights, shareBp } = t.basis;
        const totals = shareTotals.get(t.category)!;
        const weightSum = weights.population + weights.members + weights.visits;
        const fraction = (mine: number, all: number) => (all > 0 ? mine / all : 0);
        const share =
          weightSum > 0
            ? (weights.population * fraction(x.population, totals.population) +
                weights.members * fraction(x.members, totals.members) +
                weights.visits * fraction(x.visits, totals.visits)) /
              weightSum
            : 0;
        const amount = prorata(
          Math.round(((f.contributions * shareBp) / 10_000) * share),
          c.daysInForce,
          f.daysInMonth,
        );
        s.capitation += amount;
        s.lines.push({
          category: t.category,
          mechanism: 'capitation',
          claims: 0,
          basis: `${pct(shareBp)} of ${money(f.contributions)} contributions, of which this facility's part is ${(share * 100).toFixed(2)} %${partOfMonth(c.daysInForce)}`,
          amount,
        });
      }
    }
  }

  // Relative pricing: the budget (a share of contributions) over the value of all such claims,
  // never more than their value.
  const relativeValue = new Map<string, number>();
  for (const c of f.claims) {
    if (c.mechanism === 'relative') relativeValue.set(c.category, (relativeValue.get(c.category) ?? 0) + c.amount);
  }
  const relativeShare = (facilityId: string, category: string) => {
    for (const k of f.contracts) {
      if (k.facilityId !== facilityId) continue;
      const t = k.categories.find((x) => x.category === category);
      if (t?.mechanism === 'relative') return t.shareBp;
    }
    return 0;
  };

  for (const c of f.claims) {
    const s = statementOf(c.facilityId);
    s.claims += c.claims;
    const claimsText = `${c.claims.toLocaleString('en')} claim${c.claims === 1 ? '' : 's'}`;
    if (c.mechanism === 'case') {
      s.caseBased += c.amount;
      s.lines.push({ ...c, mechanism: 'case', basis: `${claimsText} at their case prices`, amount: c.amount });
    } else if (c.mechanism === 'fee_for_service') {
      s.feeForService += c.amount;
      s.lines.push({ ...c, mechanism: 'fee_for_service', basis: `${claimsText} at list prices`, amount: c.amount });
    } else if (c.mechanism === 'relative') {
      const budget = Math.round((f.contributions * relativeShare(c.facilityId, c.category)) / 10_000);
      const total = relativeValue.get(c.category)!;
      const point = total > 0 ? Math.min(1, budget / total) : 0;
      const amount = Math.round(c.amount * point);
      s.relative += amount;
      s.lines.push({
        ...c,
        mechanism: 'relative',
        basis: `${claimsText} worth ${money(c.amount)}, paid at ${(point * 100).toFixed(2)} % (a budget of ${money(budget)} over ${money(total)})`,
        amount,
      });
    }
  }

  for (const a of f.adjustments) {
    const s = statementOf(a.facilityId);
    s.adjustments += a.amount;
    s.lines.push({ category: null, mechanism: 'adjustment', claims: 0, basis: a.reason, amount: a.amount });
  }

  for (const s of byFacility.values()) {
    s.total = s.capitation + s.caseBased + s.lumpSum + s.feeForService + s.relative + s.adjustments;
  }
  return [...byFacility.values()].sort((a, b) => (a.facilityId < b.facilityId ? -1 : 1));
}
