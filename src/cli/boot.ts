import path from 'node:path';
import type { Config } from '../platform/config.js';
import { openDatabase, type Db } from '../platform/db/database.js';
import type { Peers } from '../platform/processes/peers.js';
import { migrateToLatest } from '../platform/db/migrate.js';
import { systemActor } from '../platform/audit/audit.js';
import { failInterruptedJobs } from '../platform/jobs/jobs.js';
import { createUser } from '../platform/users/service.js';
import { insertScheme } from '../schemes/service.js';

export const sqliteFileOf = (config: Config) => path.join(config.dataDir, 'riskpool.db');

export function openConfigured(config: Config, peers?: Peers): Db {
  return openDatabase({ databaseUrl: config.databaseUrl, sqliteFile: sqliteFileOf(config), peers });
}

export interface FirstStart {
  /** Set only on the very first start, when the password was generated: print it once. */
  generatedPassword: string | null;
  adminCreated: boolean;
  schemeId: string | null;
}

/**
 * An empty database gets a scheme and its administrator `admin`, so there is someone to log
 * in as. With the demo on, that scheme is the demo scheme; otherwise a blank one to set up.
 */
export async function ensureFirstStart(
  db: Db,
  config: Config,
  makeDemo: (db: Db) => Promise<string>,
): Promise<FirstStart> {
  const anyUser = await db.kysely.selectFrom('app_user').select('id').limit(1).executeTakeFirst();
  if (anyUser) return { generatedPassword: null, adminCreated: false, schemeId: null };
  const actor = systemActor(null, 'first-start');
  const schemeId = config.loadDemo
    ? await makeDemo(db)
    : (
        await db.kysely.transaction().execute((tx) =>
          insertScheme(tx, actor, {
            name: 'New scheme',
            country: 'KH',
            currency: 'USD',
            currencyMinorUnits: 2,
            languages: ['en', 'km', 'fr', 'vi'],
            memberPrefix: 'RP',
          }),
        )
      ).id;
  const created = await createUser(db, { ...actor, schemeId }, schemeId, {
    username: 'admin',
    displayName: 'Administrator',
    password: config.adminPassword,
    roles: ['administrator', 'platform_operator'],
    areaIds: [],
    language: null,
    isMachine: false,
  });
  return { generatedPassword: created.generatedPassword, adminCreated: true, schemeId };
}

export async function prepareDatabase(config: Config, makeDemo: (db: Db) => Promise<string>) {
  const db = openConfigured(config);
  const applied = await migrateToLatest(db);
  await failInterruptedJobs(db);
  const first = await ensureFirstStart(db, config, makeDemo);
  return { db, applied, first };
}
