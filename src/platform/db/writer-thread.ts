import { parentPort, receiveMessageOnPort, workerData } from 'node:worker_threads';
import SQLite from 'better-sqlite3';
import { configureSqlite } from './sqlite-settings.js';
import type { WriterMessage, WriterReply, WriteStatement } from './writer.js';

/**
 * The writer thread: runs each batch it is sent in one transaction, in the order sent, except
 * that an urgent batch goes before the batches still waiting when it arrives.
 */
const sqlite = new SQLite((workerData as { file: string }).file);
configureSqlite(sqlite);
const port = parentPort!;

const statements = new Map<string, SQLite.Statement>();
const prepared = (sql: string) => {
  let statement = statements.get(sql);
  if (!statement) statements.set(sql, (statement = sqlite.prepare(sql)));
  return statement;
};

// IMMEDIATE: take the write lock at the start, so the batch never fails half-way for want of it.
// Answers the rows of the batch's last statement where it returns rows (an update … returning).
const runBatch = sqlite.transaction((batch: WriteStatement[]) => {
  let rows: unknown[] | undefined;
  for (const { sql, runs } of batch) {
    const statement = prepared(sql);
    rows = undefined;
    for (const params of runs) {
      if (statement.reader) rows = statement.all(params);
      else statement.run(params);
    }
  }
  return rows;
}).immediate;

function run({ id, statements: batch }: WriterMessage): WriterReply {
  try {
    return { id, ok: true, rows: runBatch(JSON.parse(batch) as WriteStatement[]) };
  } catch (err) {
    const e = err as Error & { code?: string };
    return { id, ok: false, message: e.message, code: e.code };
  }
}

// Messages are taken off the port as soon as a batch ends, so that an urgent one (the member
// numbers an import waits for before it can build its rows) is seen before the batches queued
// ahead of it, which need the writer for a while yet.
const waiting: WriterMessage[] = [];
const takeArrived = () => {
  for (let m = receiveMessageOnPort(port); m; m = receiveMessageOnPort(port)) waiting.push(m.message as WriterMessage);
};
port.on('message', (message: WriterMessage) => {
  waiting.push(message);
  takeArrived();
  while (waiting.length) {
    const urgent = waiting.findIndex((m) => m.urgent);
    port.postMessage(run(urgent >= 0 ? waiting.splice(urgent, 1)[0]! : waiting.shift()!));
    takeArrived();
  }
});
