import type { Kysely } from 'kysely';
import type { EngineMigration } from '../migrate.js';

/**
 * The care a scheme covers: its catalogue of care categories, and its products (benefit
 * packages), each a series of versions by effective date; a claim is judged by the version in
 * force on the day of care.
 */
export const products: EngineMigration = () => ({
  async up(db: Kysely<any>) {
    // Keyed by code: products, contracts and claims name categories by it.
    await db.schema
      .createTable('care_category')
      .addColumn('scheme_id', 'text', (c) => c.notNull().references('scheme.id'))
      .addColumn('code', 'text', (c) => c.notNull())
      .addColumn('name', 'text', (c) => c.notNull())
      .addColumn('setting', 'text', (c) => c.notNull())
      .addColumn('created_at', 'text', (c) => c.notNull())
      .addColumn('updated_at', 'text', (c) => c.notNull())
      .addPrimaryKeyConstraint('care_category_pk', ['scheme_id', 'code'])
      .execute();

    await db.schema
      .createTable('product')
      .addColumn('id', 'text', (c) => c.notNull())
      .addColumn('scheme_id', 'text', (c) => c.notNull().references('scheme.id'))
      .addColumn('code', 'text', (c) => c.notNull())
      .addColumn('name', 'text', (c) => c.notNull())
      .addColumn('created_at', 'text', (c) => c.notNull())
      .addColumn('updated_at', 'text', (c) => c.notNull())
      .addPrimaryKeyConstraint('product_pk', ['scheme_id', 'id'])
      .addUniqueConstraint('product_code', ['scheme_id', 'code'])
      .execute();
    await db.schema.createIndex('product_name').on('product').columns(['scheme_id', 'name', 'id']).execute();

    // The definition (who is covered, the term, categories with waiting periods, co-payments and
    // ceilings, cash benefits) is JSON checked by the API's schema, read whole.
    await db.schema
      .createTable('product_version')
      .addColumn('id', 'text', (c) => c.notNull())
      .addColumn('scheme_id', 'text', (c) => c.notNull())
      .addColumn('product_id', 'text', (c) => c.notNull())
      .addColumn('effective_from', 'text', (c) => c.notNull())
      .addColumn('definition_json', 'text', (c) => c.notNull())
      .addColumn('created_at', 'text', (c) => c.notNull())
      .addColumn('created_by', 'text')
      .addPrimaryKeyConstraint('product_version_pk', ['scheme_id', 'id'])
      .addUniqueConstraint('product_version_date', ['scheme_id', 'product_id', 'effective_from'])
      .addForeignKeyConstraint('product_version_product', ['scheme_id', 'product_id'], 'product', ['scheme_id', 'id'])
      .execute();

    // Schemes made before this migration get the catalogue new schemes start with. The list is
    // written out here, as it stood, so that this migration does the same whenever it runs.
    const schemes = await db.selectFrom('scheme').select('id').execute();
    const now = new Date().toISOString();
    const rows = schemes.flatMap((s) =>
      STARTING_CATEGORIES.map(([code, name, setting]) => ({
        scheme_id: s.id,
        code,
        name,
        setting,
        created_at: now,
        updated_at: now,
      })),
    );
    for (let i = 0; i < rows.length; i += 500)
      await db
        .insertInto('care_category')
        .values(rows.slice(i, i + 500))
        .execute();
  },
});

const STARTING_CATEGORIES = [
  ['consultation', 'Consultation', 'outpatient'],
  ['antenatal', 'Antenatal care', 'outpatient'],
  ['chronic', 'Chronic disease', 'outpatient'],
  ['hospital_stay', 'Hospital stay', 'inpatient'],
  ['surgery', 'Surgery', 'inpatient'],
  ['delivery', 'Delivery', 'inpatient'],
  ['emergency', 'Emergency', 'inpatient'],
  ['transport', 'Transport', 'other'],
] as const;
