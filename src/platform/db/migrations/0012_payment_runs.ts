import type { Kysely } from 'kysely';
import type { EngineMigration } from '../migrate.js';

/**
 * The monthly payment run: what each facility is owed for a month under its contract
 * (capitation, cases, lump sums, fees for service, a share of a fixed budget, adjustments), kept
 * as a statement per facility; draft, then approved (never to change again), then paid. Each
 * claim names the run that pays it, so no claim is paid twice.
 */
export const paymentRuns: EngineMigration = () => ({
  async up(db: Kysely<any>) {
    await db.schema
      .createTable('payment_run')
      .addColumn('id', 'text', (c) => c.notNull())
      .addColumn('scheme_id', 'text', (c) => c.notNull().references('scheme.id'))
      .addColumn('period', 'text', (c) => c.notNull())
      .addColumn('status', 'text', (c) => c.notNull())
      .addColumn('total', 'bigint', (c) => c.notNull())
      .addColumn('contributions', 'bigint', (c) => c.notNull())
      .addColumn('computed_at', 'text')
      .addColumn('created_at', 'text', (c) => c.notNull())
      .addColumn('created_by', 'text', (c) => c.notNull())
      .addColumn('approved_at', 'text')
      .addColumn('approved_by', 'text')
      .addColumn('paid_on', 'text')
      .addColumn('paid_reference', 'text')
      .addColumn('paid_by', 'text')
      .addPrimaryKeyConstraint('payment_run_pk', ['scheme_id', 'id'])
      .addUniqueConstraint('payment_run_period', ['scheme_id', 'period'])
      .execute();

    await db.schema
      .createTable('statement')
      .addColumn('scheme_id', 'text', (c) => c.notNull())
      .addColumn('run_id', 'text', (c) => c.notNull())
      .addColumn('facility_id', 'text', (c) => c.notNull())
      .addColumn('capitation', 'bigint', (c) => c.notNull())
      .addColumn('case_based', 'bigint', (c) => c.notNull())
      .addColumn('lump_sum', 'bigint', (c) => c.notNull())
      .addColumn('fee_for_service', 'bigint', (c) => c.notNull())
      .addColumn('relative', 'bigint', (c) => c.notNull())
      .addColumn('adjustments', 'bigint', (c) => c.notNull())
      .addColumn('total', 'bigint', (c) => c.notNull())
      .addColumn('claims', 'integer', (c) => c.notNull())
      // Each category's mechanism, its basis and its amount: what the statement prints.
      .addColumn('lines_json', 'text', (c) => c.notNull())
      .addPrimaryKeyConstraint('statement_pk', ['scheme_id', 'run_id', 'facility_id'])
      .addForeignKeyConstraint('statement_run', ['scheme_id', 'run_id'], 'payment_run', ['scheme_id', 'id'])
      .addForeignKeyConstraint('statement_facility', ['scheme_id', 'facility_id'], 'facility', ['scheme_id', 'id'])
      .execute();

    await db.schema
      .createTable('payment_adjustment')
      .addColumn('id', 'text', (c) => c.notNull())
      .addColumn('scheme_id', 'text', (c) => c.notNull())
      .addColumn('run_id', 'text', (c) => c.notNull())
      .addColumn('facility_id', 'text', (c) => c.notNull())
      .addColumn('amount', 'bigint', (c) => c.notNull())
      .addColumn('reason', 'text', (c) => c.notNull())
      .addColumn('created_at', 'text', (c) => c.notNull())
      .addColumn('created_by', 'text', (c) => c.notNull())
      .addPrimaryKeyConstraint('payment_adjustment_pk', ['scheme_id', 'id'])
      .addForeignKeyConstraint('payment_adjustment_run', ['scheme_id', 'run_id'], 'payment_run', ['scheme_id', 'id'])
      .execute();
    await db.schema
      .createIndex('payment_adjustment_run')
      .on('payment_adjustment')
      .columns(['scheme_id', 'run_id'])
      .execute();

    await db.schema.alterTable('claim').addColumn('payment_run_id', 'text').execute();
    // The claims a run pays, and those no run pays yet.
    await db.schema
      .createIndex('claim_payment_run')
      .on('claim')
      .columns(['scheme_id', 'payment_run_id', 'facility_id'])
      .execute();
  },
});
