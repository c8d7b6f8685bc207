import { hotRead } from '../platform/db/hot.js';
import type { Db } from '../platform/db/database.js';

/**
 * What is left of a member's yearly ceilings, for the desk to say before care is given. The
 * amounts used are the claims' and reimbursements' the claims part records: approved, or in
 * review (what a person may yet approve counts until decided), in the calendar year of the day.
 */

/** Claims and reimbursements in these states count against ceilings and uses. */
export const COUNTED_STATUSES = ['approved', 'partly_approved', 'review'] as const;

export interface Used {
  byCategory: Map<string, number>;
  bySetting: Map<string, number>;
  total: number;
}

export interface Ceilings {
  perMember: number | null;
  inpatientPerMember: number | null;
  outpatientPerMember: number | null;
}

/** Room left for a category: the least of its own ceiling, its setting's and the product's; null when none applies. */
export function ceilingLeft(
  category: { ceilingPerMember: number | null; setting: string | undefined; category: string },
  product: Ceilings,
  used: Used,
): number | null {
  const setting =
    category.setting === 'inpatient'
      ? product.inpatientPerMember
      : category.setting === 'outpatient'
        ? product.outpatientPerMember
        : null;
  const rooms = [
    category.ceilingPerMember === null
      ? null
      : category.ceilingPerMember - (used.byCategory.get(category.category) ?? 0),
    setting === null ? null : setting - (used.bySetting.get(category.setting!) ?? 0),
    product.perMember === null ? null : product.perMember - used.total,
  ].filter((r): r is number => r !== null);
  return rooms.length ? Math.max(0, Math.min(...rooms)) : null;
}

const usedRows = hotRead((k, schemeId: string, memberId: string, from: string, to: string) =>
  k
    .selectFrom('claim')
    .select(['category', 'setting', 'status', 'approved', 'proposed'])
    .where('scheme_id', '=', schemeId)
    .where('member_id', '=', memberId)
    .where('admitted_on', '>=', from)
    .where('admitted_on', '<=', to)
    .unionAll(
      k
        .selectFrom('reimbursement')
        .select(['category', 'setting', 'status', 'approved', 'proposed'])
        .where('scheme_id', '=', schemeId)
        .where('member_id', '=', memberId)
        .where('care_on', '>=', from)
        .where('care_on', '<=', to),
    ),
);

/** What the member has used in the calendar year of the day. */
export async function usedInYear(db: Db, schemeId: string, memberId: string, day: string): Promise<Used> {
  const year = day.slice(0, 4);
  const rows = await usedRows(db, schemeId, memberId, `${year}-01-01`, `${year}-12-31`);
  const used: Used = { byCategory: new Map(), bySetting: new Map(), total: 0 };
  // Statuses filtered here: given one to match, SQLite's planner may walk the status index.
  for (const r of rows) {
    if (!(COUNTED_STATUSES as readonly string[]).includes(r.status)) continue;
    const amount = Number(r.status === 'review' ? r.proposed : r.approved);
    used.byCategory.set(r.category, (used.byCategory.get(r.category) ?? 0) + amount);
    used.bySetting.set(r.setting, (used.bySetting.get(r.setting) ?? 0) + amount);
    used.total += amount;
  }
  return used;
}
