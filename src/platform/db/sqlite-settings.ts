import type SQLite from 'better-sqlite3';

/** How long a write waits for SQLite's write lock before it gives up (SQLITE_BUSY). */
export const LOCK_WAIT_MS = 30_000;

/** The settings every connection to the SQLite file runs with: the server's and the writer thread's. */
export function configureSqlite(sqlite: SQLite.Database): void {
  // Takes effect on a new database only (before WAL): larger pages mean shallower indexes, and an
  // import's commit, which writes out every index page its chunk touched, writes them in fewer,
  // larger pieces: 32 KB imported a million members 10 to 15% faster than 16 KB, and checks and
  // SMS answered as fast (docs/benchmarks.md). 4 KB was a fifth slower.
  sqlite.pragma('page_size = 32768');
  // WAL lets readers go on while one writer writes; NORMAL sync is safe with WAL and far faster.
  sqlite.pragma('journal_mode = WAL');
  sqlite.pragma('synchronous = NORMAL');
  sqlite.pragma('foreign_keys = ON');
  // The connections of the server's processes and their writer threads take turns at writing.
  // A writer thread waits for the lock in its own thread, as long as a transaction on a server's
  // connection waits before giving up; that one holds its thread a moment only (sqlite-dialect.ts).
  sqlite.pragma(`busy_timeout = ${LOCK_WAIT_MS}`);
  // A registry of a million members keeps a dozen indexes warm; SQLite's 2 MB default cache
  // would send most index updates to the disk cache. 128 MB is little for a server.
  sqlite.pragma('cache_size = -131072');
  sqlite.pragma('temp_store = MEMORY');
  // Checkpoint every 320 MB of WAL (10,000 pages of 32 KB) rather than every 1,000 pages: hot
  // index pages changed by successive commits are then copied into the database once instead of
  // once per commit.
  sqlite.pragma('wal_autocheckpoint = 10000');
}
