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
const runBatch = sqlite.transaction((batch: WriteStatement[]) => {
  for (const { sql, runs } of batch) {
    const statement = prepared(sql);
    for (const params of runs) statement.run(params);
  }
}).immediate;

parentPort!.on('message', ({ id, statements: batch }: { id: number; statements: string }) => {
  let reply: WriterReply;
  try {
    runBatch(JSON.parse(batch) as WriteStatement[]);
    reply = { id, ok: true };
  } catch (err) {
    const e = err as Error & { code?: string };
    reply = { id, ok: false, message: e.message, code: e.code };
  }
  parentPort!.postMessage(reply);
});
