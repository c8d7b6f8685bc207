import type { z } from '@hono/zod-openapi';
import { sql, type Selectable } from 'kysely';
import type { Db, Executor } from '../../platform/db/database.js';
import type { CollectorTable } from '../../platform/db/schema.js';
import type { Scope } from '../../platform/http/context.js';
import { audit, type Actor } from '../../platform/audit/audit.js';
import { newId, nowIso } from '../../platform/ids.js';
import { conflict, invalid, notFound } from '../../platform/http/problem.js';
import { pageByName, refuseTakenCode } from '../../platform/db/records.js';
import { decodeCursor, page } from '../../platform/http/openapi.js';
import { checkAreaForWrite } from '../../registry/areas/limits.js';
import type { Collector, CollectorChange, ListQuery, NewCollector, NewRemittance } from './schemas.js';

/** Those who collect premiums in the field, for a commission, and remit the cash to the scheme. */
const view = (c: Selectable<CollectorTable>): z.infer<typeof Collector> => ({
  id: c.id,
  code: c.code,
  name: c.name,
  kind: c.kind,
  commissionBp: c.commission_bp,
  phone: c.phone,
  areaId: c.area_id,
  username: c.username,
  active: c.active === 1,
});

export async function findCollector(db: Executor, scope: Scope, id: string) {
  return db
    .selectFrom('collector')
    .selectAll()
    .where('scheme_id', '=', scope.schemeId)
    .where('id', '=', id)
    .executeTakeFirst();
}

/** The collector a logged-in user collects as, if any. */
export const collectorOfUser = (db: Executor, scope: Scope, username: string | null) =>
  username
    ? db
        .selectFrom('collector')
        .selectAll()
        .where('scheme_id', '=', scope.schemeId)
        .where('username', '=', username)
        .where('active', '=', 1)
        .executeTakeFirst()
    : Promise.resolve(undefined);

export async function listCollectors(db: Db, scope: Scope, q: z.infer<typeof ListQuery>) {
  const result = await pageByName(
    db.kysely.selectFrom('collector').selectAll().where('scheme_id', '=', scope.schemeId),
    q,
  );
  return { items: result.items.map(view), nextCursor: result.nextCursor };
}

export async function getCollector(db: Db, scope: Scope, id: string) {
  const c = await findCollector(db.kysely, scope, id);
  if (!c) throw notFound(`Collector ${id}`);
  return view(c);
}

export async function createCollector(db: Db, actor: Actor, scope: Scope, input: z.infer<typeof NewCollector>) {
  return db.kysely.transaction().execute(async (tx) => {
    await refuseTakenCode(tx, 'collector', scope.schemeId, input.code, 'collector');
    await checkAreaForWrite(tx, scope, 'areaId', input.areaId);
    await refuseTakenUser(tx, scope, input.username);
    const now = nowIso();
    const row: Selectable<CollectorTable> = {
      id: newId(),
      scheme_id: scope.schemeId,
      code: input.code,
      name: input.name,
      kind: input.kind,
      commission_bp: input.commissionBp,
      phone: input.phone ?? null,
      area_id: input.areaId ?? null,
      username: input.username ?? null,
      active: 1,
      created_at: now,
      updated_at: now,
    };
    await tx.insertInto('collector').values(row).execute();
    const created = view(row);
    await audit(tx, actor, { action: 'create', entity: 'collector', entityId: row.id, after: created });
    return created;
  });
}

/** One collector a user: their collections must be theirs alone. */
async function refuseTakenUser(db: Executor, scope: Scope, username: string | null | undefined, self?: string) {
  if (!username) return;
  let q = db
    .selectFrom('collector')
    .select('id')
    .where('scheme_id', '=', scope.schemeId)
    .where('username', '=', username);
  if (self) q = q.where('id', '!=', self);
  if (await q.executeTakeFirst()) throw conflict('username', 'already collects as another collector');
}

