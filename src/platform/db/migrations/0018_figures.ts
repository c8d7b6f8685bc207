import type { Kysely } from 'kysely';
import type { EngineMigration } from '../migrate.js';

/**
 * The figures indicators are made of, kept per month: counts and amounts that add up across
 * months, areas and schemes (members covered, claims, contributions due and collected…), each for
 * the whole scheme and by employer, group, facility and area. Refreshed from the records by a job,
 * so a dashboard reads a few rows instead of ten million claims. Beside them, the balances a
 * scheme enters (assets, liabilities, running costs), and the indicators a scheme or federation
 * defines for itself.
 */
export const figures: EngineMigration = () => ({
  async up(db: Kysely<any>) {
    await db.schema
      .createTable('monthly_figure')
      .addColumn('scheme_id', 'text', (c) => c.notNull())
      .addColumn('month', 'text', (c) => c.notNull())
      .addColumn('code', 'text', (c) => c.notNull())
      // scheme, employer, group, facility or area; the key is '' for the scheme.
      .addColumn('breakdown', 'text', (c) => c.notNull())
      .addColumn('key', 'text', (c) => c.notNull())
      .addColumn('value', 'bigint', (c) => c.notNull())
      .addPrimaryKeyConstraint('monthly_figure_pk', ['scheme_id', 'breakdown', 'code', 'month', 'key'])
      .execute();
    await db.schema
      .createTable('figure_refresh')
      .addColumn('scheme_id', 'text', (c) => c.notNull())
      .addColumn('month', 'text', (c) => c.notNull())
      .addColumn('refreshed_at', 'text', (c) => c.notNull())
      .addColumn('rows', 'integer', (c) => c.notNull())
      .addPrimaryKeyConstraint('figure_refresh_pk', ['scheme_id', 'month'])
      .execute();
    await db.schema
      .createTable('financial_entry')
      .addColumn('scheme_id', 'text', (c) => c.notNull())
      .addColumn('month', 'text', (c) => c.notNull())
      .addColumn('code', 'text', (c) => c.notNull())
      .addColumn('amount', 'bigint', (c) => c.notNull())
      .addColumn('entered_by', 'text')
      .addColumn('entered_at', 'text', (c) => c.notNull())
      .addPrimaryKeyConstraint('financial_entry_pk', ['scheme_id', 'month', 'code'])
      .execute();
    await db.schema
      .createTable('indicator')
      .addColumn('id', 'text', (c) => c.notNull().primaryKey())
      // A scheme's own (federation_id ''), or a federation's (scheme_id '').
      .addColumn('scheme_id', 'text', (c) => c.notNull())
      .addColumn('federation_id', 'text', (c) => c.notNull())
      .addColumn('code', 'text', (c) => c.notNull())
      .addColumn('name', 'text', (c) => c.notNull())
      .addColumn('description', 'text', (c) => c.notNull())
      .addColumn('numerator', 'text', (c) => c.notNull())
      .addColumn('denominator', 'text', (c) => c.notNull())
      .addColumn('scale', 'real', (c) => c.notNull())
      .addColumn('unit', 'text', (c) => c.notNull())
      .addColumn('created_at', 'text', (c) => c.notNull())
      .addUniqueConstraint('indicator_code_unique', ['scheme_id', 'federation_id', 'code'])
      .execute();
  },
});
