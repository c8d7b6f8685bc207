import { sql } from 'kysely';
import type { Executor } from '../../platform/db/database.js';
import type { Debt } from './allocate.js';

/**
 * What is still owed, month by month, on current invoices: by an employer (its workers' and its
 * own parts) or by a payer (its subsidies). What was paid is summed over the employer's month,
 * not the invoice, so a corrected invoice counts what was paid against the version before it.
 */
export async function employerDebts(db: Executor, schemeId: string, employerId: string) {
  const rows = await db
    .selectFrom('invoice as i')
    .select(['i.id', 'i.period', sql<number>`i.member_part + i.employer_part`.as('due')])
    .select((eb) =>
      eb
        .selectFrom('allocation as a')
        .select(sql<number>`coalesce(sum(a.amount), 0)`.as('paid'))
        .whereRef('a.scheme_id', '=', 'i.scheme_id')
        .whereRef('a.employer_id', '=', 'i.employer_id')
        .whereRef('a.period', '=', 'i.period')
        .where('a.payer_id', 'is', null)
        .as('paid'),
    )
    .where('i.scheme_id', '=', schemeId)
    .where('i.employer_id', '=', employerId)
    .where('i.state', '=', 'open')
    .execute();
  return rows.map((r) => ({
    invoiceId: r.id,
    debt: {
      employerId,
      period: r.period,
      payerId: null,
      owed: Math.max(0, Number(r.due) - Number(r.paid ?? 0)),
    } satisfies Debt,
    paid: Number(r.paid ?? 0),
    due: Number(r.due),
  }));
}

export async function payerDebts(db: Executor, schemeId: string, payerId: string): Promise<Debt[]> {
  // Only invoices that name the payer; its part is in the invoice's JSON of payer totals.
  const invoices = await db
    .selectFrom('invoice')
    .select(['employer_id', 'period', 'payer_parts_json'])
    .where('scheme_id', '=', schemeId)
    .where('state', '=', 'open')
    .where('payer_parts_json', 'like', `%${payerId}%`)
    .execute();
  if (!invoices.length) return [];
  const paid = await db
    .selectFrom('allocation')
    .select(['employer_id', 'period', sql<number>`sum(amount)`.as('paid')])
    .where('scheme_id', '=', schemeId)
    .where('payer_id', '=', payerId)
    .groupBy(['employer_id', 'period'])
    .execute();
  const paidBy = new Map(paid.map((p) => [`${p.employer_id} ${p.period}`, Number(p.paid)]));
  return invoices.map((i) => {
    const part = (JSON.parse(i.payer_parts_json) as { payerId: string; amount: number }[]).find(
      (p) => p.payerId === payerId,
    );
    return {
      employerId: i.employer_id,
      period: i.period,
      payerId,
      owed: Math.max(0, (part?.amount ?? 0) - (paidBy.get(`${i.employer_id} ${i.period}`) ?? 0)),
    };
  });
}
