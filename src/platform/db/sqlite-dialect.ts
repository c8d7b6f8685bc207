import type SQLite from 'better-sqlite3';
import { CompiledQuery, SqliteDialect, SqliteDriver, type DatabaseConnection, type Driver } from 'kysely';
import { LOCK_WAIT_MS } from './sqlite-settings.js';

/**
 * Kysely's SQLite dialect, with transactions that take the write lock when they begin and wait
 * for it without holding the thread.
 *
 * Begun deferred (Kysely's way), a transaction that read before it wrote was refused its write
 * ("database is locked") when another connection committed in between: an import's chunk on the
 * writer thread, another server process. Begun IMMEDIATE it has the lock from the start. While
 * another connection holds it, SQLite's busy handler would sleep the whole process (its requests,
 * its desk checks) for as long as that takes, a payment run's many seconds; instead the lock is
 * asked for without waiting, and asked again after a pause in which the process goes on.
 */
export function waitingSqliteDialect(database: SQLite.Database, raw: SQLite.Database, lockWaitMs = LOCK_WAIT_MS) {
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
    const deadline = Date.now() + this.lockWaitMs;
    const busyTimeout = this.raw.pragma('busy_timeout', { simple: true }) as number;
    // Kysely hands this connection to one transaction at a time, so the setting is ours meanwhile.
    this.raw.pragma('busy_timeout = 0');
    try {
      // Short pauses: a writer thread between two batches leaves the lock free for a few ms only.
      for (let pause = 1; ; pause = Math.min(pause * 2, 10)) {
        try {
          await connection.executeQuery(CompiledQuery.raw('begin immediate'));
          return;
        } catch (err) {
          if (!isBusy(err) || Date.now() + pause > deadline) throw err;
          await new Promise((resolve) => setTimeout(resolve, pause));
        }
      }
    } finally {
      this.raw.pragma(`busy_timeout = ${busyTimeout}`);
    }
  }
}

/** SQLite could not have its write lock (SQLITE_BUSY and its variants). */
export function isBusy(err: unknown): boolean {
  const code = (err as { code?: unknown })?.code;
  return typeof code === 'string' && code.startsWith('SQLITE_BUSY');
}
