import type { Kysely } from 'kysely';
import type { EngineMigration } from '../migrate.js';

/**
 * The facility a member is assigned to (their health centre): capitation by assigned members pays
 * it for each of them covered in the month, wherever they live.
 */
export const assignedFacility: EngineMigration = () => ({
  async up(db: Kysely<any>) {
    await db.schema.alterTable('member').addColumn('assigned_facility_id', 'text').execute();
    await db.schema
      .createIndex('member_assigned_facility')
      .on('member')
      .columns(['scheme_id', 'assigned_facility_id'])
      .execute();
  },
});
