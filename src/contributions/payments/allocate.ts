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

/**
 * The day an employer's month was settled: the payment day of the allocation, in the order they
 * were made, that brought what was paid up to what is due. Null while it is not, and for a month
 * that asks nothing (its caller settles that the day it is declared).
 */
export function settlementDay(allocations: { amount: number; paidOn: string }[], due: number): string | null {
  if (due <= 0) return null;
  let paid = 0;
  for (const a of allocations) {
    paid += a.amount;
    if (paid >= due) return a.paidOn;
  }
  return null;
}
