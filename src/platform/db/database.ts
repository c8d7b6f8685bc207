import fs from 'node:fs';
import path from 'node:path';
import SQLite from 'better-sqlite3';
import { Kysely, PostgresDialect, SqliteDialect, type Transaction } from 'kysely';
import pg from 'pg';
import type { Database } from './schema.js';

export type Engine = 'sqlite' | 'postgres';

export interface Db {
  engine: Engine;
  kysely: Kysely<Database>;
  /** The SQLite connection, for online backup; absent on PostgreSQL. */
  sqlite?: SQLite.Database;
  close(): Promise<void>;
}

export type Executor = Kysely<Database> | Transaction<Database>;

export interface OpenOptions {
  databaseUrl?: string;
  /** The SQLite file; used when databaseUrl is not set. */
  sqliteFile?: string;
  /** A PostgreSQL schema to work in (tests give each file its own). */
  pgSchema?: string;
}

export function openDatabase(options: OpenOptions): Db {
  if (options.databaseUrl) return openPostgres(options.databaseUrl, options.pgSchema);
  if (!options.sqliteFile) throw new Error('openDatabase needs a databaseUrl or a sqliteFile');
  return openSqlite(options.sqliteFile);
}

function openSqlite(file: string): Db {
  fs.mkdirSync(path.dirname(file), { recursive: true });
  const sqlite = new SQLite(file);
  // Takes effect on a new database only (before WAL): larger pages mean shallower indexes.
  sqlite.pragma('page_size = 16384');
  // WAL lets readers go on while one writer writes; NORMAL sync is safe with WAL and far faster.
  sqlite.pragma('journal_mode = WAL');
  sqlite.pragma('synchronous = NORMAL');
  sqlite.pragma('foreign_keys = ON');
  sqlite.pragma('busy_timeout = 5000');
  // A registry of a million members keeps a dozen indexes warm; SQLite's 2 MB default cache
  // would send most index updates to the disk cache. 128 MB is little for a server.
  sqlite.pragma('cache_size = -131072');
  sqlite.pragma('temp_store = MEMORY');
  // Checkpoint every 40 MB of WAL rather than 4 MB: hot index pages changed by successive
  // commits are then copied into the database once instead of once per commit.
  sqlite.pragma('wal_autocheckpoint = 10000');
  const kysely = new Kysely<Database>({ dialect: new SqliteDialect({ database: sqlite }) });
  return { engine: 'sqlite', kysely, sqlite, close: () => kysely.destroy() };
}

// bigint (int8) and count(*) come back from pg as strings; every such value here is a count
// or an amount in minor units well inside 2^53, so a number is exact.
const INT8 = 20;
const types = {
  getTypeParser: ((oid: number, format?: 'text' | 'binary') =>
    oid === INT8
      ? (value: string) => Number(value)
      : pg.types.getTypeParser(oid, format)) as typeof pg.types.getTypeParser,
};

function openPostgres(url: string, schema?: string): Db {
  const pool = new pg.Pool({
    connectionString: url,
    types,
    max: 10,
    ...(schema ? { options: `-c search_path=${schema}` } : {}),
  });
  const kysely = new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
  return { engine: 'postgres', kysely, close: () => kysely.destroy() };
}
