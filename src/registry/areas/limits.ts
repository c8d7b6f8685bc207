import { sql } from 'kysely';
import type { Executor } from '../../platform/db/database.js';
import type { Scope } from '../../platform/http/context.js';
import { forbidden, invalid } from '../../platform/http/problem.js';

type WithArea = 'employer' | 'member_group' | 'member' | 'household' | 'facility' | 'ticket';

/**
 * The condition "this row's area lies within the caller's areas", for a table with an area_id.
 * A user limited to areas sees no record without an area: nobody has placed it yet.
 */
export function withinScope(scope: Scope, table: WithArea) {
  return sql<boolean>`${sql.ref(`${table}.area_id`)} in (select a.id from area a where a.scheme_id = ${scope.schemeId} and (${pathsLike(scope, 'a.path')}))`;
}

/** The areas themselves: those within the caller's areas. */
export const areaWithinScope = (scope: Scope) => sql<boolean>`(${pathsLike(scope, 'area.path')})`;

const pathsLike = (scope: Scope, column: string) =>
  sql.join(
    scope.areaPaths.map((p) => sql`${sql.ref(column)} like ${`${p}%`}`),
    sql` or `,
  );

/**
 * The path of the area a row lies in (the row's table by its alias in the query), as a column:
 * a limited caller's reach is then checked on the rows themselves with pathInScope, and the query
 * keeps one shape for every caller. A subquery rather than a join: SQLite answers it faster.
 */
export const areaPathOf = (alias: string) =>
  sql<
    string | null
  >`(select a.path from area a where a.scheme_id = ${sql.ref(`${alias}.scheme_id`)} and a.id = ${sql.ref(`${alias}.area_id`)})`;

/** Is a path inside one of the scope's areas? */
export const pathInScope = (scope: Scope, path: string | null | undefined) =>
  scope.areaPaths.length === 0 || (path != null && scope.areaPaths.some((p) => path.startsWith(p)));

/**
 * Checks that an area a write names exists in the scheme and lies within the caller's areas;
 * answers its path. A limited user must name an area, or the record would fall outside their view.
 */
export async function checkAreaForWrite(db: Executor, scope: Scope, field: string, areaId: string | null | undefined) {
  if (areaId == null) {
    if (scope.areaPaths.length) throw invalid(field, 'is required: you are limited to some areas');
    return null;
  }
  const area = await db
    .selectFrom('area')
    .select(['id', 'path', 'level'])
    .where('scheme_id', '=', scope.schemeId)
    .where('id', '=', areaId)
    .executeTakeFirst();
  if (!area) throw invalid(field, `there is no area "${areaId}" in this scheme`);
  if (!pathInScope(scope, area.path)) throw forbidden(`Area ${areaId} is outside the areas you are limited to`);
  return area;
}
