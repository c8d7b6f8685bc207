import { describe, expect, it } from 'vitest';
import { engines, freshDatabase } from '../../../test/engines.js';
import { migrateToLatest } from './migrate.js';

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
});
