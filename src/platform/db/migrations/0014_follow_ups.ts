import type { Kysely } from 'kysely';
import type { EngineMigration } from '../migrate.js';

/**
 * After a claim, a sample of members asked by SMS whether the care was given, whether they were
 * asked to pay, whether they got their medicines, and how they rate it: the facility's word
 * checked against the member's, and what goes wrong brought to customer care.
 */
export const followUps: EngineMigration = () => ({
  async up(db: Kysely<any>) {
    await db.schema
      .createTable('claim_follow_up')
      .addColumn('scheme_id', 'text', (c) => c.notNull())
      .addColumn('claim_id', 'text', (c) => c.notNull())
      .addColumn('member_id', 'text', (c) => c.notNull())
      .addColumn('phone', 'text', (c) => c.notNull())
      // The phone's last eight digits, as SMS answers are matched.
      .addColumn('phone_key', 'text', (c) => c.notNull())
      .addColumn('state', 'text', (c) => c.notNull())
      .addColumn('drawn_at', 'text', (c) => c.notNull())
      .addColumn('asked_at', 'text')
      .addColumn('answered_at', 'text')
      .addColumn('care_given', 'integer')
      .addColumn('asked_to_pay', 'integer')
      .addColumn('medicines', 'integer')
      .addColumn('rating', 'integer')
      .addColumn('concern', 'integer', (c) => c.notNull())
      .addPrimaryKeyConstraint('claim_follow_up_pk', ['scheme_id', 'claim_id'])
      .addForeignKeyConstraint('claim_follow_up_claim', ['scheme_id', 'claim_id'], 'claim', ['scheme_id', 'id'])
      .execute();
    await db.schema
      .createIndex('claim_follow_up_phone')
      .on('claim_follow_up')
      .columns(['scheme_id', 'phone_key', 'state'])
      .execute();
    await db.schema
      .createIndex('claim_follow_up_state')
      .on('claim_follow_up')
      .columns(['scheme_id', 'state', 'drawn_at'])
      .execute();
  },
});
