import { sql } from 'kysely';
import { decodeCursor, page } from '../../platform/http/openapi.js';

/**
 * One page over several tables of one FHIR type (the scheme, its employers and its facilities
 * are all Organizations). Record ids are UUIDv7, unique across tables and sorted by time, so
 * each table gives its next rows after the cursor's id and the merge keeps the first of them.
 */
export async function mergedPage<T extends { id: string }>(
  sources: ((after: string | undefined, limit: number) => Promise<T[]>)[],
  count: number,
  cursor: string | undefined,
) {
  const after = decodeCursor(cursor, 1)?.[0] as string | undefined;
  const rows = (await Promise.all(sources.map((load) => load(after, count + 1))))
    .flat()
    .sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0))
    .slice(0, count + 1);
  return page(rows, count, (r) => [r.id]);
}

/** FHIR's string search, here as "contains, in any case": names are looked up by a part. */
export const contains = (column: string, text: string) =>
  sql<boolean>`lower(${sql.ref(column)}) like ${`%${text.toLowerCase().replace(/[\\%_]/g, '\\$&')}%`} escape '\\'`;
