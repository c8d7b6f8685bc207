import { readConfig, type Config } from '../platform/config.js';
import { openConfigured } from './boot.js';
import type { Db } from '../platform/db/database.js';
import { migrateToLatest } from '../platform/db/migrate.js';

/** Opens the configured database, brought up to date unless told not to, for one command; closes it after. */
export async function withDatabase<T>(
  fn: (db: Db, config: Config) => Promise<T>,
  options: { migrate?: boolean } = {},
): Promise<T> {
  const config = readConfig();
  const db = openConfigured(config);
  try {
    if (options.migrate !== false) await migrateToLatest(db);
    return await fn(db, config);
  } finally {
    await db.close();
  }
}

/** The scheme a command works on: the one named, or the only one there is. */
export async function schemeFor(db: Db, id?: string): Promise<string> {
  const schemes = await db.kysely.selectFrom('scheme').select(['id', 'name']).execute();
  if (id) {
    if (!schemes.some((s) => s.id === id)) fail(`There is no scheme ${id}. Schemes: ${list(schemes)}`);
    return id;
  }
  if (schemes.length === 1) return schemes[0]!.id;
  fail(
    schemes.length
      ? `Name the scheme with --scheme. Schemes: ${list(schemes)}`
      : 'There is no scheme yet: run `riskpool serve` once.',
  );
}

const list = (schemes: { id: string; name: string }[]) => schemes.map((s) => `${s.id} (${s.name})`).join(', ');

export function fail(message: string): never {
  console.error(message);
  process.exit(1);
}
