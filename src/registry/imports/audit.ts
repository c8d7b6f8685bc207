import { sql, type CompiledQuery } from 'kysely';
import type { Db } from '../../platform/db/database.js';
import type { Actor } from '../../platform/audit/audit.js';
import { memberViewJson } from '../members/view-sql.js';

/**
 * The audit entries of the members one chunk of an import registers, in one statement that runs
 * in the chunk's transaction after the members are written: each entry holds the whole member
 * as registered (memberView) and the import job. `entries` pairs each new audit entry's id with
 * its member's id.
 */
export function importAuditInsert(
  db: Db,
  actor: Actor,
  schemeId: string,
  jobId: string,
  at: string,
  entries: [auditId: string, memberId: string][],
): CompiledQuery {
  const after = memberViewJson(db.engine, { importJobId: jobId });
  // The pairs travel as one JSON array, so the statement is the same for any number of members.
  // CROSS JOIN keeps SQLite's planner from putting the members outside: one probe a pair by the
  // primary key, never a scan of the members for each pair.
  const pairs = JSON.stringify(entries);
  const source =
    db.engine === 'postgres'
      ? sql`json_array_elements(${pairs}::json) as p join member as m on m.scheme_id = ${schemeId} and m.id = p->>1`
      : sql`json_each(${pairs}) as p cross join member as m on m.scheme_id = ${schemeId} and m.id = p.value->>1`;
  const auditId = db.engine === 'postgres' ? sql`p->>0` : sql`p.value->>0`;
  return sql`insert into audit_entry
      (id, scheme_id, user_id, username, at, action, entity, entity_id, before_json, after_json, request_id)
    select ${auditId}, m.scheme_id, ${actor.userId}, ${actor.username}, ${at}, 'import', 'member', m.id, null,
      ${after}, ${actor.requestId ?? null}
    from ${source}`.compile(db.kysely);
}
