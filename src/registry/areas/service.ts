import type { z } from '@hono/zod-openapi';
import type { Selectable } from 'kysely';
import type { Db } from '../../platform/db/database.js';
import type { AreaTable } from '../../platform/db/schema.js';
import type { Scope } from '../../platform/http/context.js';
import { audit, type Actor } from '../../platform/audit/audit.js';
import { newId, nowIso } from '../../platform/ids.js';
import { conflict, forbidden, invalid, notFound } from '../../platform/http/problem.js';
import { decodeCursor, page } from '../../platform/http/openapi.js';
import { areaWithinScope, pathInScope } from './limits.js';
import { AREA_LEVELS, type Area, type AreaChange, type AreaQuery, type NewArea } from './schemas.js';

type AreaView = z.infer<typeof Area>;

const view = (a: Selectable<AreaTable>): AreaView => ({
  id: a.id,
  parentId: a.parent_id,
  level: a.level,
  code: a.code,
  name: a.name,
  nameLocal: a.name_local,
  population: a.population,
});

/** A village sits in a commune, a commune in a district: a child is always a level deeper. */
export function levelFits(parentLevel: AreaView['level'] | null, level: AreaView['level']): boolean {
  return parentLevel === null || AREA_LEVELS.indexOf(level) > AREA_LEVELS.indexOf(parentLevel);
}

export async function listAreas(db: Db, scope: Scope, q: z.infer<typeof AreaQuery>) {
  const after = decodeCursor(q.cursor, 1)?.[0] as string | undefined;
  let query = db.kysely.selectFrom('area').selectAll().where('scheme_id', '=', scope.schemeId);
  if (scope.areaPaths.length) query = query.where(areaWithinScope(scope));
  if (q.parentId === 'root') query = query.where('parent_id', 'is', null);
  else if (q.parentId) query = query.where('parent_id', '=', q.parentId);
  if (q.level) query = query.where('level', '=', q.level);
  if (after) query = query.where('code', '>', after);
  const rows = await query
    .orderBy('code')
    .limit(q.limit + 1)
    .execute();
  const result = page(rows, q.limit, (a) => [a.code]);
  return { items: result.items.map(view), nextCursor: result.nextCursor };
}

async function findArea(db: Db['kysely'], scope: Scope, id: string) {
  const row = await db
    .selectFrom('area')
    .selectAll()
    .where('scheme_id', '=', scope.schemeId)
    .where('id', '=', id)
    .executeTakeFirst();
  if (!row || !pathInScope(scope, row.path)) throw notFound(`Area ${id}`);
  return row;
}

export const getArea = async (db: Db, scope: Scope, id: string) => view(await findArea(db.kysely, scope, id));

export async function createArea(db: Db, actor: Actor, scope: Scope, input: z.infer<typeof NewArea>) {
  return db.kysely.transaction().execute(async (tx) => {
    let parentPath = '/';
    let parentLevel: AreaView['level'] | null = null;
    if (input.parentId) {
      const parent = await tx
        .selectFrom('area')
        .select(['path', 'level'])
        .where('scheme_id', '=', scope.schemeId)
        .where('id', '=', input.parentId)
        .executeTakeFirst();
      if (!parent) throw invalid('parentId', `there is no area "${input.parentId}" in this scheme`);
      if (!pathInScope(scope, parent.path)) throw forbidden('The parent area is outside the areas you are limited to');
      parentPath = parent.path;
      parentLevel = parent.level;
    } else if (scope.areaPaths.length) {
      throw invalid('parentId', 'is required: you are limited to some areas');
    }
    if (!levelFits(parentLevel, input.level)) {
      throw invalid('level', `a ${input.level} cannot lie within a ${parentLevel}`);
    }
    const taken = await tx
      .selectFrom('area')
      .select('id')
      .where('scheme_id', '=', scope.schemeId)
      .where('code', '=', input.code)
      .executeTakeFirst();
    if (taken) throw conflict('code', 'is already the code of another area');
    const id = newId();
    const now = nowIso();
    const row = {
      id,
      scheme_id: scope.schemeId,
      parent_id: input.parentId ?? null,
      level: input.level,
      code: input.code,
      name: input.name,
      name_local: input.nameLocal ?? null,
      population: input.population ?? null,
      path: `${parentPath}${id}/`,
      created_at: now,
      updated_at: now,
    };
    await tx.insertInto('area').values(row).execute();
    await audit(tx, actor, { action: 'create', entity: 'area', entityId: id, after: view(row) });
    return view(row);
  });
}

export async function updateArea(db: Db, actor: Actor, scope: Scope, id: string, change: z.infer<typeof AreaChange>) {
  return db.kysely.transaction().execute(async (tx) => {
    const before = view(await findArea(tx, scope, id));
    const after = { ...before, ...change };
    await tx
      .updateTable('area')
      .set({
        name: after.name,
        name_local: after.nameLocal ?? null,
        population: after.population ?? null,
        updated_at: nowIso(),
      })
      .where('scheme_id', '=', scope.schemeId)
      .where('id', '=', id)
      .execute();
    await audit(tx, actor, { action: 'update', entity: 'area', entityId: id, before, after });
    return after;
  });
}
