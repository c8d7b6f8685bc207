import type { z } from '@hono/zod-openapi';
import type { Selectable } from 'kysely';
import type { Db, Executor } from '../../platform/db/database.js';
import type { PriceListTable } from '../../platform/db/schema.js';
import type { Scope } from '../../platform/http/context.js';
import { audit, type Actor } from '../../platform/audit/audit.js';
import { newId, nowIso } from '../../platform/ids.js';
import { notFound } from '../../platform/http/problem.js';
import { pageByName, refuseTakenCode } from '../../platform/db/records.js';
import type { NewPriceList, PriceList, PriceListChange, PriceListQuery } from './schemas.js';

type PriceListView = z.infer<typeof PriceList>;

const view = (r: Selectable<PriceListTable>): PriceListView => ({
  id: r.id,
  code: r.code,
  name: r.name,
  items: JSON.parse(r.items_json),
});

export async function listPriceLists(db: Db, scope: Scope, q: z.infer<typeof PriceListQuery>) {
  const query = db.kysely.selectFrom('price_list').selectAll().where('scheme_id', '=', scope.schemeId);
  const result = await pageByName(query, q);
  return { items: result.items.map(view), nextCursor: result.nextCursor };
}

export async function findPriceList(db: Executor, schemeId: string, id: string) {
  const row = await db
    .selectFrom('price_list')
    .selectAll()
    .where('scheme_id', '=', schemeId)
    .where('id', '=', id)
    .executeTakeFirst();
  if (!row) throw notFound(`Price list ${id}`);
  return view(row);
}

export async function createPriceList(db: Db, actor: Actor, scope: Scope, input: z.infer<typeof NewPriceList>) {
  return db.kysely.transaction().execute(async (tx) => {
    await refuseTakenCode(tx, 'price_list', scope.schemeId, input.code, 'price list');
    const now = nowIso();
    const row = {
      id: newId(),
      scheme_id: scope.schemeId,
      code: input.code,
      name: input.name,
      items_json: JSON.stringify(input.items),
      created_at: now,
      updated_at: now,
    };
    await tx.insertInto('price_list').values(row).execute();
    await audit(tx, actor, { action: 'create', entity: 'price_list', entityId: row.id, after: view(row) });
    return view(row);
  });
}

/** New prices apply to claims adjudicated from then on; the audit entry keeps the list as it was. */
export async function updatePriceList(
  db: Db,
  actor: Actor,
  scope: Scope,
  id: string,
  change: z.infer<typeof PriceListChange>,
) {
  return db.kysely.transaction().execute(async (tx) => {
    const before = await findPriceList(tx, scope.schemeId, id);
    const after = { ...before, ...change };
    await tx
      .updateTable('price_list')
      .set({ name: after.name, items_json: JSON.stringify(after.items), updated_at: nowIso() })
      .where('scheme_id', '=', scope.schemeId)
      .where('id', '=', id)
      .execute();
    await audit(tx, actor, { action: 'update', entity: 'price_list', entityId: id, before, after });
    return after;
  });
}
