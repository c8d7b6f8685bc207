import type { Selectable } from 'kysely';
import type { Executor } from '../db/database.js';
import type { AuditEntryTable } from '../db/schema.js';
import { decodeCursor, page } from '../http/openapi.js';

export const entryView = (r: Selectable<AuditEntryTable>) => ({
  id: r.id,
  at: r.at,
  userId: r.user_id,
  username: r.username,
  action: r.action,
  entity: r.entity,
  entityId: r.entity_id,
  before: r.before_json ? JSON.parse(r.before_json) : null,
  after: r.after_json ? JSON.parse(r.after_json) : null,
  requestId: r.request_id,
});

/** A scheme's audit log, newest first, optionally of one entity or one record. */
export async function readAuditLog(
  db: Executor,
  schemeId: string,
  q: { entity?: string; entityId?: string; limit: number; cursor?: string },
) {
  const before = decodeCursor(q.cursor, 1)?.[0] as string | undefined;
  let query = db.selectFrom('audit_entry').selectAll().where('scheme_id', '=', schemeId);
  if (q.entity) query = query.where('entity', '=', q.entity);
  if (q.entityId) query = query.where('entity_id', '=', q.entityId);
  if (before) query = query.where('id', '<', before);
  const rows = await query
    .orderBy('id', 'desc')
    .limit(q.limit + 1)
    .execute();
  const result = page(rows, q.limit, (r) => [r.id]);
  return { items: result.items.map(entryView), nextCursor: result.nextCursor };
}
