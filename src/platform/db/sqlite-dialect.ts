import type SQLite from 'better-sqlite3';
import { CompiledQuery, SqliteDialect, SqliteDriver, type DatabaseConnection, type Driver } from 'kysely';
import { LOCK_WAIT_MS } from './sqlite-settings.js';

/** How long a server's connection lets SQLite's busy handler hold its thread for the lock. */
const SHORT_WAIT_MS = 50;

/**
 * Kysely's SQLite dialect, with transactions that take the write lock when they begin and wait
 * for it without holding the thread.
 *
 * Begun deferred (Kysely's way), a transaction that read before it wrote was refused its write
 * ("database is locked") when another connection committed in between: an import's chunk on the
 * writer thread, another server process. Begun IMMEDIATE it has the lock from the start. While
 * another connection holds it, SQLite's busy handler would sleep the whole process (its requests,
 * its desk checks) for as long as that takes, a payment run's many seconds; instead it holds the
 * thread a little while at most, and then asks again after pauses in which the process goes on.
 */
export function waitingSqliteDialect(database: SQLite.Database, raw: SQLite.Database, lockWaitMs = LOCK_WAIT_MS) {
  raw.pragma(`busy_timeout = ${SHORT_WAIT_MS}`);
  return new (class extends SqliteDialect {
    override createDriver(): Driver {
      return new WaitingDriver({ database }, raw, lockWaitMs);
    }
  })({ database });
}

class WaitingDriver extends SqliteDriver {
  constructor(
    config: ConstructorParameters<typeof SqliteDriver>[0],
    private readonly raw: SQLite.Database,
    private readonly lockWaitMs: number,
  ) {
    super(config);
  }

  override async beginTransaction(connection: DatabaseConnection): Promise<void> {
    const begin = () => connection.executeQuery(CompiledQuery.raw('begin immediate'));
    // Most waits are short (another process's group of texts: a few ms), and SQLite's own busy
    // handler, up to SHORT_WAIT_MS, serves them best: pausing the process for each would let the
    // other process take the lock again and again first.
    try {
      await begin();
      return;
    } catch (err) {
      if (!isBusy(err)) throw err;
    }
    // A long one (a payment run, an import's chunk): asked again after pauses in which the
    // process goes on. Kysely hands this connection to one transaction at a time, so its
    // setting is ours meanwhile.
    const deadline = Date.now() + this.lockWaitMs;
    this.raw.pragma('busy_timeout = 0');
    try {
      for (let pause = 1; ; pause = Math.min(pause * 2, 10)) {
        await new Promise((resolve) => setTimeout(resolve, pause));
        try {
          await begin();
          return;
        } catch (err) {
          if (!isBusy(err) || Date.now() + pause > deadline) throw err;
        }
      }
    } finally {
      this.raw.pragma(`busy_timeout = ${SHORT_WAIT_MS}`);
    }
  }
}

/** SQLite could not have its write lock (SQLITE_BUSY and its variants). */
export function isBusy(err: unknown): boolean {
  const code = (err as { code?: unknown })?.code;
  return typeof code === 'string' && code.startsWith('SQLITE_BUSY');
}
