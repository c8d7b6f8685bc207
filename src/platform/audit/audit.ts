import type { Executor } from '../db/database.js';
import { newId, nowIso } from '../ids.js';
import type { Principal } from '../auth/principal.js';

export interface AuditInput {
  action: string;
  entity: string;
  entityId?: string | null;
  before?: unknown;
  after?: unknown;
}

/** Who did a write, for the audit trail; a request or a CLI operator. */
export interface Actor {
  userId: string | null;
  username: string | null;
  schemeId: string | null;
  requestId?: string | null;
}

export const actorOf = (p: Principal, requestId?: string): Actor => ({
  userId: p.userId,
  username: p.username,
  schemeId: p.schemeId,
  requestId: requestId ?? null,
});

export const systemActor = (schemeId: string | null, username = 'system'): Actor => ({
  userId: null,
  username,
  schemeId,
});

const json = (value: unknown) => (value === undefined ? null : JSON.stringify(value));

/** Called inside the write's own transaction, so the entry exists if and only if the write does. */
export async function audit(tx: Executor, actor: Actor, entry: AuditInput): Promise<void> {
  await tx
    .insertInto('audit_entry')
    .values({
      id: newId(),
      scheme_id: actor.schemeId ?? '',
      user_id: actor.userId,
      username: actor.username,
      at: nowIso(),
      action: entry.action,
      entity: entry.entity,
      entity_id: entry.entityId ?? null,
      before_json: json(entry.before),
      after_json: json(entry.after),
      request_id: actor.requestId ?? null,
    })
    .execute();
}
