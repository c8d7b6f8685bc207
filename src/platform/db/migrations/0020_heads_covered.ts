import type { Kysely } from 'kysely';
import type { EngineMigration } from '../migrate.js';

/**
 * The monthly figures gained the members who are heads of household (`heads_covered`), beside
 * everyone covered. Forgetting which months were made has the server make them all again on its
 * next start, as it did the first time, so that no month lacks the new figure.
 */
export const headsCovered: EngineMigration = () => ({
  async up(db: Kysely<any>) {
    await db.deleteFrom('figure_refresh').execute();
  },
});
