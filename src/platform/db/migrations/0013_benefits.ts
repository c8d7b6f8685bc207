import type { Kysely } from 'kysely';
import type { EngineMigration } from '../migrate.js';

/**
 * What the scheme pays members themselves (seed 001's national scheme): emergency care outside
 * the network, paid by the member and reimbursed at the scheme's tariff with the receipt kept;
 * and cash benefits for sick leave and maternity, computed from the product and the declared wage.
 */
export const benefits: EngineMigration = (engine) => ({
  async up(db: Kysely<any>) {
    const binary = engine === 'postgres' ? 'bytea' : 'blob';
    await db.schema
      .createTable('reimbursement')
      .addColumn('id', 'text', (c) => c.notNull())
      .addColumn('scheme_id', 'text', (c) => c.notNull().references('scheme.id'))
      .addColumn('number', 'text', (c) => c.notNull())
      .addColumn('member_id', 'text', (c) => c.notNull())
      .addColumn('provider_name', 'text', (c) => c.notNull())
      .addColumn('receipt_number', 'text', (c) => c.notNull())
      .addColumn('fingerprint', 'text', (c) => c.notNull())
      .addColumn('care_on', 'text', (c) => c.notNull())
      .addColumn('category', 'text', (c) => c.notNull())
      .addColumn('setting', 'text', (c) => c.notNull())
      .addColumn('case_code', 'text')
      .addColumn('diagnosis', 'text')
      .addColumn('lines_json', 'text', (c) => c.notNull())
      .addColumn('paid_by_member', 'bigint', (c) => c.notNull())
      .addColumn('proposed', 'bigint', (c) => c.notNull())
      .addColumn('approved', 'bigint', (c) => c.notNull())
      .addColumn('status', 'text', (c) => c.notNull())
      .addColumn('reasons_json', 'text', (c) => c.notNull())
      .addColumn('risk_score', 'integer', (c) => c.notNull())
      .addColumn('receipt_type', 'text', (c) => c.notNull())
      .addColumn('receipt', binary, (c) => c.notNull())
      .addColumn('submitted_at', 'text', (c) => c.notNull())
      .addColumn('submitted_by', 'text', (c) => c.notNull())
      .addColumn('decided_at', 'text')
      .addColumn('decided_by', 'text')
      .addColumn('paid_on', 'text')
      .addColumn('paid_reference', 'text')
      .addPrimaryKeyConstraint('reimbursement_pk', ['scheme_id', 'id'])
      .addUniqueConstraint('reimbursement_number', ['scheme_id', 'number'])
      // The provider's receipt, once: sent again, it answers the request already made.
      .addUniqueConstraint('reimbursement_receipt', ['scheme_id', 'member_id', 'provider_name', 'receipt_number'])
      .addForeignKeyConstraint('reimbursement_member', ['scheme_id', 'member_id'], 'member', ['scheme_id', 'id'])
      .execute();
    await db.schema
      .createIndex('reimbursement_member_day')
      .on('reimbursement')
      .columns(['scheme_id', 'member_id', 'care_on'])
      .execute();
    await db.schema
      .createIndex('reimbursement_status')
      .on('reimbursement')
      .columns(['scheme_id', 'status', 'number'])
      .execute();

    await db.schema
      .createTable('cash_benefit')
      .addColumn('id', 'text', (c) => c.notNull())
      .addColumn('scheme_id', 'text', (c) => c.notNull().references('scheme.id'))
      .addColumn('number', 'text', (c) => c.notNull())
      .addColumn('member_id', 'text', (c) => c.notNull())
      .addColumn('kind', 'text', (c) => c.notNull())
      .addColumn('certificate', 'text', (c) => c.notNull())
      .addColumn('starts_on', 'text', (c) => c.notNull())
      .addColumn('ends_on', 'text', (c) => c.notNull())
      .addColumn('days', 'integer', (c) => c.notNull())
      .addColumn('paid_days', 'integer', (c) => c.notNull())
      .addColumn('monthly_wage', 'bigint', (c) => c.notNull())
      .addColumn('daily_amount', 'bigint', (c) => c.notNull())
      .addColumn('amount', 'bigint', (c) => c.notNull())
      .addColumn('status', 'text', (c) => c.notNull())
      .addColumn('reasons_json', 'text', (c) => c.notNull())
      .addColumn('submitted_at', 'text', (c) => c.notNull())
      .addColumn('submitted_by', 'text', (c) => c.notNull())
      .addColumn('paid_on', 'text')
      .addColumn('paid_reference', 'text')
      .addPrimaryKeyConstraint('cash_benefit_pk', ['scheme_id', 'id'])
      .addUniqueConstraint('cash_benefit_number', ['scheme_id', 'number'])
      // The medical certificate, once per member and kind.
      .addUniqueConstraint('cash_benefit_certificate', ['scheme_id', 'member_id', 'kind', 'certificate'])
      .addForeignKeyConstraint('cash_benefit_member', ['scheme_id', 'member_id'], 'member', ['scheme_id', 'id'])
      .execute();
    await db.schema
      .createIndex('cash_benefit_member_day')
      .on('cash_benefit')
      .columns(['scheme_id', 'member_id', 'kind', 'starts_on'])
      .execute();
  },
});
