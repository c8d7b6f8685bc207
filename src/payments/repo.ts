import { sql } from 'kysely';
import type { Executor } from '../platform/db/database.js';
import { addDays, dayNumber } from '../platform/dates.js';
import type { CategoryPaymentTerms } from '../claims/contracts/schemas.js';
import type { ClaimTotal, ContractInMonth, FacilityFacts, Mechanism, RunFacts } from './statement.js';

/** The first and last day of a month, and its length. */
export function monthOf(period: string) {
  const first = `${period}-01`;
  const [y, m] = period.split('-').map(Number) as [number, number];
  const next = m === 12 ? `${y + 1}-01-01` : `${y}-${String(m + 1).padStart(2, '0')}-01`;
  const last = addDays(next, -1);
  return { first, last, days: dayNumber(next) - dayNumber(first) };
}

/** Mechanisms whose claims are paid claim by claim; capitation and lump sums are paid by the month. */
export const PAID_BY_CLAIM: Mechanism[] = ['case', 'fee_for_service', 'relative'];

/**
 * The claims a run pays: decided and approved with something to pay, cared for by the month's
 * end, and paid by no other run. Claims of earlier months still unpaid (a late claim) are paid too.
 */
export const payableClaims = (db: Executor, schemeId: string, runId: string, last: string) =>
  db
    .selectFrom('claim')
    .where('scheme_id', '=', schemeId)
    .where('status', 'in', ['approved', 'partly_approved'])
    .where('approved', '>', 0)
    .where('mechanism', 'in', PAID_BY_CLAIM)
    .where('admitted_on', '<=', last)
    .where((eb) => eb.or([eb('payment_run_id', 'is', null), eb('payment_run_id', '=', runId)]));

/** Everything a month's statements are computed from, read in the run's own transaction. */
export async function runFacts(db: Executor, schemeId: string, runId: string, period: string): Promise<RunFacts> {
  const { first, last, days } = monthOf(period);
  const contractRows = await db
    .selectFrom('contract')
    .select(['facility_id', 'starts_on', 'ends_on', 'terms_json'])
    .where('scheme_id', '=', schemeId)
    .where('starts_on', '<=', last)
    .where((eb) => eb.or([eb('ends_on', 'is', null), eb('ends_on', '>=', first)]))
    .orderBy('facility_id')
    .orderBy('starts_on')
    .execute();
  const contracts: ContractInMonth[] = contractRows.map((k) => {
    const from = k.starts_on > first ? k.starts_on : first;
    const to = k.ends_on !== null && k.ends_on < last ? k.ends_on : last;
    return {
      facilityId: k.facility_id,
      daysInForce: dayNumber(to) - dayNumber(from) + 1,
      categories: JSON.parse(k.terms_json) as CategoryPaymentTerms[],
    };
  });

  const withCapitation = [
    ...new Set(
      contracts.filter((c) => c.categories.some((t) => t.mechanism === 'capitation')).map((c) => c.facilityId),
    ),
  ];
  const facilities = new Map<string, FacilityFacts>();
  if (withCapitation.length) {
    const rows = await db
      .selectFrom('facility as f')
      .leftJoin('area as a', (j) => j.onRef('a.scheme_id', '=', 'f.scheme_id').onRef('a.id', '=', 'f.area_id'))
      .select(['f.id', 'a.path', 'a.population'])
      .where('f.scheme_id', '=', schemeId)
      .where('f.id', 'in', withCapitation)
      .execute();
    const visits = await db
      .selectFrom('visit')
      .select(['facility_id', sql<number>`count(*)`.as('n')])
      .where('scheme_id', '=', schemeId)
      .where('facility_id', 'in', withCapitation)
      .where('visited_on', '>=', first)
      .where('visited_on', '<=', last)
      .groupBy('facility_id')
      .execute();
    for (const f of rows) {
      facilities.set(f.id, {
        id: f.id,
        population: Number(f.population ?? 0),
        members: f.path ? await membersCoveredIn(db, schemeId, { areaPath: f.path }, first, last) : 0,
        assigned: await membersCoveredIn(db, schemeId, { facilityId: f.id }, first, last),
        visits: Number(visits.find((v) => v.facility_id === f.id)?.n ?? 0),
      });
    }
  }

  const claims = (
    await payableClaims(db, schemeId, runId, last)
      .select([
        'facility_id',
        'category',
        'mechanism',
        sql<number>`count(*)`.as('n'),
        sql<number>`sum(approved)`.as('amount'),
      ])
      .groupBy(['facility_id', 'category', 'mechanism'])
      .orderBy('facility_id')
      .orderBy('category')
      .execute()
  ).map((c): ClaimTotal => ({
    facilityId: c.facility_id,
    category: c.category,
    mechanism: c.mechanism as Mechanism,
    claims: Number(c.n),
    amount: Number(c.amount),
  }));

  const adjustments = (
    await db
      .selectFrom('payment_adjustment')
      .select(['facility_id', 'amount', 'reason'])
      .where('scheme_id', '=', schemeId)
      .where('run_id', '=', runId)
      .orderBy('created_at')
      .execute()
  ).map((a) => ({ facilityId: a.facility_id, amount: Number(a.amount), reason: a.reason }));

  const scheme = await db
    .selectFrom('scheme')
    .select('currency_minor_units')
    .where('id', '=', schemeId)
    .executeTakeFirstOrThrow();
  return {
    daysInMonth: days,
    minorUnits: scheme.currency_minor_units,
    contributions: await contributionsIn(db, schemeId, first, last),
    contracts,
    facilities,
    claims,
    adjustments,
  };
}

