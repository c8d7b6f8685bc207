/**
 * Applying a payment to what is owed. Pure: the debts and the amount in, the allocations and what
 * is left out. The oldest month is paid first, so that a member's cover is restored from the
 * start of the gap, and a debt is never paid beyond what it is.
 */

export interface Debt {
  employerId: string;
  /** YYYY-MM */
  period: string;
  /** Null for the employer's own part; a payer's id for a subsidy. */
  payerId: string | null;
  /** Still owed, in minor units. */
  owed: number;
}

export interface Allocation extends Omit<Debt, 'owed'> {
  amount: number;
  /** Whether this allocation pays the debt off. */
  settles: boolean;
}

export function allocateOldestFirst(amount: number, debts: Debt[]): { allocations: Allocation[]; left: number } {
  if (!Number.isSafeInteger(amount) || amount < 0) throw new RangeError(`amount ${amount} is not a whole sum`);
  const ordered = debts
    .filter((d) => d.owed > 0)
    .sort((a, b) => a.period.localeCompare(b.period) || a.employerId.localeCompare(b.employerId));
  const allocations: Allocation[] = [];
  let left = amount;
  for (const d of ordered) {
    if (left === 0) break;
    const paid = Math.min(left, d.owed);
    allocations.push({
      employerId: d.employerId,
      period: d.period,
      payerId: d.payerId,
      amount: paid,
      settles: paid === d.owed,
    });
    left -= paid;
  }
  return { allocations, left };
}
