import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import type { Engine } from '../src/platform/db/database.js';

export const RISKPOOL_BIN = path.resolve('bin/riskpool.js');

/**
 * The environment an operator would give the `riskpool` command: an empty data folder for the
 * SQLite file, or on PostgreSQL a fresh schema of the test server (made by `open`, dropped by
 * `close`), the demo off and the logs quiet.
 */
export function commandEnvironment(engine: Engine, name: string) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), `riskpool-${name}-`));
  const schema = `${name}_${Date.now().toString(36)}`;
  const env: NodeJS.ProcessEnv = { ...process.env, RISKPOOL_DATA_DIR: dir, RISKPOOL_DEMO: '0', LOG_LEVEL: 'warn' };
  const onServer = async (sql: string) => {
    const c = new pg.Client({ connectionString: process.env.TEST_DATABASE_URL });
    await c.connect();
    await c.query(sql);
    await c.end();
  };
  return {
    dir,
    env,
    open: async () => {
      if (engine !== 'postgres') return;
      await onServer(`create schema ${schema}`);
      const url = process.env.TEST_DATABASE_URL!;
      env.DATABASE_URL = `${url}${url.includes('?') ? '&' : '?'}options=${encodeURIComponent(`-c search_path=${schema}`)}`;
    },
    close: async () => {
      fs.rmSync(dir, { recursive: true, force: true });
      if (engine === 'postgres') await onServer(`drop schema ${schema} cascade`);
    },
  };
}
