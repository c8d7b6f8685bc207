import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { openDatabase, type Db, type Engine } from '../src/platform/db/database.js';
import { migrateToLatest } from '../src/platform/db/migrate.js';

/**
 * The engines database tests run on: always the real SQLite file, and the real PostgreSQL
 * server when TEST_DATABASE_URL names one (CI sets it). Each call gets an empty, migrated
 * database of its own: a fresh file, or a fresh PostgreSQL schema dropped on close.
 */
export const engines: Engine[] = process.env.TEST_DATABASE_URL ? ['sqlite', 'postgres'] : ['sqlite'];

export async function freshDatabase(
  engine: Engine,
  options: { migrate?: boolean; lockWaitMs?: number } = {},
): Promise<Db> {
  let db: Db;
  let cleanup: () => Promise<void>;
  if (engine === 'postgres') {
    const url = process.env.TEST_DATABASE_URL!;
    const schema = `t_${Date.now().toString(36)}_${Math.random().toString(36).slice(2, 8)}`;
    const admin = new pg.Client({ connectionString: url });
    await admin.connect();
    await admin.query(`create schema ${schema}`);
    await admin.end();
    db = openDatabase({ databaseUrl: url, pgSchema: schema });
    cleanup = async () => {
      const c = new pg.Client({ connectionString: url });
      await c.connect();
      await c.query(`drop schema ${schema} cascade`);
      await c.end();
    };
  } else {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'riskpool-test-'));
    db = openDatabase({ sqliteFile: path.join(dir, 'riskpool.db'), lockWaitMs: options.lockWaitMs });
    cleanup = async () => fs.rmSync(dir, { recursive: true, force: true });
  }
  if (options.migrate !== false) await migrateToLatest(db);
  const close = db.close;
  return {
    ...db,
    close: async () => {
      await close();
      await cleanup();
    },
  };
}
