import { sql } from 'kysely';
import type { Executor } from '../platform/db/database.js';
import { addDays } from '../platform/dates.js';
import type { Usage } from './adjudicate.js';
import { COUNTED_STATUSES } from '../eligibility/ceilings.js';

/** Claims that count against ceilings and uses: paid, or waiting for a person to decide. */
const counted = COUNTED_STATUSES;

/** Averages and daily rates are only trusted from this many claims. */
const ENOUGH = 5;

/** Where a reimbursed member was cared for, standing for the facility in the usage question. */
export const providerKey = (name: string) => `provider:${name.trim().toLowerCase()}`;

export interface UsageQuestion {
  schemeId: string;
  memberId: string;
  facilityId: string;
  category: string;
  setting: string;
  caseCode: string | null;
  diagnosis: string | null;
  admittedOn: string;
  codes: string[];
}

/**
 * What the member and the facility have already claimed, read inside the transaction that
 * records the new claim, so that two claims of the same member cannot both pass a ceiling.
 */
export async function usageFor(db: Executor, q: UsageQuestion): Promise<Usage> {
  const year = q.admittedOn.slice(0, 4);
  const month = q.admittedOn.slice(0, 7);
  const windowStart = addDays(q.admittedOn, -29);
  const from = windowStart < `${year}-01-01` ? windowStart : `${year}-01-01`;
  const claims = await db
    .selectFrom('claim')
    .select([
      'number',
      'facility_id',
      'category',
      'setting',
      'case_code',
      'admitted_on',
      'status',
      'approved',
      'proposed',
    ])
    .where('scheme_id', '=', q.schemeId)
    .where('member_id', '=', q.memberId)
    .where('admitted_on', '>=', from)
    .where('admitted_on', '<=', `${year}-12-31`)
    .where('status', 'in', counted)
    .execute();

  // Care paid back to the member counts against the same ceilings and uses; a provider outside
  // the network stands where the facility would.
  const refunds = await db
    .selectFrom('reimbursement')
    .select([
      'number',
      'provider_name',
      'category',
      'setting',
      'case_code',
      'care_on',
      'status',
      'approved',
      'proposed',
    ])
    .where('scheme_id', '=', q.schemeId)
    .where('member_id', '=', q.memberId)
    .where('care_on', '>=', from)
    .where('care_on', '<=', `${year}-12-31`)
    .where('status', 'in', counted)
    .execute();
  const care = [
    ...claims,
    ...refunds.map((r) => ({ ...r, facility_id: providerKey(r.provider_name), admitted_on: r.care_on })),
  ];

  const usage: Usage = {
    year: { category: 0, setting: 0, total: 0 },
    uses: { month: 0, year: 0 },
    lastUse: new Map(),
    duplicateOf: null,
    memberClaims30Days: 0,
    averageClaimed: null,
    facilityToday: 0,
    facilityDailyAverage: null,
  };
  for (const c of care) {
    const amount = Number(c.status === 'review' ? c.proposed : c.approved);
    if (c.admitted_on >= windowStart && c.admitted_on <= q.admittedOn) usage.memberClaims30Days += 1;
    if (c.admitted_on.slice(0, 4) !== year) continue;
    usage.year.total += amount;
    if (c.setting === q.setting) usage.year.setting += amount;
    if (c.category !== q.category) continue;
    usage.year.category += amount;
    usage.uses.year += 1;
    if (c.admitted_on.slice(0, 7) === month) usage.uses.month += 1;
    if (c.facility_id === q.facilityId && c.admitted_on === q.admittedOn && c.case_code === q.caseCode) {
      usage.duplicateOf ??= c.number;
    }
  }

  if (q.codes.length) {
    const uses = await db
      .selectFrom('claim_line as l')
      .innerJoin('claim as c', (j) => j.onRef('c.scheme_id', '=', 'l.scheme_id').onRef('c.id', '=', 'l.claim_id'))
      .select(['l.code', (eb) => eb.fn.max('c.admitted_on').as('last')])
      .where('c.scheme_id', '=', q.schemeId)
      .where('c.member_id', '=', q.memberId)
      .where('c.status', 'in', counted)
      .where('c.admitted_on', '<=', q.admittedOn)
      .where('l.approved', '>', 0)
      .where('l.code', 'in', q.codes)
      .groupBy('l.code')
      .execute();
    for (const u of uses) if (u.last) usage.lastUse.set(u.code, u.last);
  }

  // The same case, or without one the same diagnosis, over the year before the day of care.
  const same = q.caseCode
    ? { column: 'case_code' as const, value: q.caseCode }
    : q.diagnosis
      ? { column: 'diagnosis' as const, value: q.diagnosis }
      : null;
  if (same) {
    const avg = await db
      .selectFrom('claim')
      .select([sql<number>`avg(claimed)`.as('average'), sql<number>`count(*)`.as('n')])
      .where('scheme_id', '=', q.schemeId)
      .where(same.column, '=', same.value)
      .where('admitted_on', '>=', addDays(q.admittedOn, -365))
      .where('admitted_on', '<', q.admittedOn)
      .where('status', '!=', 'rejected')
      .executeTakeFirst();
    if (avg && Number(avg.n) >= ENOUGH) usage.averageClaimed = Math.round(Number(avg.average));
  }

  const facility = await db
    .selectFrom('claim')
    .select([
      sql<number>`sum(case when admitted_on = ${q.admittedOn} then 1 else 0 end)`.as('today'),
      sql<number>`sum(case when admitted_on < ${q.admittedOn} then 1 else 0 end)`.as('before'),
    ])
    .where('scheme_id', '=', q.schemeId)
    .where('facility_id', '=', q.facilityId)
    .where('admitted_on', '>=', addDays(q.admittedOn, -90))
    .where('admitted_on', '<=', q.admittedOn)
    .executeTakeFirst();
  usage.facilityToday = Number(facility?.today ?? 0);
  const before = Number(facility?.before ?? 0);
  // Only a facility with a history of its own is compared with it.
  if (before >= ENOUGH * 6) usage.facilityDailyAverage = before / 90;
  return usage;
}