/** Members covered (their month paid) at some time in the month: living within an area, or assigned to a facility. */
async function membersCoveredIn(
  db: Executor,
  schemeId: string,
  who: { areaPath: string } | { facilityId: string },
  first: string,
  last: string,
) {
  let query = db
    .selectFrom('coverage_period as c')
    .innerJoin('member as m', (j) => j.onRef('m.scheme_id', '=', 'c.scheme_id').onRef('m.id', '=', 'c.member_id'))
    .leftJoin('invoice as i', (j) => j.onRef('i.scheme_id', '=', 'c.scheme_id').onRef('i.id', '=', 'c.source_id'))
    .select(sql<number>`count(distinct c.member_id)`.as('n'))
    .where('c.scheme_id', '=', schemeId)
    .where('c.starts_on', '<=', last)
    .where('c.ends_on', '>=', first)
    .where((eb) => eb.or([eb('c.paid_on', 'is not', null), eb('i.settled_on', 'is not', null)]));
  query =
    'areaPath' in who
      ? query.where('m.area_id', 'in', (eb) =>
          eb
            .selectFrom('area')
            .select('id')
            .where('scheme_id', '=', schemeId)
            .where('path', 'like', `${who.areaPath}%`),
        )
      : query.where('m.assigned_facility_id', '=', who.facilityId);
  const row = await query.executeTakeFirst();
  return Number(row?.n ?? 0);
}

/** Contributions received in the month: payments applied, and premiums collected in cash. */
async function contributionsIn(db: Executor, schemeId: string, first: string, last: string) {
  const paid = await db
    .selectFrom('payment')
    .select(sql<number>`coalesce(sum(amount), 0)`.as('total'))
    .where('scheme_id', '=', schemeId)
    .where('state', '=', 'applied')
    .where('paid_on', '>=', first)
    .where('paid_on', '<=', last)
    .executeTakeFirst();
  const cash = await db
    .selectFrom('premium')
    .select(sql<number>`coalesce(sum(amount), 0)`.as('total'))
    .where('scheme_id', '=', schemeId)
    .where('payment_id', 'is', null)
    .where('collected_on', '>=', first)
    .where('collected_on', '<=', last)
    .executeTakeFirst();
  return Number(paid?.total ?? 0) + Number(cash?.total ?? 0);
}
