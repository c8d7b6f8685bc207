import type { Db, Executor } from '../platform/db/database.js';
import { bulkInsert } from '../platform/db/bulk.js';
import { coversDependant, type DependantTerms } from './dependants.js';

/**
 * The periods of cover that money buys, kept beside the money in the same transaction: a month
 * for each worker on an employer's current declaration, paid once the employer's part of the
 * month is settled (its invoice holds the day); a cycle for each member a household's premium covers. The coverage part
 * reads them, works out each one's state on a day, and can rebuild them from the money alone.
 */

/** The first and the last day of a month given as YYYY-MM. */
export function monthBounds(period: string) {
  const [y, m] = period.split('-').map(Number) as [number, number];
  const last = new Date(Date.UTC(y, m, 0)).getUTCDate();
  return { startsOn: `${period}-01`, endsOn: `${period}-${String(last).padStart(2, '0')}` };
}

/**
 * The members a declared month covers: the workers, and, under a product that covers the
 * household, their households' active dependants the product allows on the month's first day.
 */
export async function coveredByMonth(
  db: Executor,
  schemeId: string,
  workerIds: string[],
  terms: DependantTerms,
  period: string,
) {
  if (terms.covers !== 'household' || !terms.dependants) return workerIds;
  const { startsOn } = monthBounds(period);
  const covered = new Set(workerIds);
  const dependants: string[] = [];
  for (let i = 0; i < workerIds.length; i += 500) {
    const rows = await db
      .selectFrom('member as d')
      .innerJoin('member as w', (j) =>
        j.onRef('w.scheme_id', '=', 'd.scheme_id').onRef('w.household_id', '=', 'd.household_id'),
      )
      .select(['d.id', 'd.relation', 'd.birth_date'])
      .where('w.scheme_id', '=', schemeId)
      .where('w.id', 'in', workerIds.slice(i, i + 500))
      .where('d.status', '=', 'active')
      .orderBy('d.member_number')
      .execute();
    for (const d of rows) {
      if (covered.has(d.id) || !coversDependant(terms, d, startsOn)) continue;
      covered.add(d.id);
      dependants.push(d.id);
    }
  }
  return [...workerIds, ...dependants];
}

export interface DeclaredMonth {
  invoiceId: string;
  /** The invoice of the version this one corrects, whose months are replaced. */
  previousInvoiceId: string | null;
  period: string;
  productId: string;
  graceDays: number;
  /** The workers, then the dependants their month covers (coveredByMonth). */
  memberIds: string[];
}

export async function coverDeclaredMonth(db: Db, tx: Executor, schemeId: string, month: DeclaredMonth) {
  if (month.previousInvoiceId) {
    await tx
      .deleteFrom('coverage_period')
      .where('scheme_id', '=', schemeId)
      .where('source_id', '=', month.previousInvoiceId)
      .execute();
  }
  const { startsOn, endsOn } = monthBounds(month.period);
  await bulkInsert(
    db,
    tx,
    'coverage_period',
    month.memberIds.map((memberId) => ({
      scheme_id: schemeId,
      member_id: memberId,
      starts_on: startsOn,
      source: 'declaration' as const,
      ends_on: endsOn,
      source_id: month.invoiceId,
      product_id: month.productId,
      paid_on: null,
      grace_days: month.graceDays,
    })),
    // A worker moved between employers in a month keeps the first declaration's month.
    { ignoreConflicts: true },
  );
}

/** The employer's part of the month is paid: its workers' months, which name the invoice, are paid on that day. */
export async function markMonthPaid(tx: Executor, schemeId: string, invoiceId: string, paidOn: string) {
  await tx
    .updateTable('invoice')
    .set({ settled_on: paidOn })
    .where('scheme_id', '=', schemeId)
    .where('id', '=', invoiceId)
    .where('settled_on', 'is', null)
    .execute();
}

export interface PaidCycle {
  premiumId: string;
  productId: string;
  coverFrom: string;
  coverTo: string;
  paidOn: string;
  graceDays: number;
  memberIds: string[];
}

export async function coverPremium(db: Db, tx: Executor, schemeId: string, cycle: PaidCycle) {
  await bulkInsert(
    db,
    tx,
    'coverage_period',
    cycle.memberIds.map((memberId) => ({
      scheme_id: schemeId,
      member_id: memberId,
      starts_on: cycle.coverFrom,
      source: 'premium' as const,
      ends_on: cycle.coverTo,
      source_id: cycle.premiumId,
      product_id: cycle.productId,
      paid_on: cycle.paidOn,
      grace_days: cycle.graceDays,
    })),
  );
}
