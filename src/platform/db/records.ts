import { sql, type SelectQueryBuilder } from 'kysely';
import type { Executor } from './database.js';
import { conflict } from '../http/problem.js';
import { decodeCursor, page } from '../http/openapi.js';

/** The tables of records with a code and a name, listed by name. */
type Named =
  'employer' | 'member_group' | 'facility' | 'payer' | 'contribution_rule' | 'product' | 'collector' | 'price_list';

/** Part of the name or the code; lower() on both sides as PostgreSQL's LIKE minds case and SQLite's does not. */
export function nameOrCodeLike(text: string, withCode = true) {
  const like = `%${text.replace(/[%_]/g, '').toLowerCase()}%`;
  return withCode
    ? sql<boolean>`(lower(name) like ${like} or lower(code) like ${like})`
    : sql<boolean>`lower(name) like ${like}`;
}

/** After the last row of the previous page, in the order (name, id). */
export const afterNameCursor = ([name, id]: [string, string]) =>
  sql<boolean>`(name > ${name} or (name = ${name} and id > ${id}))`;

/** Codes are unique in a scheme: a person types them and finds records by them. */
export async function refuseTakenCode(db: Executor, table: Named, schemeId: string, code: string, what: string) {
  const taken = await db
    .selectFrom(table as 'employer')
    .select('id')
    .where('scheme_id', '=', schemeId)
    .where('code', '=', code)
    .executeTakeFirst();
  if (taken) throw conflict('code', `is already the code of another ${what}`);
}

/**
 * A page of a list of named records in name order, filtered by part of the name (and code) when asked:
 * the query given already holds the list's own filters and the caller's scope.
 */
export async function pageByName<Row extends { name: string; id: string }>(
  query: SelectQueryBuilder<any, any, Row>,
  q: { limit: number; cursor?: string; q?: string },
  withCode = true,
) {
  const after = decodeCursor(q.cursor, 2) as [string, string] | undefined;
  if (q.q) query = query.where(nameOrCodeLike(q.q, withCode));
  if (after) query = query.where(afterNameCursor(after));
  const rows = await query
    .orderBy('name')
    .orderBy('id')
    .limit(q.limit + 1)
    .execute();
  return page(rows, q.limit, (r) => [r.name, r.id]);
}
