import type { Kysely } from 'kysely';
import type { EngineMigration } from '../migrate.js';

/**
 * Member cards and the scheme's signing keys. A card's QR code is signed with the scheme's
 * Ed25519 key; the public half is what desk pages keep to check cards offline. A reissued card
 * revokes the one before it for online checks.
 */
export const cards: EngineMigration = () => ({
  async up(db: Kysely<any>) {
    await db.schema
      .createTable('card_key')
      .addColumn('scheme_id', 'text', (c) => c.notNull().references('scheme.id'))
      .addColumn('kid', 'text', (c) => c.notNull())
      .addColumn('public_key', 'text', (c) => c.notNull())
      .addColumn('secret_key', 'text', (c) => c.notNull())
      .addColumn('created_at', 'text', (c) => c.notNull())
      .addColumn('retired_at', 'text')
      .addPrimaryKeyConstraint('card_key_pk', ['scheme_id', 'kid'])
      .execute();
    await db.schema
      .createTable('card')
      .addColumn('id', 'text', (c) => c.notNull())
      .addColumn('scheme_id', 'text', (c) => c.notNull().references('scheme.id'))
      .addColumn('member_id', 'text', (c) => c.notNull())
      .addColumn('kid', 'text', (c) => c.notNull())
      .addColumn('valid_from', 'text', (c) => c.notNull())
      .addColumn('valid_until', 'text', (c) => c.notNull())
      .addColumn('issued_at', 'text', (c) => c.notNull())
      .addColumn('issued_by', 'text', (c) => c.notNull())
      .addColumn('code', 'text', (c) => c.notNull())
      .addColumn('revoked_at', 'text')
      .addColumn('revoked_reason', 'text')
      .addPrimaryKeyConstraint('card_pk', ['scheme_id', 'id'])
      .addForeignKeyConstraint('card_member', ['scheme_id', 'member_id'], 'member', ['scheme_id', 'id'])
      .addForeignKeyConstraint('card_signed_with', ['scheme_id', 'kid'], 'card_key', ['scheme_id', 'kid'])
      .execute();
    await db.schema
      .createIndex('card_member_idx')
      .on('card')
      .columns(['scheme_id', 'member_id', 'issued_at'])
      .execute();
  },
});
