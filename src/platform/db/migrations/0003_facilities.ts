import type { Kysely } from 'kysely';
import type { EngineMigration } from '../migrate.js';

/** The health facilities a scheme works with; their contracts and payment come later. */
export const facilities: EngineMigration = () => ({
  async up(db: Kysely<any>) {
    await db.schema
      .createTable('facility')
      .addColumn('id', 'text', (c) => c.notNull())
      .addColumn('scheme_id', 'text', (c) => c.notNull().references('scheme.id'))
      .addColumn('code', 'text', (c) => c.notNull())
      .addColumn('name', 'text', (c) => c.notNull())
      .addColumn('name_local', 'text')
      .addColumn('type', 'text', (c) => c.notNull())
      .addColumn('ownership', 'text', (c) => c.notNull())
      .addColumn('area_id', 'text')
      .addColumn('latitude', 'double precision')
      .addColumn('longitude', 'double precision')
      .addColumn('phone_numbers', 'text', (c) => c.notNull())
      .addColumn('contract_start', 'text')
      .addColumn('created_at', 'text', (c) => c.notNull())
      .addColumn('updated_at', 'text', (c) => c.notNull())
      .addPrimaryKeyConstraint('facility_pk', ['scheme_id', 'id'])
      .addUniqueConstraint('facility_code', ['scheme_id', 'code'])
      .addForeignKeyConstraint('facility_area', ['scheme_id', 'area_id'], 'area', ['scheme_id', 'id'])
      .execute();
    await db.schema.createIndex('facility_name').on('facility').columns(['scheme_id', 'name', 'id']).execute();
  },
});
