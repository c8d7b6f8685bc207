import type { Kysely } from 'kysely';
import type { EngineMigration } from '../migrate.js';

/**
 * Areas' boundaries, as the scheme uploads them (GeoJSON), with the centre of each: the map draws
 * them with nothing fetched from the internet, and measures how far members live from care.
 */
export const areaBoundaries: EngineMigration = () => ({
  async up(db: Kysely<any>) {
    await db.schema
      .createTable('area_boundary')
      .addColumn('scheme_id', 'text', (c) => c.notNull())
      .addColumn('area_id', 'text', (c) => c.notNull())
      .addColumn('geometry_json', 'text', (c) => c.notNull())
      .addColumn('centre_lat', 'real', (c) => c.notNull())
      .addColumn('centre_lon', 'real', (c) => c.notNull())
      .addColumn('updated_at', 'text', (c) => c.notNull())
      .addPrimaryKeyConstraint('area_boundary_pk', ['scheme_id', 'area_id'])
      .addForeignKeyConstraint('area_boundary_area', ['scheme_id', 'area_id'], 'area', ['scheme_id', 'id'])
      .execute();
    // The monthly figures are made from claims and cover by the month they fall in.
    await db.schema.createIndex('claim_admitted').on('claim').columns(['scheme_id', 'admitted_on']).execute();
    await db.schema
      .createIndex('coverage_period_starts')
      .on('coverage_period')
      .columns(['scheme_id', 'starts_on'])
      .execute();
  },
});
