import type { Kysely } from 'kysely';
import type { EngineMigration } from '../migrate.js';

/**
 * What facilities are paid for and how: the case catalogue (seed 001's ~52 cases, each with its
 * procedures and agreed average cost), price lists for fee for service, contracts by period
 * naming one payment mechanism per care category, quality assessments that set a facility's
 * coefficient, the scheme's claim policy (quality bands, selection for review); and the claims
 * themselves with their lines, decisions, reasons and reviews.
 */
export const claims: EngineMigration = () => ({
  async up(db: Kysely<any>) {
    await db.schema
      .createTable('care_case')
      .addColumn('scheme_id', 'text', (c) => c.notNull().references('scheme.id'))
      .addColumn('code', 'text', (c) => c.notNull())
      .addColumn('name', 'text', (c) => c.notNull())
      .addColumn('category', 'text', (c) => c.notNull())
      .addColumn('procedures_json', 'text', (c) => c.notNull())
      .addColumn('average_cost', 'bigint', (c) => c.notNull())
      .addColumn('created_at', 'text', (c) => c.notNull())
      .addColumn('updated_at', 'text', (c) => c.notNull())
      .addPrimaryKeyConstraint('care_case_pk', ['scheme_id', 'code'])
      .addForeignKeyConstraint('care_case_category', ['scheme_id', 'category'], 'care_category', ['scheme_id', 'code'])
      .execute();

    // Items (services and medicines with their prices and restrictions) are JSON read whole:
    // a claim prices its lines against one list, a few hundred items at most.
    await db.schema
      .createTable('price_list')
      .addColumn('id', 'text', (c) => c.notNull())
      .addColumn('scheme_id', 'text', (c) => c.notNull().references('scheme.id'))
      .addColumn('code', 'text', (c) => c.notNull())
      .addColumn('name', 'text', (c) => c.notNull())
      .addColumn('items_json', 'text', (c) => c.notNull())
      .addColumn('created_at', 'text', (c) => c.notNull())
      .addColumn('updated_at', 'text', (c) => c.notNull())
      .addPrimaryKeyConstraint('price_list_pk', ['scheme_id', 'id'])
      .addUniqueConstraint('price_list_code', ['scheme_id', 'code'])
      .execute();
    await db.schema.createIndex('price_list_name').on('price_list').columns(['scheme_id', 'name', 'id']).execute();

    // A contract's terms (a mechanism per category) are JSON checked by the API's schema.
    await db.schema
      .createTable('contract')
      .addColumn('id', 'text', (c) => c.notNull())
      .addColumn('scheme_id', 'text', (c) => c.notNull().references('scheme.id'))
      .addColumn('facility_id', 'text', (c) => c.notNull())
      .addColumn('starts_on', 'text', (c) => c.notNull())
      .addColumn('ends_on', 'text')
      .addColumn('terms_json', 'text', (c) => c.notNull())
      .addColumn('created_at', 'text', (c) => c.notNull())
      .addColumn('created_by', 'text')
      .addPrimaryKeyConstraint('contract_pk', ['scheme_id', 'id'])
      .addForeignKeyConstraint('contract_facility', ['scheme_id', 'facility_id'], 'facility', ['scheme_id', 'id'])
      .execute();
    await db.schema
      .createIndex('contract_facility_start')
      .on('contract')
      .columns(['scheme_id', 'facility_id', 'starts_on'])
      .execute();

    await db.schema
      .createTable('quality_assessment')
      .addColumn('id', 'text', (c) => c.notNull())
      .addColumn('scheme_id', 'text', (c) => c.notNull().references('scheme.id'))
      .addColumn('facility_id', 'text', (c) => c.notNull())
      .addColumn('assessed_on', 'text', (c) => c.notNull())
      .addColumn('score', 'integer', (c) => c.notNull())
      .addColumn('note', 'text')
      .addColumn('created_at', 'text', (c) => c.notNull())
      .addColumn('created_by', 'text')
      .addPrimaryKeyConstraint('quality_assessment_pk', ['scheme_id', 'id'])
      .addUniqueConstraint('quality_assessment_day', ['scheme_id', 'facility_id', 'assessed_on'])
      .addForeignKeyConstraint('quality_assessment_facility', ['scheme_id', 'facility_id'], 'facility', [
        'scheme_id',
        'id',
      ])
      .execute();

    // One row a scheme; a scheme without one uses the defaults of claims/policy.ts.
    await db.schema
      .createTable('claim_policy')
      .addColumn('scheme_id', 'text', (c) => c.notNull().references('scheme.id'))
      .addColumn('policy_json', 'text', (c) => c.notNull())
      .addColumn('updated_at', 'text', (c) => c.notNull())
      .addColumn('updated_by', 'text')
      .addPrimaryKeyConstraint('claim_policy_pk', ['scheme_id'])
      .execute();

    await db.schema
      .createTable('claim')
      .addColumn('id', 'text', (c) => c.notNull())
      .addColumn('scheme_id', 'text', (c) => c.notNull().references('scheme.id'))
      .addColumn('number', 'text', (c) => c.notNull())
      .addColumn('facility_id', 'text', (c) => c.notNull())
      // The facility's own number for the claim: sent again, it answers the claim already made.
      .addColumn('external_id', 'text', (c) => c.notNull())
      .addColumn('fingerprint', 'text', (c) => c.notNull())
      .addColumn('member_id', 'text', (c) => c.notNull())
      .addColumn('visit_id', 'text')
      .addColumn('category', 'text', (c) => c.notNull())
      .addColumn('setting', 'text', (c) => c.notNull())
      .addColumn('case_code', 'text')
      .addColumn('diagnosis', 'text')
      .addColumn('admitted_on', 'text', (c) => c.notNull())
      .addColumn('discharged_on', 'text')
      .addColumn('claimed', 'bigint', (c) => c.notNull())
      // What the rules would pay, and what is approved: they differ only after a review.
      .addColumn('proposed', 'bigint', (c) => c.notNull())
      .addColumn('approved', 'bigint', (c) => c.notNull())
      .addColumn('member_pays', 'bigint', (c) => c.notNull())
      .addColumn('mechanism', 'text')
      .addColumn('status', 'text', (c) => c.notNull())
      .addColumn('reasons_json', 'text', (c) => c.notNull())
      .addColumn('risk_score', 'integer', (c) => c.notNull())
      .addColumn('audit_sample', 'integer', (c) => c.notNull())
      .addColumn('submitted_at', 'text', (c) => c.notNull())
      .addColumn('submitted_by', 'text', (c) => c.notNull())
      .addColumn('decided_at', 'text')
      .addColumn('decided_by', 'text')
      .addPrimaryKeyConstraint('claim_pk', ['scheme_id', 'id'])
      .addUniqueConstraint('claim_number', ['scheme_id', 'number'])
      .addUniqueConstraint('claim_external', ['scheme_id', 'facility_id', 'external_id'])
      .addForeignKeyConstraint('claim_member', ['scheme_id', 'member_id'], 'member', ['scheme_id', 'id'])
      .addForeignKeyConstraint('claim_facility', ['scheme_id', 'facility_id'], 'facility', ['scheme_id', 'id'])
      .execute();
    // A member's claims by day of care: ceilings, uses, duplicates and frequency read them.
    await db.schema
      .createIndex('claim_member_day')
      .on('claim')
      .columns(['scheme_id', 'member_id', 'admitted_on'])
      .execute();
    // The review queue, riskiest first; and lists by state.
    await db.schema
      .createIndex('claim_status_risk')
      .on('claim')
      .columns(['scheme_id', 'status', 'risk_score', 'number'])
      .execute();
    await db.schema
      .createIndex('claim_facility_day')
      .on('claim')
      .columns(['scheme_id', 'facility_id', 'admitted_on'])
      .execute();
    await db.schema
      .createTable('claim_line')
      .addColumn('scheme_id', 'text', (c) => c.notNull())
      .addColumn('claim_id', 'text', (c) => c.notNull())
      .addColumn('line_no', 'integer', (c) => c.notNull())
      .addColumn('code', 'text', (c) => c.notNull())
      .addColumn('quantity', 'integer', (c) => c.notNull())
      .addColumn('unit_price', 'bigint', (c) => c.notNull())
      .addColumn('claimed', 'bigint', (c) => c.notNull())
      .addColumn('approved', 'bigint', (c) => c.notNull())
      .addColumn('reasons_json', 'text', (c) => c.notNull())
      .addPrimaryKeyConstraint('claim_line_pk', ['scheme_id', 'claim_id', 'line_no'])
      .addForeignKeyConstraint('claim_line_claim', ['scheme_id', 'claim_id'], 'claim', ['scheme_id', 'id'])
      .execute();

    await db.schema
      .createTable('claim_review')
      .addColumn('id', 'text', (c) => c.notNull())
      .addColumn('scheme_id', 'text', (c) => c.notNull())
      .addColumn('claim_id', 'text', (c) => c.notNull())
      .addColumn('kind', 'text', (c) => c.notNull())
      .addColumn('action', 'text', (c) => c.notNull())
      .addColumn('amount', 'bigint', (c) => c.notNull())
      .addColumn('reason', 'text', (c) => c.notNull())
      .addColumn('reviewed_at', 'text', (c) => c.notNull())
      .addColumn('reviewed_by', 'text', (c) => c.notNull())
      .addPrimaryKeyConstraint('claim_review_pk', ['scheme_id', 'id'])
      .addForeignKeyConstraint('claim_review_claim', ['scheme_id', 'claim_id'], 'claim', ['scheme_id', 'id'])
      .execute();
    await db.schema.createIndex('claim_review_claim').on('claim_review').columns(['scheme_id', 'claim_id']).execute();
  },
});
