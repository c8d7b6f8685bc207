import { describe, expect, it } from 'vitest';
import { engines, freshDatabase } from '../../../test/engines.js';
import { migrateTo, migrateToLatest } from './migrate.js';

describe.each(engines)('migrations on %s', (engine) => {
  it('create every table and are a no-op the second time', async () => {
    const db = await freshDatabase(engine);
    try {
      const tables = await db.kysely.introspection.getTables();
      const names = tables.map((t) => t.name);
      for (const t of ['scheme', 'app_user', 'audit_entry', 'member', 'member_name_token', 'photo']) {
        expect(names).toContain(t);
      }
      expect(await migrateToLatest(db)).toEqual([]);
    } finally {
      await db.close();
    }
  });

  it('give schemes made before 0005 the starting care categories', async () => {
    const db = await freshDatabase(engine, { migrate: false });
    try {
      await migrateTo(db, '0004_contribution_rules');
      const at = '2020-01-01T00:00:00.000Z';
      await db.kysely
        .insertInto('scheme')
        .values({
          id: 'old',
          name: 'Old',
          country: 'KH',
          currency: 'USD',
          currency_minor_units: 2,
          languages: '["en"]',
          member_prefix: 'OLD',
          created_at: at,
          updated_at: at,
        })
        .execute();
      expect(await migrateToLatest(db)).toContain('0005_products');
      const categories = await db.kysely
        .selectFrom('care_category')
        .select('code')
        .where('scheme_id', '=', 'old')
        .execute();
      expect(categories.map((c) => c.code).sort()).toContain('delivery');
      expect(categories).toHaveLength(8);
    } finally {
      await db.close();
    }
  });
});
