import type { Kysely } from 'kysely';
import type { EngineMigration } from '../migrate.js';

/**
 * Members assigned to a facility are indexed, the others (every worker a factory's list brings
 * in, most villagers) no longer: as for the employer, group and area, an entry for an empty
 * column cost each import its time and the file its pages (50 MB at a million members), and the
 * index is only ever asked for one facility's members.
 */
export const assignedFacilityPartial: EngineMigration = () => ({
  async up(db: Kysely<any>) {
    await db.schema.dropIndex('member_assigned_facility').execute();
    await db.schema
      .createIndex('member_assigned_facility')
      .on('member')
      .columns(['scheme_id', 'assigned_facility_id'])
      .where('assigned_facility_id', 'is not', null)
      .execute();
  },
});
