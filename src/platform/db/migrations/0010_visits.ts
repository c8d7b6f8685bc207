import type { Kysely } from 'kysely';
import type { EngineMigration } from '../migrate.js';

/**
 * A member checked in at a facility's desk: the visit a claim will refer to, with what the desk
 * was told about the member's cover at that moment.
 */
export const visits: EngineMigration = () => ({
  async up(db: Kysely<any>) {
    await db.schema
      .createTable('visit')
      .addColumn('id', 'text', (c) => c.notNull())
      .addColumn('scheme_id', 'text', (c) => c.notNull().references('scheme.id'))
      .addColumn('number', 'text', (c) => c.notNull())
      .addColumn('member_id', 'text', (c) => c.notNull())
      .addColumn('facility_id', 'text', (c) => c.notNull())
      .addColumn('visited_on', 'text', (c) => c.notNull())
      .addColumn('category', 'text')
      .addColumn('card_id', 'text')
      .addColumn('covered_until', 'text')
      .addColumn('checked_in_at', 'text', (c) => c.notNull())
      .addColumn('checked_in_by', 'text', (c) => c.notNull())
      .addPrimaryKeyConstraint('visit_pk', ['scheme_id', 'id'])
      .addUniqueConstraint('visit_number_unique', ['scheme_id', 'number'])
      .addForeignKeyConstraint('visit_member', ['scheme_id', 'member_id'], 'member', ['scheme_id', 'id'])
      .addForeignKeyConstraint('visit_facility', ['scheme_id', 'facility_id'], 'facility', ['scheme_id', 'id'])
      .execute();
    await db.schema
      .createIndex('visit_facility_day')
      .on('visit')
      .columns(['scheme_id', 'facility_id', 'visited_on', 'number'])
      .execute();
    await db.schema
      .createIndex('visit_member_day')
      .on('visit')
      .columns(['scheme_id', 'member_id', 'visited_on'])
      .execute();
  },
});
