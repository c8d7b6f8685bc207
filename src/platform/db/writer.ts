import { Worker } from 'node:worker_threads';

/** One SQL statement and the parameters of each time it runs. */
export interface WriteStatement {
  sql: string;
  runs: unknown[][];
}

/** One batch sent to the writer thread: its statements as JSON text. */
export interface WriterMessage {
  id: number;
  statements: string;
  urgent?: boolean;
}

/** What the writer thread answers for one batch: the rows of its last statement where it returns any. */
export type WriterReply =
  { id: number; ok: true; rows?: unknown[] } | { id: number; ok: false; message: string; code?: string };

/** A failed batch: nothing of it was written. Carries SQLite's code (SQLITE_CONSTRAINT_UNIQUE…). */
export class WriteFailed extends Error {
  constructor(
    message: string,
    readonly code?: string,
  ) {
    super(message);
  }
}

/**
 * A second connection to the SQLite file, on a thread of its own, that runs batches of
 * statements, each batch in one transaction. better-sqlite3 works synchronously: a bulk write on
 * the server's connection holds its thread, and the machine's second core idles. Here the
 * JavaScript side of a bulk operation (checking rows, building the next chunk) goes on while
 * SQLite writes the last one. Batches run in the order they are sent. The thread starts on the
 * first batch and does not keep the process alive while idle.
 */
export class SqliteWriter {
  private worker?: Worker;
  private nextId = 1;
  private readonly waiting = new Map<number, { resolve: (rows?: unknown[]) => void; reject: (err: Error) => void }>();

  constructor(private readonly file: string) {}

  /**
   * Runs the batch in one transaction; settles when it is committed or refused, with the rows of
   * its last statement where that returns rows. An urgent batch runs before the batches still
   * waiting to run: only for a small write that needs nothing they write.
   */
  run(statements: WriteStatement[], options: { urgent?: boolean } = {}): Promise<unknown[] | undefined> {
    const worker = this.start();
    const id = this.nextId++;
    const done = new Promise<unknown[] | undefined>((resolve, reject) => this.waiting.set(id, { resolve, reject }));
    if (this.waiting.size === 1) worker.ref();
    // As JSON text: a string crosses to the thread far cheaper than a structured clone of rows.
    // Values are text, numbers and nulls, which JSON carries as they are (anything else SQLite
    // could not bind either, and the batch is refused).
    const message: WriterMessage = { id, statements: JSON.stringify(statements), urgent: options.urgent };
    worker.postMessage(message);
    return done;
  }

  async close(): Promise<void> {
    const worker = this.worker;
    this.worker = undefined;
    if (worker) await worker.terminate();
  }

  private start(): Worker {
    if (this.worker) return this.worker;
    const worker = new Worker(new URL('./writer-entry.js', import.meta.url), { workerData: { file: this.file } });
    worker.on('message', (reply: WriterReply) => {
      const waiter = this.waiting.get(reply.id);
      this.waiting.delete(reply.id);
      if (this.waiting.size === 0) worker.unref();
      if (reply.ok) waiter?.resolve(reply.rows);
      else waiter?.reject(new WriteFailed(reply.message, reply.code));
    });
    const fail = (err: Error) => {
      for (const waiter of this.waiting.values())
        waiter.reject(new WriteFailed(`the writer thread stopped: ${err.message}`));
      this.waiting.clear();
      if (this.worker === worker) this.worker = undefined;
    };
    worker.on('error', fail);
    worker.on('exit', (code) => fail(new Error(`exit code ${code}`)));
    worker.unref();
    this.worker = worker;
    return worker;
  }
}
