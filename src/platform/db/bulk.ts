import type { Insertable } from 'kysely';
import type SQLite from 'better-sqlite3';
import type { Db, Executor } from './database.js';
import type { Database } from './schema.js';

const statements = new WeakMap<SQLite.Database, Map<string, SQLite.Statement>>();

function prepared(sqlite: SQLite.Database, sql: string) {
  let cache = statements.get(sqlite);
  if (!cache) statements.set(sqlite, (cache = new Map()));
  let statement = cache.get(sql);
  if (!statement) cache.set(sql, (statement = sqlite.prepare(sql)));
  return statement;
}

/**
 * Inserts many rows of one table inside the caller's transaction, the fastest way each engine
 * has: on SQLite one prepared statement run per row on the same connection (SQLite runs in
 * process, so a row costs no round trip, and a multi-row statement would be parsed anew each
 * time); on PostgreSQL multi-row statements, a round trip per 500 rows.
 */
export async function bulkInsert<T extends keyof Database & string>(
  db: Db,
  tx: Executor,
  table: T,
  rows: Insertable<Database[T]>[],
  options: { ignoreConflicts?: boolean } = {},
): Promise<void> {
  if (rows.length === 0) return;
  const columns = Object.keys(rows[0]!);
  if (db.engine === 'sqlite' && db.sqlite) {
    const verb = options.ignoreConflicts ? 'insert or ignore' : 'insert';
    const statement = prepared(
      db.sqlite,
      `${verb} into "${table}" (${columns.map((c) => `"${c}"`).join(', ')}) values (${columns.map(() => '?').join(', ')})`,
    );
    for (const row of rows) statement.run(columns.map((c) => (row as Record<string, unknown>)[c]));
    return;
  }
  // 500 rows a statement, fewer for wide tables: PostgreSQL takes at most 65,535 parameters.
  const size = Math.max(1, Math.min(500, Math.floor(60_000 / columns.length)));
  for (let i = 0; i < rows.length; i += size) {
    const chunk = rows.slice(i, i + size) as never;
    let q = tx.insertInto(table).values(chunk);
    if (options.ignoreConflicts) q = q.onConflict((oc) => oc.doNothing());
    await q.execute();
  }
}
