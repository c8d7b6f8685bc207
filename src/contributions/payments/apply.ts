import type { Executor } from '../../platform/db/database.js';
import { newId, nowIso } from '../../platform/ids.js';
import { markMonthPaid } from '../cover.js';
import { allocateOldestFirst, settlementDay, type Allocation } from './allocate.js';
import { employerDebts, payerDebts } from './debts.js';

/**
 * Applies what is left of a payment to an employer's or a payer's debts, oldest month first,
 * inside the caller's transaction: allocations written, the payment's credit brought down, and
 * the workers' months the payment settles marked paid.
 */
export async function applyPayment(
  tx: Executor,
  schemeId: string,
  payment: { id: string; unapplied: number; paid_on: string },
  debtor: { employerId: string } | { payerId: string },
): Promise<Allocation[]> {
  if (payment.unapplied <= 0) return [];
  const employer = 'employerId' in debtor ? await employerDebts(tx, schemeId, debtor.employerId) : null;
  const debts = employer
    ? employer.map((e) => e.debt)
    : await payerDebts(tx, schemeId, (debtor as { payerId: string }).payerId);
  const { allocations, left } = allocateOldestFirst(payment.unapplied, debts);
  if (!allocations.length) return [];
  const now = nowIso();
  await tx
    .insertInto('allocation')
    .values(
      allocations.map((a) => ({
        id: newId(),
        scheme_id: schemeId,
        payment_id: payment.id,
        employer_id: a.employerId,
        period: a.period,
        payer_id: a.payerId,
        amount: a.amount,
        created_at: now,
      })),
    )
    .execute();
  await tx
    .updateTable('payment')
    .set({ unapplied: left })
    .where('scheme_id', '=', schemeId)
    .where('id', '=', payment.id)
    .execute();
  payment.unapplied = left;
  // Only the employer's own part buys its workers' cover; a payer's subsidy is the payer's debt.
  for (const a of allocations) {
    const invoice = employer?.find((e) => e.debt.period === a.period);
    if (a.settles && invoice) await markMonthPaid(tx, schemeId, invoice.invoiceId, payment.paid_on);
  }
  return allocations;
}

/**
 * After an employer's month is declared or corrected: its credits (payments that were more than
 * was owed) pay the new debts, oldest payment first; and a month whose correction asks no more
 * than was already paid is paid as it stands.
 */
export async function settleEmployer(tx: Executor, schemeId: string, employerId: string, invoiceId: string) {
  const credits = await tx
    .selectFrom('payment')
    .select(['id', 'unapplied', 'paid_on'])
    .where('scheme_id', '=', schemeId)
    .where('employer_id', '=', employerId)
    .where('state', '=', 'applied')
    .where('unapplied', '>', 0)
    .orderBy('paid_on')
    .orderBy('id')
    .execute();
  for (const c of credits)
    await applyPayment(tx, schemeId, { id: c.id, unapplied: Number(c.unapplied), paid_on: c.paid_on }, { employerId });
  const month = (await employerDebts(tx, schemeId, employerId)).find((d) => d.invoiceId === invoiceId);
  if (month && month.debt.owed === 0) {
    const day = await settledOn(tx, schemeId, employerId, month.debt.period, month.due);
    await markMonthPaid(tx, schemeId, invoiceId, day ?? nowIso().slice(0, 10));
  }
}

/** The day an employer's month was settled, from its allocations in the order they were made. */
export async function settledOn(tx: Executor, schemeId: string, employerId: string, period: string, due: number) {
  const rows = await tx
    .selectFrom('allocation as a')
    .innerJoin('payment as p', (j) => j.onRef('p.scheme_id', '=', 'a.scheme_id').onRef('p.id', '=', 'a.payment_id'))
    .select(['a.amount', 'p.paid_on'])
    .where('a.scheme_id', '=', schemeId)
    .where('a.employer_id', '=', employerId)
    .where('a.period', '=', period)
    .where('a.payer_id', 'is', null)
    .orderBy('a.id')
    .execute();
  return settlementDay(
    rows.map((r) => ({ amount: Number(r.amount), paidOn: r.paid_on })),
    due,
  );
}
