import type { Kysely } from 'kysely';
import type { EngineMigration } from '../migrate.js';

/**
 * Money due from employers: which product an employer's workers are enrolled in, the monthly
 * declarations of their payroll (a correction is a new version, never an edit), and the invoice
 * each version produces, split by party.
 */
export const declarations: EngineMigration = () => ({
  async up(db: Kysely<any>) {
    await db.schema.alterTable('employer').addColumn('product_id', 'text').execute();

    await db.schema
      .createTable('declaration')
      .addColumn('id', 'text', (c) => c.notNull())
      .addColumn('scheme_id', 'text', (c) => c.notNull().references('scheme.id'))
      .addColumn('employer_id', 'text', (c) => c.notNull())
      .addColumn('period', 'text', (c) => c.notNull())
      .addColumn('version', 'integer', (c) => c.notNull())
      .addColumn('state', 'text', (c) => c.notNull())
      .addColumn('line_count', 'integer', (c) => c.notNull())
      .addColumn('idempotency_key', 'text')
      .addColumn('created_at', 'text', (c) => c.notNull())
      .addColumn('created_by', 'text')
      .addPrimaryKeyConstraint('declaration_pk', ['scheme_id', 'id'])
      .addUniqueConstraint('declaration_version', ['scheme_id', 'employer_id', 'period', 'version'])
      .addForeignKeyConstraint('declaration_employer', ['scheme_id', 'employer_id'], 'employer', ['scheme_id', 'id'])
      .execute();
    // A retried request carries the key it was first sent with, and gets the first answer.
    await db.schema
      .createIndex('declaration_idempotency')
      .on('declaration')
      .columns(['scheme_id', 'idempotency_key'])
      .unique()
      .where('idempotency_key', 'is not', null)
      .execute();
    await db.schema
      .createIndex('declaration_period')
      .on('declaration')
      .columns(['scheme_id', 'period', 'id'])
      .execute();

    await db.schema
      .createTable('declaration_line')
      .addColumn('scheme_id', 'text', (c) => c.notNull())
      .addColumn('declaration_id', 'text', (c) => c.notNull())
      .addColumn('line', 'integer', (c) => c.notNull())
      .addColumn('member_id', 'text', (c) => c.notNull())
      .addColumn('wage', 'bigint')
      .addColumn('days_worked', 'integer')
      .addColumn('amount', 'bigint', (c) => c.notNull())
      .addColumn('member_part', 'bigint', (c) => c.notNull())
      .addColumn('employer_part', 'bigint', (c) => c.notNull())
      .addColumn('payer_part', 'bigint', (c) => c.notNull())
      .addPrimaryKeyConstraint('declaration_line_pk', ['scheme_id', 'declaration_id', 'line'])
      .addForeignKeyConstraint('declaration_line_declaration', ['scheme_id', 'declaration_id'], 'declaration', [
        'scheme_id',
        'id',
      ])
      .addForeignKeyConstraint('declaration_line_member', ['scheme_id', 'member_id'], 'member', ['scheme_id', 'id'])
      .execute();
    await db.schema
      .createIndex('declaration_line_member')
      .on('declaration_line')
      .columns(['scheme_id', 'member_id'])
      .execute();

    await db.schema
      .createTable('invoice')
      .addColumn('id', 'text', (c) => c.notNull())
      .addColumn('scheme_id', 'text', (c) => c.notNull().references('scheme.id'))
      .addColumn('declaration_id', 'text', (c) => c.notNull())
      .addColumn('employer_id', 'text', (c) => c.notNull())
      .addColumn('period', 'text', (c) => c.notNull())
      .addColumn('currency', 'text', (c) => c.notNull())
      .addColumn('amount', 'bigint', (c) => c.notNull())
      .addColumn('member_part', 'bigint', (c) => c.notNull())
      .addColumn('employer_part', 'bigint', (c) => c.notNull())
      // Each subsidising payer's total: [{ payerId, amount }].
      .addColumn('payer_parts_json', 'text', (c) => c.notNull())
      .addColumn('state', 'text', (c) => c.notNull())
      .addColumn('created_at', 'text', (c) => c.notNull())
      .addPrimaryKeyConstraint('invoice_pk', ['scheme_id', 'id'])
      .addForeignKeyConstraint('invoice_declaration', ['scheme_id', 'declaration_id'], 'declaration', [
        'scheme_id',
        'id',
      ])
      .execute();
    await db.schema
      .createIndex('invoice_employer')
      .on('invoice')
      .columns(['scheme_id', 'employer_id', 'period', 'id'])
      .execute();
  },
});
