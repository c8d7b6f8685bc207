import type { z } from '@hono/zod-openapi';
import type { Executor } from '../../platform/db/database.js';
import type { TicketTable } from '../../platform/db/schema.js';
import { nowIso } from '../../platform/ids.js';
import { ticketCategories } from './categories.js';
import { isOverdue } from './deadlines.js';
import type { Ticket } from './schemas.js';

/** Names of what rows point at, fetched once for a page of tickets. */
async function named<T extends { id: string }>(ids: (string | null)[], fetch: (ids: string[]) => Promise<T[]>) {
  const wanted = [...new Set(ids.filter((i): i is string => i !== null))];
  const rows = wanted.length ? await fetch(wanted) : [];
  return new Map(rows.map((r) => [r.id, r]));
}

export async function ticketView(
  db: Executor,
  schemeId: string,
  rows: TicketTable[],
): Promise<z.infer<typeof Ticket>[]> {
  const [categories, members, facilities, employers, claims, users] = await Promise.all([
    ticketCategories(db, schemeId),
    named(
      rows.map((r) => r.member_id),
      (ids) =>
        db
          .selectFrom('member')
          .select(['id', 'member_number', 'name_latin'])
          .where('scheme_id', '=', schemeId)
          .where('id', 'in', ids)
          .execute(),
    ),
    named(
      rows.map((r) => r.facility_id),
      (ids) =>
        db
          .selectFrom('facility')
          .select(['id', 'name'])
          .where('scheme_id', '=', schemeId)
          .where('id', 'in', ids)
          .execute(),
    ),
    named(
      rows.map((r) => r.employer_id),
      (ids) =>
        db
          .selectFrom('employer')
          .select(['id', 'name'])
          .where('scheme_id', '=', schemeId)
          .where('id', 'in', ids)
          .execute(),
    ),
    named(
      rows.map((r) => r.claim_id),
      (ids) =>
        db
          .selectFrom('claim')
          .select(['id', 'number'])
          .where('scheme_id', '=', schemeId)
          .where('id', 'in', ids)
          .execute(),
    ),
    named(
      rows.map((r) => r.assigned_to),
      (ids) =>
        db
          .selectFrom('app_user')
          .select(['id', 'username'])
          .where('scheme_id', '=', schemeId)
          .where('id', 'in', ids)
          .execute(),
    ),
  ]);
  const now = nowIso();
  return rows.map((r) => {
    const m = r.member_id ? members.get(r.member_id) : undefined;
    const f = r.facility_id ? facilities.get(r.facility_id) : undefined;
    const e = r.employer_id ? employers.get(r.employer_id) : undefined;
    const c = r.claim_id ? claims.get(r.claim_id) : undefined;
    const u = r.assigned_to ? users.get(r.assigned_to) : undefined;
    return {
      id: r.id,
      number: r.number,
      channel: r.channel,
      category: r.category,
      categoryName: categories.find((k) => k.code === r.category)?.name ?? r.category,
      priority: r.priority,
      state: r.state,
      level: r.level,
      overdue: r.state !== 'resolved' && isOverdue(r.due_at, now),
      description: r.description,
      callerName: r.caller_name,
      callerPhone: r.caller_phone,
      member: m ? { id: m.id, memberNumber: m.member_number, nameLatin: m.name_latin } : null,
      facility: f ? { id: f.id, name: f.name } : null,
      employer: e ? { id: e.id, name: e.name } : null,
      claim: c ? { id: c.id, number: c.number } : null,
      assignedTo: u ? { id: u.id, username: u.username } : null,
      openedAt: r.opened_at,
      dueAt: r.due_at,
      resolvedAt: r.resolved_at,
      resolution: r.resolution,
      withinDeadline: r.within_deadline === null ? null : r.within_deadline === 1,
      memberInformedAt: r.member_informed_at,
      version: r.version,
    };
  });
}
