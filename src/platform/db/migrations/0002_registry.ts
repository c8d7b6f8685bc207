import type { Kysely } from 'kysely';
import { clustered, type EngineMigration } from '../migrate.js';

/** Who is in the scheme: areas, employers, groups, households, members, photos. */
export const registry: EngineMigration = (engine) => ({
  async up(db: Kysely<any>) {
    const binary = engine === 'postgres' ? 'bytea' : 'blob';

    await db.schema
      .createTable('area')
      .addColumn('id', 'text', (c) => c.notNull())
      .addColumn('scheme_id', 'text', (c) => c.notNull().references('scheme.id'))
      .addColumn('parent_id', 'text')
      .addColumn('level', 'text', (c) => c.notNull())
      .addColumn('code', 'text', (c) => c.notNull())
      .addColumn('name', 'text', (c) => c.notNull())
      .addColumn('name_local', 'text')
      .addColumn('population', 'integer')
      .addColumn('path', 'text', (c) => c.notNull())
      .addColumn('created_at', 'text', (c) => c.notNull())
      .addColumn('updated_at', 'text', (c) => c.notNull())
      .addPrimaryKeyConstraint('area_pk', ['scheme_id', 'id'])
      .addUniqueConstraint('area_code', ['scheme_id', 'code'])
      .addForeignKeyConstraint('area_parent', ['scheme_id', 'parent_id'], 'area', ['scheme_id', 'id'])
      .execute();
    await db.schema.createIndex('area_path').on('area').columns(['scheme_id', 'path']).execute();

    await db.schema
      .createTable('employer')
      .addColumn('id', 'text', (c) => c.notNull())
      .addColumn('scheme_id', 'text', (c) => c.notNull().references('scheme.id'))
      .addColumn('code', 'text', (c) => c.notNull())
      .addColumn('name', 'text', (c) => c.notNull())
      .addColumn('registration_number', 'text')
      .addColumn('sector', 'text')
      .addColumn('address', 'text')
      .addColumn('area_id', 'text')
      .addColumn('latitude', 'double precision')
      .addColumn('longitude', 'double precision')
      .addColumn('contact_name', 'text')
      .addColumn('contact_phone', 'text')
      .addColumn('enrolment_mode', 'text', (c) => c.notNull())
      .addColumn('created_at', 'text', (c) => c.notNull())
      .addColumn('updated_at', 'text', (c) => c.notNull())
      .addPrimaryKeyConstraint('employer_pk', ['scheme_id', 'id'])
      .addUniqueConstraint('employer_code', ['scheme_id', 'code'])
      .addForeignKeyConstraint('employer_area', ['scheme_id', 'area_id'], 'area', ['scheme_id', 'id'])
      .execute();
    await db.schema.createIndex('employer_name').on('employer').columns(['scheme_id', 'name', 'id']).execute();
    await db.schema.createIndex('employer_area_idx').on('employer').columns(['scheme_id', 'area_id']).execute();

    await db.schema
      .createTable('member_group')
      .addColumn('id', 'text', (c) => c.notNull())
      .addColumn('scheme_id', 'text', (c) => c.notNull().references('scheme.id'))
      .addColumn('code', 'text', (c) => c.notNull())
      .addColumn('name', 'text', (c) => c.notNull())
      .addColumn('kind', 'text', (c) => c.notNull())
      .addColumn('area_id', 'text')
      .addColumn('population', 'integer')
      .addColumn('created_at', 'text', (c) => c.notNull())
      .addColumn('updated_at', 'text', (c) => c.notNull())
      .addPrimaryKeyConstraint('member_group_pk', ['scheme_id', 'id'])
      .addUniqueConstraint('member_group_code', ['scheme_id', 'code'])
      .addForeignKeyConstraint('member_group_area', ['scheme_id', 'area_id'], 'area', ['scheme_id', 'id'])
      .execute();
    await db.schema.createIndex('member_group_name').on('member_group').columns(['scheme_id', 'name', 'id']).execute();

    await db.schema
      .createTable('household')
      .addColumn('id', 'text', (c) => c.notNull())
      .addColumn('scheme_id', 'text', (c) => c.notNull().references('scheme.id'))
      .addColumn('head_member_id', 'text')
      .addColumn('address', 'text')
      .addColumn('area_id', 'text')
      .addColumn('created_at', 'text', (c) => c.notNull())
      .addPrimaryKeyConstraint('household_pk', ['scheme_id', 'id'])
      .addForeignKeyConstraint('household_area', ['scheme_id', 'area_id'], 'area', ['scheme_id', 'id'])
      .execute();

    await db.schema
      .createTable('member')
      .addColumn('id', 'text', (c) => c.notNull())
      .addColumn('scheme_id', 'text', (c) => c.notNull().references('scheme.id'))
      .addColumn('member_number', 'text', (c) => c.notNull())
      .addColumn('household_id', 'text', (c) => c.notNull())
      .addColumn('relation', 'text', (c) => c.notNull())
      .addColumn('name_local', 'text')
      .addColumn('name_latin', 'text', (c) => c.notNull())
      .addColumn('name_key', 'text', (c) => c.notNull())
      .addColumn('sex', 'text', (c) => c.notNull())
      .addColumn('birth_date', 'text', (c) => c.notNull())
      .addColumn('national_id', 'text')
      .addColumn('phone', 'text')
      .addColumn('employer_id', 'text')
      .addColumn('factory_card_number', 'text')
      .addColumn('wage', 'bigint')
      .addColumn('group_id', 'text')
      .addColumn('area_id', 'text')
      .addColumn('status', 'text', (c) => c.notNull())
      .addColumn('has_photo', 'integer', (c) => c.notNull())
      .addColumn('version', 'integer', (c) => c.notNull())
      .addColumn('created_at', 'text', (c) => c.notNull())
      .addColumn('updated_at', 'text', (c) => c.notNull())
      .addPrimaryKeyConstraint('member_pk', ['scheme_id', 'id'])
      .addUniqueConstraint('member_number_unique', ['scheme_id', 'member_number'])
      .addForeignKeyConstraint('member_household', ['scheme_id', 'household_id'], 'household', ['scheme_id', 'id'])
      .addForeignKeyConstraint('member_employer', ['scheme_id', 'employer_id'], 'employer', ['scheme_id', 'id'])
      .addForeignKeyConstraint('member_group_fk', ['scheme_id', 'group_id'], 'member_group', ['scheme_id', 'id'])
      .addForeignKeyConstraint('member_area', ['scheme_id', 'area_id'], 'area', ['scheme_id', 'id'])
      .execute();
    // A national ID belongs to one person: the database refuses a second one even if two
    // registrations race past the service's own check.
    await db.schema
      .createIndex('member_national_id')
      .on('member')
      .columns(['scheme_id', 'national_id'])
      .unique()
      .where('national_id', 'is not', null)
      .execute();
    // Columns many members leave empty (a villager has no employer, a worker no group) are
    // indexed only where filled: every index entry costs an import its time.
    const indexes: [string, string[], string?][] = [
      ['member_factory_card', ['scheme_id', 'factory_card_number'], 'factory_card_number'],
      ['member_phone', ['scheme_id', 'phone'], 'phone'],
      // Serves the duplicate check (same birth date) and an import's "already registered?" (same
      // birth date and name key) with one index.
      ['member_birth_name', ['scheme_id', 'birth_date', 'name_key']],
      ['member_household_idx', ['scheme_id', 'household_id']],
      ['member_employer_idx', ['scheme_id', 'employer_id', 'member_number'], 'employer_id'],
      ['member_group_idx', ['scheme_id', 'group_id', 'member_number'], 'group_id'],
      ['member_area_idx', ['scheme_id', 'area_id', 'member_number'], 'area_id'],
    ];
    for (const [name, columns, filled] of indexes) {
      let index = db.schema.createIndex(name).on('member').columns(columns);
      if (filled) index = index.where(filled, 'is not', null);
      await index.execute();
    }

    await db.schema
      .createTable('member_name_token')
      .addColumn('scheme_id', 'text', (c) => c.notNull())
      .addColumn('token', 'text', (c) => c.notNull())
      .addColumn('member_id', 'text', (c) => c.notNull())
      .addPrimaryKeyConstraint('member_name_token_pk', ['scheme_id', 'token', 'member_id'])
      .addForeignKeyConstraint('member_name_token_member', ['scheme_id', 'member_id'], 'member', ['scheme_id', 'id'])
      .$call(clustered(engine))
      .execute();

    // The distinct word keys of the scheme's names, so a word typed in part ("sop…") turns
    // into the few whole keys it can be before the members are looked up.
    await db.schema
      .createTable('name_token')
      .addColumn('scheme_id', 'text', (c) => c.notNull())
      .addColumn('token', 'text', (c) => c.notNull())
      .addPrimaryKeyConstraint('name_token_pk', ['scheme_id', 'token'])
      .$call(clustered(engine))
      .execute();

    await db.schema
      .createTable('photo')
      .addColumn('scheme_id', 'text', (c) => c.notNull())
      .addColumn('member_id', 'text', (c) => c.notNull())
      .addColumn('content_type', 'text', (c) => c.notNull())
      .addColumn('width', 'integer', (c) => c.notNull())
      .addColumn('height', 'integer', (c) => c.notNull())
      .addColumn('data', binary, (c) => c.notNull())
      .addColumn('created_at', 'text', (c) => c.notNull())
      .addPrimaryKeyConstraint('photo_pk', ['scheme_id', 'member_id'])
      .addForeignKeyConstraint('photo_member', ['scheme_id', 'member_id'], 'member', ['scheme_id', 'id'])
      .execute();

    await db.schema
      .createTable('import_row')
      .addColumn('scheme_id', 'text', (c) => c.notNull())
      .addColumn('job_id', 'text', (c) => c.notNull())
      .addColumn('line', 'integer', (c) => c.notNull())
      .addColumn('field', 'text', (c) => c.notNull())
      .addColumn('reason', 'text', (c) => c.notNull())
      .execute();
    await db.schema.createIndex('import_row_job').on('import_row').columns(['scheme_id', 'job_id', 'line']).execute();
  },
});
