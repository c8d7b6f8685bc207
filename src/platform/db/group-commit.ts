import { sql } from 'kysely';
import type { Db, Executor } from './database.js';

type Outcome = { ok: true; value: unknown } | { ok: false; error: unknown };
interface Item {
  work: (tx: Executor) => Promise<unknown>;
  resolve: (value: unknown) => void;
  reject: (error: unknown) => void;
}

/**
 * Small writes that arrive together (payment notifications from a bank's burst, say) share one
 * transaction on SQLite: one commit, whose cost is most of a small write's, serves them all, and
 * a write that fails is rolled back alone. Each caller is
 * answered once the shared transaction has committed, never before. Writes queue while one
 * batch commits, so the batches grow with the load and a lone write waits for nobody.
 * PostgreSQL takes concurrent transactions itself: there each write has its own.
 */
class GroupCommit {
  readonly #queue: Item[] = [];
  #draining = false;

  constructor(
    private readonly db: Db,
    private readonly maxBatch: number,
  ) {}

  run<T>(work: (tx: Executor) => Promise<T>): Promise<T> {
    if (this.db.engine !== 'sqlite') return this.db.kysely.transaction().execute(work);
    return new Promise<T>((resolve, reject) => {
      this.#queue.push({ work, resolve: resolve as (v: unknown) => void, reject });
      if (!this.#draining) void this.#drain();
    });
  }

  async #drain() {
    this.#draining = true;
    try {
      while (this.#queue.length) {
        const batch = this.#queue.splice(0, this.maxBatch);
        let outcomes: Outcome[];
        try {
          // Most writes succeed: the batch is tried whole first, without a savepoint each. If
          // one fails, all of it is rolled back and run again with savepoints, so the failure
          // is rolled back alone. The work is a function of its inputs, so running it again is safe.
          outcomes = (await this.#commit(batch, false)) ?? (await this.#commit(batch, true))!;
        } catch (error) {
          // The commit itself failed: nothing of the batch was written.
          for (const item of batch) item.reject(error);
          continue;
        }
        batch.forEach((item, i) => {
          const o = outcomes[i]!;
          if (o.ok) item.resolve(o.value);
          else item.reject(o.error);
        });
      }
    } finally {
      this.#draining = false;
    }
  }

  /** Runs the batch in one transaction; without savepoints, answers undefined when an item failed. */
  async #commit(batch: Item[], savepoints: boolean): Promise<Outcome[] | undefined> {
    const outcomes: Outcome[] = [];
    try {
      await this.db.kysely.transaction().execute(async (tx) => {
        for (const item of batch) {
          if (!savepoints) {
            try {
              outcomes.push({ ok: true, value: await item.work(tx) });
            } catch {
              throw new Retry();
            }
            continue;
          }
          await sql`savepoint grouped`.execute(tx);
          try {
            const value = await item.work(tx);
            await sql`release grouped`.execute(tx);
            outcomes.push({ ok: true, value });
          } catch (error) {
            await sql`rollback to grouped`.execute(tx);
            await sql`release grouped`.execute(tx);
            outcomes.push({ ok: false, error });
          }
        }
      });
    } catch (error) {
      if (error instanceof Retry) return undefined;
      throw error;
    }
    return outcomes;
  }
}

class Retry extends Error {}

const groups = new WeakMap<Db['kysely'], GroupCommit>();

/** The database's group of small writes (one per open database). */
export function groupCommit(db: Db, maxBatch = 256) {
  let group = groups.get(db.kysely);
  if (!group) groups.set(db.kysely, (group = new GroupCommit(db, maxBatch)));
  return group;
}