export async function updateCollector(
  db: Db,
  actor: Actor,
  scope: Scope,
  id: string,
  change: z.infer<typeof CollectorChange>,
) {
  return db.kysely.transaction().execute(async (tx) => {
    const row = await findCollector(tx, scope, id);
    if (!row) throw notFound(`Collector ${id}`);
    await refuseTakenUser(tx, scope, change.username, id);
    const set = {
      ...(change.name !== undefined && { name: change.name }),
      ...(change.commissionBp !== undefined && { commission_bp: change.commissionBp }),
      ...(change.phone !== undefined && { phone: change.phone ?? null }),
      ...(change.username !== undefined && { username: change.username ?? null }),
      ...(change.active !== undefined && { active: change.active ? 1 : 0 }),
      updated_at: nowIso(),
    };
    await tx.updateTable('collector').set(set).where('scheme_id', '=', scope.schemeId).where('id', '=', id).execute();
    const after = view({ ...row, ...set });
    await audit(tx, actor, { action: 'update', entity: 'collector', entityId: id, before: view(row), after });
    return after;
  });
}

/** What the collector has collected, kept as commission and handed over; the rest they hold. */
export async function balanceOf(db: Executor, scope: Scope, collectorId: string) {
  const collected = await db
    .selectFrom('premium')
    .select([
      sql<number>`coalesce(sum(amount), 0)`.as('amount'),
      sql<number>`coalesce(sum(commission), 0)`.as('commission'),
      sql<number>`count(*)`.as('receipts'),
    ])
    .where('scheme_id', '=', scope.schemeId)
    .where('collector_id', '=', collectorId)
    .executeTakeFirstOrThrow();
  const remitted = await db
    .selectFrom('remittance')
    .select(sql<number>`coalesce(sum(amount), 0)`.as('amount'))
    .where('scheme_id', '=', scope.schemeId)
    .where('collector_id', '=', collectorId)
    .executeTakeFirstOrThrow();
  const [amount, commission, handed] = [collected.amount, collected.commission, remitted.amount].map(Number) as [
    number,
    number,
    number,
  ];
  return {
    collectorId,
    collected: amount,
    commission,
    remitted: handed,
    balance: amount - commission - handed,
    receipts: Number(collected.receipts),
  };
}

export async function getBalance(db: Db, scope: Scope, collectorId: string) {
  if (!(await findCollector(db.kysely, scope, collectorId))) throw notFound(`Collector ${collectorId}`);
  return balanceOf(db.kysely, scope, collectorId);
}

/** Cash handed to the scheme; never more than the collector holds. */
export async function remit(
  db: Db,
  actor: Actor,
  scope: Scope,
  collectorId: string,
  input: z.infer<typeof NewRemittance>,
) {
  return db.kysely.transaction().execute(async (tx) => {
    if (!(await findCollector(tx, scope, collectorId))) throw notFound(`Collector ${collectorId}`);
    const { balance } = await balanceOf(tx, scope, collectorId);
    if (input.amount > balance) throw invalid('amount', `is more than the ${balance} the collector holds`);
    const row = {
      id: newId(),
      scheme_id: scope.schemeId,
      collector_id: collectorId,
      amount: input.amount,
      remitted_on: input.remittedOn,
      reference: input.reference ?? null,
      created_at: nowIso(),
      created_by: actor.username,
    };
    await tx.insertInto('remittance').values(row).execute();
    const created = remittanceView(row);
    await audit(tx, actor, { action: 'create', entity: 'remittance', entityId: row.id, after: created });
    return created;
  });
}

const remittanceView = (r: {
  id: string;
  collector_id: string;
  amount: number;
  remitted_on: string;
  reference: string | null;
  created_at: string;
}) => ({
  id: r.id,
  collectorId: r.collector_id,
  amount: Number(r.amount),
  remittedOn: r.remitted_on,
  reference: r.reference,
  createdAt: r.created_at,
});

/** Newest first, a page at a time. */
export async function listRemittances(
  db: Db,
  scope: Scope,
  collectorId: string,
  q: { limit: number; cursor?: string },
) {
  if (!(await findCollector(db.kysely, scope, collectorId))) throw notFound(`Collector ${collectorId}`);
  const after = decodeCursor(q.cursor, 1) as [string] | undefined;
  let query = db.kysely
    .selectFrom('remittance')
    .selectAll()
    .where('scheme_id', '=', scope.schemeId)
    .where('collector_id', '=', collectorId);
  if (after) query = query.where('id', '<', after[0]);
  const rows = await query
    .orderBy('id', 'desc')
    .limit(q.limit + 1)
    .execute();
  const result = page(rows, q.limit, (r) => [r.id]);
  return { items: result.items.map(remittanceView), nextCursor: result.nextCursor };
}
