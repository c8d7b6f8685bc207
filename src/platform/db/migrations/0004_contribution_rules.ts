import type { Kysely } from 'kysely';
import type { EngineMigration } from '../migrate.js';

/**
 * Who pays for cover and how much: the scheme's contribution rules, each a series of versions by
 * effective date (a change applies from its date; what was due before stays as it was), and
 * the payers that subsidise members' contributions.
 */
export const contributionRules: EngineMigration = () => ({
  async up(db: Kysely<any>) {
    await db.schema
      .createTable('payer')
      .addColumn('id', 'text', (c) => c.notNull())
      .addColumn('scheme_id', 'text', (c) => c.notNull().references('scheme.id'))
      .addColumn('code', 'text', (c) => c.notNull())
      .addColumn('name', 'text', (c) => c.notNull())
      .addColumn('kind', 'text', (c) => c.notNull())
      .addColumn('created_at', 'text', (c) => c.notNull())
      .addColumn('updated_at', 'text', (c) => c.notNull())
      .addPrimaryKeyConstraint('payer_pk', ['scheme_id', 'id'])
      .addUniqueConstraint('payer_code', ['scheme_id', 'code'])
      .execute();
    await db.schema.createIndex('payer_name').on('payer').columns(['scheme_id', 'name', 'id']).execute();

    await db.schema
      .createTable('contribution_rule')
      .addColumn('id', 'text', (c) => c.notNull())
      .addColumn('scheme_id', 'text', (c) => c.notNull().references('scheme.id'))
      .addColumn('code', 'text', (c) => c.notNull())
      .addColumn('name', 'text', (c) => c.notNull())
      .addColumn('created_at', 'text', (c) => c.notNull())
      .addColumn('updated_at', 'text', (c) => c.notNull())
      .addPrimaryKeyConstraint('contribution_rule_pk', ['scheme_id', 'id'])
      .addUniqueConstraint('contribution_rule_code', ['scheme_id', 'code'])
      .execute();
    await db.schema
      .createIndex('contribution_rule_name')
      .on('contribution_rule')
      .columns(['scheme_id', 'name', 'id'])
      .execute();

    // The definition (kind, amounts, tiers, shares, subsidies) is JSON checked by the API's
    // schema: its shape differs by kind and is read whole, never searched inside.
    await db.schema
      .createTable('contribution_rule_version')
      .addColumn('id', 'text', (c) => c.notNull())
      .addColumn('scheme_id', 'text', (c) => c.notNull())
      .addColumn('rule_id', 'text', (c) => c.notNull())
      .addColumn('effective_from', 'text', (c) => c.notNull())
      .addColumn('definition_json', 'text', (c) => c.notNull())
      .addColumn('created_at', 'text', (c) => c.notNull())
      .addColumn('created_by', 'text')
      .addPrimaryKeyConstraint('contribution_rule_version_pk', ['scheme_id', 'id'])
      .addUniqueConstraint('contribution_rule_version_date', ['scheme_id', 'rule_id', 'effective_from'])
      .addForeignKeyConstraint('contribution_rule_version_rule', ['scheme_id', 'rule_id'], 'contribution_rule', [
        'scheme_id',
        'id',
      ])
      .execute();
  },
});
