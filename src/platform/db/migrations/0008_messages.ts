import type { Kysely } from 'kysely';
import type { EngineMigration } from '../migrate.js';

/** Every text message in and out, kept: who asked what, and what the scheme answered. */
export const messages: EngineMigration = () => ({
  async up(db: Kysely<any>) {
    await db.schema
      .createTable('sms_message')
      .addColumn('id', 'text', (c) => c.notNull())
      .addColumn('scheme_id', 'text', (c) => c.notNull().references('scheme.id'))
      .addColumn('direction', 'text', (c) => c.notNull())
      .addColumn('phone', 'text', (c) => c.notNull())
      .addColumn('text', 'text', (c) => c.notNull())
      .addColumn('gateway_id', 'text')
      .addColumn('facility_id', 'text')
      .addColumn('at', 'text', (c) => c.notNull())
      .addPrimaryKeyConstraint('sms_message_pk', ['scheme_id', 'id'])
      .execute();
    await db.schema.createIndex('sms_message_phone').on('sms_message').columns(['scheme_id', 'phone', 'at']).execute();
  },
});
