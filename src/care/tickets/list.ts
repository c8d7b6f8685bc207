import type { z } from '@hono/zod-openapi';
import type { Db } from '../../platform/db/database.js';
import type { Scope } from '../../platform/http/context.js';
import { decodeCursor, page } from '../../platform/http/openapi.js';
import { withinScope } from '../../registry/areas/limits.js';
import { ticketView } from './view.js';
import type { TicketQuery } from './schemas.js';

/**
 * Tickets by state, soonest deadline first: the overdue (deadline passed) come first, then those
 * due next. `me` lists the caller's own.
 */
export async function listTickets(db: Db, scope: Scope, userId: string | null, q: z.infer<typeof TicketQuery>) {
  let query = db.kysely.selectFrom('ticket').selectAll().where('scheme_id', '=', scope.schemeId);
  if (scope.areaPaths.length) query = query.where(withinScope(scope, 'ticket'));
  if (q.state === 'unresolved') query = query.where('state', 'in', ['open', 'in_progress']);
  else if (q.state) query = query.where('state', '=', q.state);
  if (q.category) query = query.where('category', '=', q.category);
  if (q.level !== undefined) query = query.where('level', '=', q.level);
  if (q.assignedTo) query = query.where('assigned_to', '=', q.assignedTo === 'me' ? userId : q.assignedTo);
  if (q.memberId) query = query.where('member_id', '=', q.memberId);
  const after = decodeCursor(q.cursor, 2);
  if (after) {
    const [due, id] = after as [string, string];
    query = query.where((eb) => eb.or([eb('due_at', '>', due), eb.and([eb('due_at', '=', due), eb('id', '>', id)])]));
  }
  const rows = await query
    .orderBy('due_at')
    .orderBy('id')
    .limit(q.limit + 1)
    .execute();
  const result = page(rows, q.limit, (r) => [r.due_at, r.id]);
  return { items: await ticketView(db.kysely, scope.schemeId, result.items), nextCursor: result.nextCursor };
}
