import { parentPort, workerData } from 'node:worker_threads';
import SQLite from 'better-sqlite3';
import { configureSqlite } from './sqlite-settings.js';
import type { WriteStatement, WriterReply } from './writer.js';

/** The writer thread: runs each batch it is sent in one transaction, in the order sent. */
const sqlite = new SQLite((workerData as { file: string }).file);
configureSqlite(sqlite);

const statements = new Map<string, SQLite.Statement>();
const prepared = (sql: string) => {
  let statement = statements.get(sql);
  if (!statement) statements.set(sql, (statement = sqlite.prepare(sql)));
  return statement;
};

// IMMEDIATE: take the write lock at the start, so the batch never fails half-way for want of it.
const runBatch = sqlite.transaction((batch: WriteStatement[]) =>
  batch.map(({ sql, runs, returning }) => {
    const statement = prepared(sql);
    if (!returning) {
      for (const params of runs) statement.run(params);
      return [];
    }
    let rows: unknown[] = [];
    for (const params of runs) rows = statement.all(params);
    return rows;
  }),
).immediate;

parentPort!.on('message', ({ id, statements: batch }: { id: number; statements: string }) => {
  let reply: WriterReply;
  try {
    reply = { id, ok: true, rows: runBatch(JSON.parse(batch) as WriteStatement[]) };
  } catch (err) {
    const e = err as Error & { code?: string };
    reply = { id, ok: false, message: e.message, code: e.code };
  }
  parentPort!.postMessage(reply);
});
