import type { z } from '@hono/zod-openapi';
import type { Selectable } from 'kysely';
import type { Db } from '../../platform/db/database.js';
import type { PayerTable } from '../../platform/db/schema.js';
import type { Scope } from '../../platform/http/context.js';
import { audit, type Actor } from '../../platform/audit/audit.js';
import { newId, nowIso } from '../../platform/ids.js';
import { notFound } from '../../platform/http/problem.js';
import { pageByName, refuseTakenCode } from '../../platform/db/records.js';
import type { NewPayer, Payer, PayerChange } from '../contribution-rules/schemas.js';

/** Those who pay part of members' contributions: a government, a donor, a commune, a social fund. */
const view = (p: Selectable<PayerTable>): z.infer<typeof Payer> => ({
  id: p.id,
  code: p.code,
  name: p.name,
  kind: p.kind,
});

export async function listPayers(db: Db, scope: Scope, q: { limit: number; cursor?: string; q?: string }) {
  const query = db.kysely.selectFrom('payer').selectAll().where('scheme_id', '=', scope.schemeId);
  const result = await pageByName(query, q);
  return { items: result.items.map(view), nextCursor: result.nextCursor };
}

export async function createPayer(db: Db, actor: Actor, scope: Scope, input: z.infer<typeof NewPayer>) {
  return db.kysely.transaction().execute(async (tx) => {
    await refuseTakenCode(tx, 'payer', scope.schemeId, input.code, 'payer');
    const now = nowIso();
    const row = { id: newId(), scheme_id: scope.schemeId, ...input, created_at: now, updated_at: now };
    await tx.insertInto('payer').values(row).execute();
    const created = view(row);
    await audit(tx, actor, { action: 'create', entity: 'payer', entityId: row.id, after: created });
    return created;
  });
}

export async function updatePayer(db: Db, actor: Actor, scope: Scope, id: string, change: z.infer<typeof PayerChange>) {
  return db.kysely.transaction().execute(async (tx) => {
    const row = await tx
      .selectFrom('payer')
      .selectAll()
      .where('scheme_id', '=', scope.schemeId)
      .where('id', '=', id)
      .executeTakeFirst();
    if (!row) throw notFound(`Payer ${id}`);
    const before = view(row);
    const after = { ...before, ...change };
    await tx
      .updateTable('payer')
      .set({ name: after.name, kind: after.kind, updated_at: nowIso() })
      .where('scheme_id', '=', scope.schemeId)
      .where('id', '=', id)
      .execute();
    await audit(tx, actor, { action: 'update', entity: 'payer', entityId: id, before, after });
    return after;
  });
}
