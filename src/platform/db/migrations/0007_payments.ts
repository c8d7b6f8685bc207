import type { Kysely } from 'kysely';
import { clustered, type EngineMigration } from '../migrate.js';

/**
 * Money received and the cover it buys: payments (each external transaction once) and their
 * allocations to what employers and payers owe; channels that notify payments, signed; the
 * collectors of yearly premiums in the field, their campaigns, households' intentions to enrol,
 * the premiums they collect (each with its receipt) and the cash they remit; and the periods of
 * cover derived from all of it.
 */
export const payments: EngineMigration = (engine) => ({
  async up(db: Kysely<any>) {
    // The product whose months an invoice buys, so its cover can be rebuilt from the invoice alone.
    await db.schema.alterTable('invoice').addColumn('product_id', 'text').execute();
    // The day the employer's part of the month was paid in full: its workers' months are paid
    // then. Kept on the invoice, so that settling a month is one row, not one per worker.
    await db.schema.alterTable('invoice').addColumn('settled_on', 'text').execute();

    await db.schema
      .createTable('payment_channel')
      .addColumn('id', 'text', (c) => c.notNull())
      .addColumn('scheme_id', 'text', (c) => c.notNull().references('scheme.id'))
      .addColumn('name', 'text', (c) => c.notNull())
      .addColumn('method', 'text', (c) => c.notNull())
      // Kept as given: checking a signature needs the secret itself, not a hash of it.
      .addColumn('secret', 'text', (c) => c.notNull())
      .addColumn('active', 'integer', (c) => c.notNull())
      .addColumn('created_at', 'text', (c) => c.notNull())
      .addPrimaryKeyConstraint('payment_channel_pk', ['scheme_id', 'id'])
      .execute();

    await db.schema
      .createTable('payment')
      .addColumn('id', 'text', (c) => c.notNull())
      .addColumn('scheme_id', 'text', (c) => c.notNull().references('scheme.id'))
      .addColumn('method', 'text', (c) => c.notNull())
      .addColumn('external_id', 'text', (c) => c.notNull())
      .addColumn('amount', 'bigint', (c) => c.notNull())
      .addColumn('currency', 'text', (c) => c.notNull())
      .addColumn('paid_on', 'text', (c) => c.notNull())
      .addColumn('reference', 'text')
      .addColumn('payer_name', 'text')
      .addColumn('channel_id', 'text')
      .addColumn('employer_id', 'text')
      .addColumn('payer_id', 'text')
      .addColumn('household_id', 'text')
      .addColumn('state', 'text', (c) => c.notNull())
      .addColumn('suspense_reason', 'text')
      .addColumn('unapplied', 'bigint', (c) => c.notNull())
      .addColumn('created_at', 'text', (c) => c.notNull())
      .addColumn('created_by', 'text')
      .addColumn('assigned_at', 'text')
      .addColumn('assigned_by', 'text')
      .addPrimaryKeyConstraint('payment_pk', ['scheme_id', 'id'])
      // The payer's own transaction id, once: a second notification of it is a duplicate.
      .addUniqueConstraint('payment_external', ['scheme_id', 'method', 'external_id'])
      .execute();
    await db.schema.createIndex('payment_state').on('payment').columns(['scheme_id', 'state', 'id']).execute();
    await db.schema.createIndex('payment_employer').on('payment').columns(['scheme_id', 'employer_id', 'id']).execute();

    // What a payment paid: an employer's month, its own part (payer_id null) or a payer's.
    // Keyed by the employer's month, not the invoice, so a corrected invoice counts what was paid.
    await db.schema
      .createTable('allocation')
      .addColumn('id', 'text', (c) => c.notNull())
      .addColumn('scheme_id', 'text', (c) => c.notNull())
      .addColumn('payment_id', 'text', (c) => c.notNull())
      .addColumn('employer_id', 'text', (c) => c.notNull())
      .addColumn('period', 'text', (c) => c.notNull())
      .addColumn('payer_id', 'text')
      .addColumn('amount', 'bigint', (c) => c.notNull())
      .addColumn('created_at', 'text', (c) => c.notNull())
      .addPrimaryKeyConstraint('allocation_pk', ['scheme_id', 'id'])
      .addForeignKeyConstraint('allocation_payment', ['scheme_id', 'payment_id'], 'payment', ['scheme_id', 'id'])
      .execute();
    await db.schema
      .createIndex('allocation_month')
      .on('allocation')
      .columns(['scheme_id', 'employer_id', 'period'])
      .execute();
    await db.schema.createIndex('allocation_payment').on('allocation').columns(['scheme_id', 'payment_id']).execute();

    await db.schema
      .createTable('collector')
      .addColumn('id', 'text', (c) => c.notNull())
      .addColumn('scheme_id', 'text', (c) => c.notNull().references('scheme.id'))
      .addColumn('code', 'text', (c) => c.notNull())
      .addColumn('name', 'text', (c) => c.notNull())
      .addColumn('kind', 'text', (c) => c.notNull())
      .addColumn('commission_bp', 'integer', (c) => c.notNull())
      .addColumn('phone', 'text')
      .addColumn('area_id', 'text')
      .addColumn('username', 'text')
      .addColumn('active', 'integer', (c) => c.notNull())
      .addColumn('created_at', 'text', (c) => c.notNull())
      .addColumn('updated_at', 'text', (c) => c.notNull())
      .addPrimaryKeyConstraint('collector_pk', ['scheme_id', 'id'])
      .addUniqueConstraint('collector_code', ['scheme_id', 'code'])
      .execute();

    await db.schema
      .createTable('campaign')
      .addColumn('id', 'text', (c) => c.notNull())
      .addColumn('scheme_id', 'text', (c) => c.notNull().references('scheme.id'))
      .addColumn('name', 'text', (c) => c.notNull())
      .addColumn('group_id', 'text', (c) => c.notNull())
      .addColumn('product_id', 'text', (c) => c.notNull())
      .addColumn('cycle_start', 'text', (c) => c.notNull())
      .addColumn('opens_on', 'text', (c) => c.notNull())
      .addColumn('closes_on', 'text', (c) => c.notNull())
      .addColumn('threshold_bp', 'integer', (c) => c.notNull())
      .addColumn('created_at', 'text', (c) => c.notNull())
      .addColumn('created_by', 'text')
      .addPrimaryKeyConstraint('campaign_pk', ['scheme_id', 'id'])
      .addUniqueConstraint('campaign_cycle', ['scheme_id', 'group_id', 'cycle_start'])
      .addForeignKeyConstraint('campaign_group', ['scheme_id', 'group_id'], 'member_group', ['scheme_id', 'id'])
      .addForeignKeyConstraint('campaign_product', ['scheme_id', 'product_id'], 'product', ['scheme_id', 'id'])
      .execute();

    await db.schema
      .createTable('intention')
      .addColumn('scheme_id', 'text', (c) => c.notNull())
      .addColumn('campaign_id', 'text', (c) => c.notNull())
      .addColumn('household_id', 'text', (c) => c.notNull())
      .addColumn('persons', 'integer', (c) => c.notNull())
      .addColumn('collector_id', 'text')
      .addColumn('recorded_at', 'text', (c) => c.notNull())
      .addPrimaryKeyConstraint('intention_pk', ['scheme_id', 'campaign_id', 'household_id'])
      .addForeignKeyConstraint('intention_campaign', ['scheme_id', 'campaign_id'], 'campaign', ['scheme_id', 'id'])
      .$call(clustered(engine))
      .execute();

    await db.schema
      .createTable('remittance')
      .addColumn('id', 'text', (c) => c.notNull())
      .addColumn('scheme_id', 'text', (c) => c.notNull().references('scheme.id'))
      .addColumn('collector_id', 'text', (c) => c.notNull())
      .addColumn('amount', 'bigint', (c) => c.notNull())
      .addColumn('remitted_on', 'text', (c) => c.notNull())
      .addColumn('reference', 'text')
      .addColumn('created_at', 'text', (c) => c.notNull())
      .addColumn('created_by', 'text')
      .addPrimaryKeyConstraint('remittance_pk', ['scheme_id', 'id'])
      .addForeignKeyConstraint('remittance_collector', ['scheme_id', 'collector_id'], 'collector', ['scheme_id', 'id'])
      .execute();
    await db.schema
      .createIndex('remittance_collector')
      .on('remittance')
      .columns(['scheme_id', 'collector_id', 'remitted_on'])
      .execute();

    // A household's yearly premium for one cycle, collected in cash (with a receipt) or paid.
    await db.schema
      .createTable('premium')
      .addColumn('id', 'text', (c) => c.notNull())
      .addColumn('scheme_id', 'text', (c) => c.notNull().references('scheme.id'))
      .addColumn('household_id', 'text', (c) => c.notNull())
      .addColumn('product_id', 'text', (c) => c.notNull())
      .addColumn('cover_from', 'text', (c) => c.notNull())
      .addColumn('cover_to', 'text', (c) => c.notNull())
      .addColumn('persons', 'integer', (c) => c.notNull())
      .addColumn('amount', 'bigint', (c) => c.notNull())
      .addColumn('registration_fee', 'bigint', (c) => c.notNull())
      .addColumn('discount', 'bigint', (c) => c.notNull())
      .addColumn('collector_id', 'text')
      .addColumn('commission', 'bigint', (c) => c.notNull())
      .addColumn('campaign_id', 'text')
      .addColumn('receipt_number', 'text')
      .addColumn('payment_id', 'text')
      .addColumn('collected_on', 'text', (c) => c.notNull())
      .addColumn('created_at', 'text', (c) => c.notNull())
      .addColumn('created_by', 'text')
      .addPrimaryKeyConstraint('premium_pk', ['scheme_id', 'id'])
      .addUniqueConstraint('premium_cycle', ['scheme_id', 'household_id', 'product_id', 'cover_from'])
      .execute();
    await db.schema
      .createIndex('premium_receipt')
      .on('premium')
      .columns(['scheme_id', 'receipt_number'])
      .unique()
      .where('receipt_number', 'is not', null)
      .execute();
    await db.schema
      .createIndex('premium_collector')
      .on('premium')
      .columns(['scheme_id', 'collector_id', 'collected_on'])
      .execute();
    await db.schema.createIndex('premium_payment').on('premium').columns(['scheme_id', 'payment_id']).execute();
    await db.schema.createIndex('premium_campaign').on('premium').columns(['scheme_id', 'campaign_id']).execute();
    // Who a premium covers, as the household stood when it was paid: cover is rebuilt from this.
    await db.schema
      .createTable('premium_member')
      .addColumn('scheme_id', 'text', (c) => c.notNull())
      .addColumn('premium_id', 'text', (c) => c.notNull())
      .addColumn('member_id', 'text', (c) => c.notNull())
      .addPrimaryKeyConstraint('premium_member_pk', ['scheme_id', 'premium_id', 'member_id'])
      .addForeignKeyConstraint('premium_member_premium', ['scheme_id', 'premium_id'], 'premium', ['scheme_id', 'id'])
      .$call(clustered(engine))
      .execute();
    await db.schema.createIndex('premium_cover_end').on('premium').columns(['scheme_id', 'cover_to']).execute();

    // Derived, never typed in: rebuilt from declarations, payments and premiums.
    await db.schema
      .createTable('coverage_period')
      .addColumn('scheme_id', 'text', (c) => c.notNull())
      .addColumn('member_id', 'text', (c) => c.notNull())
      .addColumn('starts_on', 'text', (c) => c.notNull())
      .addColumn('source', 'text', (c) => c.notNull())
      .addColumn('ends_on', 'text', (c) => c.notNull())
      .addColumn('source_id', 'text', (c) => c.notNull())
      .addColumn('product_id', 'text', (c) => c.notNull())
      .addColumn('paid_on', 'text')
      .addColumn('grace_days', 'integer', (c) => c.notNull())
      .addPrimaryKeyConstraint('coverage_period_pk', ['scheme_id', 'member_id', 'starts_on', 'source'])
      .$call(clustered(engine))
      .execute();
    // Covering what the monthly run compares, so that SQLite reads a month of an invoice from
    // this index alone (without it, it prefers walking the whole scheme by the primary key).
    await db.schema
      .createIndex('coverage_period_source')
      .on('coverage_period')
      .columns(['scheme_id', 'source_id', 'ends_on', 'product_id', 'grace_days', 'paid_on'])
      .execute();
  },
});
