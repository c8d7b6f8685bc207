import { Migrator, sql, type CreateTableBuilder, type Migration, type MigrationProvider } from 'kysely';
import type { Db, Engine } from './database.js';
import { migrations } from './migrations/index.js';

export type EngineMigration = (engine: Engine) => Migration;

/** Migrations are compiled in, not read from a folder, so a bundled or installed copy finds them. */
class StaticProvider implements MigrationProvider {
  constructor(private readonly engine: Engine) {}
  getMigrations(): Promise<Record<string, Migration>> {
    return Promise.resolve(Object.fromEntries(Object.entries(migrations).map(([name, m]) => [name, m(this.engine)])));
  }
}

export async function migrateToLatest(db: Db): Promise<string[]> {
  return migrate(db, (m) => m.migrateToLatest());
}

/** Up (or down) to the named migration: for testing what a migration does to existing data. */
export async function migrateTo(db: Db, name: string): Promise<string[]> {
  return migrate(db, (m) => m.migrateTo(name));
}

async function migrate(db: Db, run: (m: Migrator) => ReturnType<Migrator['migrateToLatest']>) {
  // On PostgreSQL, Kysely looks for its bookkeeping tables in every schema unless told which:
  // another schema's (another tenant database's, a test's) would make it skip creating its own.
  const migrationTableSchema =
    db.engine === 'postgres'
      ? (await sql<{ schema: string }>`select current_schema() as schema`.execute(db.kysely)).rows[0]?.schema
      : undefined;
  const migrator = new Migrator({ db: db.kysely, provider: new StaticProvider(db.engine), migrationTableSchema });
  const { error, results } = await run(migrator);
  if (error) throw error instanceof Error ? error : new Error(String(error));
  return (results ?? []).filter((r) => r.status === 'Success').map((r) => r.migrationName);
}

/**
 * A table stored in its primary key's order. On SQLite a table whose key is not a single integer
 * otherwise keeps its rows and its key in two b-trees, and every insert pays for both; WITHOUT
 * ROWID keeps one. PostgreSQL has no such distinction.
 */
export const clustered =
  (engine: Engine) =>
  <T extends string, C extends string>(table: CreateTableBuilder<T, C>) =>
    engine === 'sqlite' ? table.modifyEnd(sql`without rowid`) : table;
