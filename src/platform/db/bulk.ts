import type { CompiledQuery, Insertable } from 'kysely';
import type SQLite from 'better-sqlite3';
import type { Db, Executor } from './database.js';
import type { Database } from './schema.js';
import type { WriteStatement } from './writer.js';
import { oneAtATime } from '../jobs/one-at-a-time.js';

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
    const statement = prepared(db.sqlite, insertSql(table, columns, options.ignoreConflicts));
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

/** Rows for one table, or one compiled statement (an update of a job's progress, say). */
export type Write =
  | {
      [T in keyof Database & string]: { table: T; rows: Insertable<Database[T]>[]; ignoreConflicts?: boolean };
    }[keyof Database & string]
  | { query: CompiledQuery };

const insertSql = (table: string, columns: string[], ignoreConflicts?: boolean) =>
  `${ignoreConflicts ? 'insert or ignore' : 'insert'} into "${table}" (${columns.map((c) => `"${c}"`).join(', ')}) values (${columns.map(() => '?').join(', ')})`;

/**
 * Writes a batch in one transaction: all of it or, on an error, none of it. On SQLite the batch
 * goes to the writer thread, so the caller's thread can prepare the next batch meanwhile; the
 * returned promise settles when the batch is committed. Batches are committed one after
 * another, in the order they were written, on either engine.
 */
export async function writeAtomically(db: Db, writes: Write[]): Promise<void> {
  if (db.engine === 'sqlite' && db.writer) {
    const statements: WriteStatement[] = [];
    for (const w of writes) {
      if ('query' in w) {
        statements.push({ sql: w.query.sql, runs: [w.query.parameters as unknown[]] });
      } else if (w.rows.length) {
        const columns = Object.keys(w.rows[0]!);
        statements.push({
          sql: insertSql(w.table, columns, w.ignoreConflicts),
          runs: w.rows.map((row) => columns.map((c) => (row as Record<string, unknown>)[c])),
        });
      }
    }
    await db.writer.run(statements);
    return;
  }
  // In turn, as the writer thread does: a batch may need what the one before it wrote.
  return oneAtATime(db.kysely, 'write-atomically', () => transactionOf(db, writes));
}

function transactionOf(db: Db, writes: Write[]): Promise<void> {
  return db.kysely.transaction().execute(async (tx) => {
    for (const w of writes) {
      if ('query' in w) await tx.executeQuery(w.query);
      else await bulkInsert(db, tx, w.table, w.rows as never, { ignoreConflicts: w.ignoreConflicts });
    }
  });
}
