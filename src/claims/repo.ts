import type { Executor } from '../platform/db/database.js';
import { addDays } from '../platform/dates.js';
import type { Usage } from './adjudicate.js';
import { COUNTED_STATUSES } from '../eligibility/ceilings.js';
import { Tallies } from './tally.js';

/** Members asked about in one query. */
const CHUNK = 500;

const counts = (status: string) => (COUNTED_STATUSES as readonly string[]).includes(status);

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

/** A member's earlier care that counts against ceilings and uses: a claim, or care paid back. */
export interface CareRow {
  number: string;
  /** The facility, or the provider outside the network (providerKey). */
  facility_id: string;
  category: string;
  setting: string;
  case_code: string | null;
  admitted_on: string;
  status: string;
  approved: number;
  proposed: number;
}

/** The days a claim of that day needs the member's earlier care for: the 30 days before, and its calendar year. */
export function careWindow(day: string) {
  const year = day.slice(0, 4);
  const windowStart = addDays(day, -29);
  return { from: windowStart < `${year}-01-01` ? windowStart : `${year}-01-01`, to: `${year}-12-31` };
}

/** The members' claims and reimbursements between two days, approved or in review, by member. */
export async function memberCare(db: Executor, schemeId: string, memberIds: string[], from: string, to: string) {
  const byMember = new Map<string, CareRow[]>();
  for (let i = 0; i < memberIds.length; i += CHUNK) {
    const ids = memberIds.slice(i, i + CHUNK);
    const [claims, refunds] = await Promise.all([
      db
        .selectFrom('claim')
        .select([
          'member_id',
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
        .where('scheme_id', '=', schemeId)
        .where('member_id', 'in', ids)
        .where('admitted_on', '>=', from)
        .where('admitted_on', '<=', to)
        .execute(),
      // Care paid back to the member counts against the same ceilings and uses.
      db
        .selectFrom('reimbursement')
        .select([
          'member_id',
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
        .where('scheme_id', '=', schemeId)
        .where('member_id', 'in', ids)
        .where('care_on', '>=', from)
        .where('care_on', '<=', to)
        .execute(),
    ]);
    const add = (memberId: string, row: CareRow) => {
      const list = byMember.get(memberId);
      if (list) list.push(row);
      else byMember.set(memberId, [row]);
    };
    // Statuses are filtered here, not in SQL: given a status to match, SQLite's planner may walk
    // the status index, every claim of the scheme, instead of each member's few claims.
    for (const c of claims) {
      if (!counts(c.status)) continue;
      add(c.member_id, { ...c, approved: Number(c.approved), proposed: Number(c.proposed) });
    }
    for (const r of refunds) {
      if (!counts(r.status)) continue;
      add(r.member_id, {
        number: r.number,
        facility_id: providerKey(r.provider_name),
        category: r.category,
        setting: r.setting,
        case_code: r.case_code,
        admitted_on: r.care_on,
        status: r.status,
        approved: Number(r.approved),
        proposed: Number(r.proposed),
      });
    }
  }
  return byMember;
}

/**
 * The last day each service or medicine was paid for each member: their claims by the member
 * index, then those claims' lines by their key. Two lookups rather than a join, which a planner
 * may start from the lines, every line of a code in the scheme.
 */
export async function lastUses(db: Executor, schemeId: string, memberIds: string[], codes: string[]) {
  const byMember = new Map<string, Map<string, string>>();
  if (!codes.length) return byMember;
  for (let i = 0; i < memberIds.length; i += CHUNK) {
    const claims = (
      await db
        .selectFrom('claim')
        .select(['id', 'member_id', 'status', 'admitted_on'])
        .where('scheme_id', '=', schemeId)
        .where('member_id', 'in', memberIds.slice(i, i + CHUNK))
        .execute()
    ).filter((c) => counts(c.status));
    const byClaim = new Map(claims.map((c) => [c.id, c]));
    for (let k = 0; k < claims.length; k += CHUNK) {
      const lines = await db
        .selectFrom('claim_line')
        .select(['claim_id', 'code'])
        .where('scheme_id', '=', schemeId)
        .where(
          'claim_id',
          'in',
          claims.slice(k, k + CHUNK).map((c) => c.id),
        )
        .where('approved', '>', 0)
        .where('code', 'in', codes)
        .execute();
      for (const l of lines) {
        const c = byClaim.get(l.claim_id)!;
        const uses = byMember.get(c.member_id) ?? new Map<string, string>();
        const last = uses.get(l.code);
        if (!last || last < c.admitted_on) uses.set(l.code, c.admitted_on);
        byMember.set(c.member_id, uses);
      }
    }
  }
  return byMember;
}

/**
 * What the member has used before this claim, from their earlier care (pure): amounts in the
 * calendar year by category, setting and in all, uses of the category, the same care claimed
 * before, claims in the 30 days up to the day.
 */
export function usageFrom(
  care: CareRow[],
  q: Pick<UsageQuestion, 'facilityId' | 'category' | 'setting' | 'caseCode' | 'admittedOn'>,
): Pick<Usage, 'year' | 'uses' | 'duplicateOf' | 'memberClaims30Days'> {
  const year = q.admittedOn.slice(0, 4);
  const month = q.admittedOn.slice(0, 7);
  const windowStart = addDays(q.admittedOn, -29);
  const usage = {
    year: { category: 0, setting: 0, total: 0 },
    uses: { month: 0, year: 0 },
    duplicateOf: null as string | null,
    memberClaims30Days: 0,
  };
  for (const c of care) {
    const amount = c.status === 'review' ? c.proposed : c.approved;
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
  return usage;
}

/** One claim's usage, read inside the transaction that records it. */
export async function usageFor(db: Executor, q: UsageQuestion): Promise<Usage> {
  const { from, to } = careWindow(q.admittedOn);
  const care = (await memberCare(db, q.schemeId, [q.memberId], from, to)).get(q.memberId) ?? [];
  const [uses, tallies] = await Promise.all([
    lastUses(db, q.schemeId, [q.memberId], q.codes),
    Tallies.load(
      db,
      q.schemeId,
      [
        { kind: 'facility' as const, code: q.facilityId },
        ...(q.caseCode ? [{ kind: 'case' as const, code: q.caseCode }] : []),
        ...(q.diagnosis ? [{ kind: 'diagnosis' as const, code: q.diagnosis }] : []),
      ],
      [q.admittedOn],
    ),
  ]);
  const facility = tallies.facility(q.facilityId, q.admittedOn);
  const average = q.caseCode
    ? tallies.average('case', q.caseCode, q.admittedOn)
    : q.diagnosis
      ? tallies.average('diagnosis', q.diagnosis, q.admittedOn)
      : null;
  return {
    ...usageFrom(care, q),
    lastUse: uses.get(q.memberId) ?? new Map(),
    averageClaimed: average,
    facilityToday: facility.today,
    facilityDailyAverage: facility.dailyAverage,
  };
}
