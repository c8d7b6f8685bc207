import type { z } from '@hono/zod-openapi';
import type { Db, Executor } from '../../platform/db/database.js';
import type { TicketCategoryTable } from '../../platform/db/schema.js';
import { audit, type Actor } from '../../platform/audit/audit.js';
import { invalid } from '../../platform/http/problem.js';
import type { TicketCategory } from './schemas.js';

type Category = z.infer<typeof TicketCategory>;

/**
 * What members complain of, from seed 001's hotline and the follow-ups after claims; a scheme
 * renames them, changes the deadlines and adds its own. Deadlines are in hours: care refused at
 * the desk must be settled the same day, a contribution question within the week.
 */
export const DEFAULT_CATEGORIES: Category[] = [
  { code: 'refused_care', name: 'Refused care', deadlineHours: 24, priority: 'urgent', active: true },
  { code: 'asked_to_pay', name: 'Asked to pay', deadlineHours: 72, priority: 'high', active: true },
  { code: 'care_not_received', name: 'Claimed care not received', deadlineHours: 120, priority: 'high', active: true },
  { code: 'quality_of_care', name: 'Quality of care', deadlineHours: 168, priority: 'normal', active: true },
  { code: 'waiting_time', name: 'Waiting time', deadlineHours: 168, priority: 'normal', active: true },
  { code: 'card_registration', name: 'Card or registration', deadlineHours: 120, priority: 'normal', active: true },
  {
    code: 'deducted_not_covered',
    name: 'Contribution deducted but not covered',
    deadlineHours: 120,
    priority: 'high',
    active: true,
  },
  { code: 'other', name: 'Other', deadlineHours: 240, priority: 'low', active: true },
];

const fromRow = (r: TicketCategoryTable): Category => ({
  code: r.code,
  name: r.name,
  deadlineHours: r.deadline_hours,
  priority: r.priority,
  active: r.active === 1,
});

const toRow = (schemeId: string, c: Category): TicketCategoryTable => ({
  scheme_id: schemeId,
  code: c.code,
  name: c.name,
  deadline_hours: c.deadlineHours,
  priority: c.priority,
  active: c.active ? 1 : 0,
});

/** The scheme's categories; the defaults until it sets its own. */
export async function ticketCategories(db: Executor, schemeId: string): Promise<Category[]> {
  const rows = await db
    .selectFrom('ticket_category')
    .selectAll()
    .where('scheme_id', '=', schemeId)
    .orderBy('code')
    .execute();
  return rows.length ? rows.map(fromRow) : DEFAULT_CATEGORIES;
}

/** Within a write: the defaults stored the first time a ticket needs them, so tickets can point at them. */
export async function storedCategories(tx: Executor, schemeId: string): Promise<Category[]> {
  const rows = await tx.selectFrom('ticket_category').selectAll().where('scheme_id', '=', schemeId).execute();
  if (rows.length) return rows.map(fromRow);
  await tx
    .insertInto('ticket_category')
    .values(DEFAULT_CATEGORIES.map((c) => toRow(schemeId, c)))
    .execute();
  return DEFAULT_CATEGORIES;
}

/**
 * The scheme's categories set anew. A category tickets already use may be renamed or put out of
 * use (inactive) but not removed: the tickets keep pointing at it.
 */
export async function setTicketCategories(db: Db, actor: Actor, schemeId: string, items: Category[]) {
  const codes = new Set<string>();
  items.forEach((c, i) => {
    if (codes.has(c.code)) throw invalid(`items.${i}.code`, `repeats ${c.code}`);
    codes.add(c.code);
  });
  if (!items.some((c) => c.active)) throw invalid('items', 'must keep at least one category in use');
  return db.kysely.transaction().execute(async (tx) => {
    const before = await storedCategories(tx, schemeId);
    const used = await tx
      .selectFrom('ticket')
      .select('category')
      .distinct()
      .where('scheme_id', '=', schemeId)
      .execute();
    for (const { category } of used) {
      if (!codes.has(category))
        throw invalid('items', `must keep ${category}: tickets use it (set it inactive instead)`);
    }
    for (const c of items) {
      await tx
        .insertInto('ticket_category')
        .values(toRow(schemeId, c))
        .onConflict((oc) =>
          oc.columns(['scheme_id', 'code']).doUpdateSet({
            name: c.name,
            deadline_hours: c.deadlineHours,
            priority: c.priority,
            active: c.active ? 1 : 0,
          }),
        )
        .execute();
    }
    const gone = before.map((c) => c.code).filter((code) => !codes.has(code));
    if (gone.length) {
      await tx.deleteFrom('ticket_category').where('scheme_id', '=', schemeId).where('code', 'in', gone).execute();
    }
    await audit(tx, actor, { action: 'set', entity: 'ticket_category', entityId: schemeId, before, after: items });
    return items;
  });
}

/** The category a ticket opened by a machine goes to: the one meant if in use, else `other`, else the first in use. */
export async function categoryInUse(tx: Executor, schemeId: string, meant: string) {
  const active = (await storedCategories(tx, schemeId)).filter((c) => c.active).map((c) => c.code);
  return active.includes(meant) ? meant : active.includes('other') ? 'other' : active[0]!;
}
