import fs from 'node:fs';
import path from 'node:path';
import { readConfig } from '../platform/config.js';
import { openConfigured } from './boot.js';
import { fail } from './context.js';

/** SQLite's online backup copies a consistent database while the server goes on writing. */
export async function backupCommand(file: string) {
  const config = readConfig();
  if (config.databaseUrl) {
    console.log('This riskpool runs on PostgreSQL: back it up with pg_dump, for example');
    console.log(`  pg_dump --format=custom --file=${file} "$DATABASE_URL"`);
    return;
  }
  const target = path.resolve(file);
  if (fs.existsSync(target)) fail(`${target} exists already; name a new file.`);
  const db = openConfigured(config);
  try {
    await db.sqlite!.backup(target);
    console.log(`Backed up to ${target} (${fs.statSync(target).size} bytes).`);
  } finally {
    await db.close();
  }
}
