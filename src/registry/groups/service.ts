import type { z } from '@hono/zod-openapi';
import type { Selectable } from 'kysely';
import type { Db, Executor } from '../../platform/db/database.js';
import type { GroupTable } from '../../platform/db/schema.js';
import type { Scope } from '../../platform/http/context.js';
import { audit, type Actor } from '../../platform/audit/audit.js';
import { newId, nowIso } from '../../platform/ids.js';
import { notFound } from '../../platform/http/problem.js';
import { pageByName, refuseTakenCode } from '../../platform/db/records.js';
import { checkAreaForWrite, withinScope } from '../areas/limits.js';
import type { Group, GroupChange, GroupQuery, NewGroup } from './schemas.js';

type GroupView = z.infer<typeof Group>;

const view = (g: Selectable<GroupTable>): GroupView => ({
  id: g.id,
  code: g.code,
  name: g.name,
  kind: g.kind,
  areaId: g.area_id,
  population: g.population,
});

export async function listGroups(db: Db, scope: Scope, q: z.infer<typeof GroupQuery>) {
  let query = db.kysely.selectFrom('member_group').selectAll().where('scheme_id', '=', scope.schemeId);
  if (scope.areaPaths.length) query = query.where(withinScope(scope, 'member_group'));
  if (q.kind) query = query.where('kind', '=', q.kind);
  if (q.areaId) query = query.where('area_id', '=', q.areaId);
  const result = await pageByName(query, q, false);
  return { items: result.items.map(view), nextCursor: result.nextCursor };
}

export async function findGroup(db: Executor, scope: Scope, id: string) {
  let query = db.selectFrom('member_group').selectAll().where('scheme_id', '=', scope.schemeId).where('id', '=', id);
  if (scope.areaPaths.length) query = query.where(withinScope(scope, 'member_group'));
  return query.executeTakeFirst();
}

export async function getGroup(db: Db, scope: Scope, id: string) {
  const row = await findGroup(db.kysely, scope, id);
  if (!row) throw notFound(`Group ${id}`);
  const { count } = await db.kysely
    .selectFrom('member')
    .select((eb) => eb.fn.countAll<number>().as('count'))
    .where('scheme_id', '=', scope.schemeId)
    .where('group_id', '=', id)
    .executeTakeFirstOrThrow();
  return { ...view(row), memberCount: Number(count) };
}

export async function createGroup(db: Db, actor: Actor, scope: Scope, input: z.infer<typeof NewGroup>) {
  return db.kysely.transaction().execute(async (tx) => {
    await checkAreaForWrite(tx, scope, 'areaId', input.areaId);
    await refuseTakenCode(tx, 'member_group', scope.schemeId, input.code, 'group');
    const now = nowIso();
    const row: Selectable<GroupTable> = {
      id: newId(),
      scheme_id: scope.schemeId,
      code: input.code,
      name: input.name,
      kind: input.kind,
      area_id: input.areaId ?? null,
      population: input.population ?? null,
      created_at: now,
      updated_at: now,
    };
    await tx.insertInto('member_group').values(row).execute();
    await audit(tx, actor, { action: 'create', entity: 'group', entityId: row.id, after: view(row) });
    return view(row);
  });
}

export async function updateGroup(db: Db, actor: Actor, scope: Scope, id: string, change: z.infer<typeof GroupChange>) {
  return db.kysely.transaction().execute(async (tx) => {
    const row = await findGroup(tx, scope, id);
    if (!row) throw notFound(`Group ${id}`);
    if (change.areaId !== undefined) await checkAreaForWrite(tx, scope, 'areaId', change.areaId);
    const before = view(row);
    const after = { ...before, ...change };
    await tx
      .updateTable('member_group')
      .set({
        name: after.name,
        kind: after.kind,
        area_id: after.areaId,
        population: after.population,
        updated_at: nowIso(),
      })
      .where('scheme_id', '=', scope.schemeId)
      .where('id', '=', id)
      .execute();
    await audit(tx, actor, { action: 'update', entity: 'group', entityId: id, before, after });
    return after;
  });
}

/**
 * The share of a group's population that is registered and active, in basis points, rounded
 * down (a village at 49.99 % has not reached 50 %); null when the group has no population.
 */
export async function enrolmentRateBp(db: Executor, scope: Scope, groupId: string): Promise<number | null> {
  const group = await findGroup(db, scope, groupId);
  if (!group) throw notFound(`Group ${groupId}`);
  if (!group.population) return null;
  const { count } = await db
    .selectFrom('member')
    .select((eb) => eb.fn.countAll<number>().as('count'))
    .where('scheme_id', '=', scope.schemeId)
    .where('group_id', '=', groupId)
    .where('status', '=', 'active')
    .executeTakeFirstOrThrow();
  return Math.min(10_000, Math.floor((Number(count) * 10_000) / group.population));
}
