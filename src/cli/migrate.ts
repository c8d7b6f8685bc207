import { migrateToLatest } from '../platform/db/migrate.js';
import { withDatabase } from './context.js';

export const migrateCommand = () =>
  withDatabase(
    async (db) => {
      const applied = await migrateToLatest(db);
      console.log(applied.length ? `Applied: ${applied.join(', ')}` : 'The database is up to date.');
    },
    { migrate: false },
  );
