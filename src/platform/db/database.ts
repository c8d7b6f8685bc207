import fs from 'node:fs';
import path from 'node:path';
import SQLite from 'better-sqlite3';
import { Kysely, PostgresDialect, type Transaction } from 'kysely';
import pg from 'pg';
import type { Database } from './schema.js';
import { configureSqlite } from './sqlite-settings.js';
import { waitingSqliteDialect } from './sqlite-dialect.js';
import { SqliteWriter } from './writer.js';
import { Memo } from './memo.js';
import { alone, type Peers } from '../processes/peers.js';

export type Engine = 'sqlite' | 'postgres';

export interface Db {
  engine: Engine;
  kysely: Kysely<Database>;
  /** The SQLite connection, for online backup; absent on PostgreSQL. */
  sqlite?: SQLite.Database;
  /** A second SQLite connection on a thread of its own, for bulk writes; absent on PostgreSQL. */
  writer?: SqliteWriter;
  /**
   * A read-only SQLite connection of its own for the hottest reads (see hot.ts): it answers at
   * once, whatever transaction the main connection is in, and sees only what is committed.
   * Absent on PostgreSQL.
   */
  reader?: { prepare(sql: string): SQLite.Statement };
  /** What almost every request reads and seldom changes, kept for a few seconds (see memo.ts). */
  memo: Memo;
  /** The other processes of the same server, when it runs several (see processes/peers.ts). */
  peers: Peers;
  close(): Promise<void>;
}

export type Executor = Kysely<Database> | Transaction<Database>;

export interface OpenOptions {
  databaseUrl?: string;
  /** The SQLite file; used when databaseUrl is not set. */
  sqliteFile?: string;
  /** A PostgreSQL schema to work in (tests give each file its own). */
  pgSchema?: string;
  /** The server's other processes; none by default. */
  peers?: Peers;
  /** How long a SQLite transaction waits for the write lock (sqlite-dialect.ts; tests shorten it). */
  lockWaitMs?: number;
}

export function openDatabase(options: OpenOptions): Db {
  const peers = options.peers ?? alone;
  const memo = new Memo();
  // What this process forgets, the others forget too, and the other way round.
  memo.share((prefix) => peers.forgotten(prefix));
  peers.onForgotten((prefix) => memo.drop(prefix));
  if (options.databaseUrl) return openPostgres(options.databaseUrl, memo, peers, options.pgSchema);
  if (!options.sqliteFile) throw new Error('openDatabase needs a databaseUrl or a sqliteFile');
  return openSqlite(options.sqliteFile, memo, peers, options.lockWaitMs);
}

function openSqlite(file: string, memo: Memo, peers: Peers, lockWaitMs?: number): Db {
  fs.mkdirSync(path.dirname(file), { recursive: true });
  const sqlite = new SQLite(file);
  configureSqlite(sqlite);
  const kysely = new Kysely<Database>({ dialect: waitingSqliteDialect(preparedOnce(sqlite), sqlite, lockWaitMs) });
  const writer = new SqliteWriter(file);
  const readOnly = new SQLite(file, { readonly: true });
  readOnly.pragma('cache_size = -131072');
  // The hot reads' pages are read straight from the mapped file rather than copied in by a
  // system call each: at a million members most of a desk check is finding the member's and
  // their cover's pages, and this gave the check a quarter more per second. SQLite caps the map
  // at 2 GB (a larger file is read past it as before). Not on the writing connections: the
  // import was no faster with it.
  readOnly.pragma('mmap_size = 2147418112');
  const reader = preparedOnce(readOnly);
  return {
    engine: 'sqlite',
    kysely,
    sqlite,
    writer,
    reader,
    memo,
    peers,
    close: async () => {
      await writer.close();
      await kysely.destroy();
      readOnly.close();
    },
  };
}

/**
 * Kysely's SQLite driver prepares every statement anew, and preparing costs more than running
 * most of the small queries a request makes. The same SQL text gets the statement prepared
 * before, from a bounded cache (queries with IN lists of varying length make many texts). A
 * statement is run to the end within one call, so one prepared statement is never in use twice.
 */
function preparedOnce(sqlite: SQLite.Database, capacity = 2000) {
  const cache = new Map<string, SQLite.Statement>();
  return {
    prepare(sql: string) {
      let statement = cache.get(sql);
      if (statement) {
        // Most recently used last: the first entry is the one to drop.
        cache.delete(sql);
      } else {
        statement = sqlite.prepare(sql);
        if (cache.size >= capacity) cache.delete(cache.keys().next().value!);
      }
      cache.set(sql, statement);
      return statement;
    },
    close: () => sqlite.close(),
  } as unknown as SQLite.Database;
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

function openPostgres(url: string, memo: Memo, peers: Peers, schema?: string): Db {
  const pool = new pg.Pool({
    connectionString: url,
    types,
    max: 10,
    ...(schema ? { options: `-c search_path=${schema}` } : {}),
  });
  const kysely = new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
  return { engine: 'postgres', kysely, memo, peers, close: () => kysely.destroy() };
}
