import type { Kysely } from 'kysely';
import { clustered, type EngineMigration } from '../migrate.js';

/** Tenants, people who log in, and what they did. */
export const platform: EngineMigration = (engine) => ({
  async up(db: Kysely<any>) {
    await db.schema
      .createTable('scheme')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('name', 'text', (c) => c.notNull())
      .addColumn('country', 'text', (c) => c.notNull())
      .addColumn('currency', 'text', (c) => c.notNull())
      .addColumn('currency_minor_units', 'integer', (c) => c.notNull())
      .addColumn('languages', 'text', (c) => c.notNull())
      .addColumn('member_prefix', 'text', (c) => c.notNull())
      .addColumn('created_at', 'text', (c) => c.notNull())
      .addColumn('updated_at', 'text', (c) => c.notNull())
      .execute();

    await db.schema
      .createTable('federation')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('name', 'text', (c) => c.notNull())
      .addColumn('created_at', 'text', (c) => c.notNull())
      .execute();
    await db.schema
      .createTable('federation_scheme')
      .addColumn('federation_id', 'text', (c) => c.notNull().references('federation.id'))
      .addColumn('scheme_id', 'text', (c) => c.notNull().references('scheme.id'))
      .addPrimaryKeyConstraint('federation_scheme_pk', ['federation_id', 'scheme_id'])
      .execute();

    await db.schema
      .createTable('app_user')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('scheme_id', 'text', (c) => c.references('scheme.id'))
      .addColumn('federation_id', 'text', (c) => c.references('federation.id'))
      .addColumn('username', 'text', (c) => c.notNull().unique())
      .addColumn('display_name', 'text', (c) => c.notNull())
      .addColumn('password_hash', 'text', (c) => c.notNull())
      .addColumn('roles', 'text', (c) => c.notNull())
      .addColumn('area_ids', 'text', (c) => c.notNull())
      .addColumn('language', 'text')
      .addColumn('active', 'integer', (c) => c.notNull())
      .addColumn('failed_logins', 'integer', (c) => c.notNull())
      .addColumn('locked_until', 'text')
      .addColumn('is_machine', 'integer', (c) => c.notNull())
      .addColumn('created_at', 'text', (c) => c.notNull())
      .addColumn('updated_at', 'text', (c) => c.notNull())
      .execute();
    await db.schema.createIndex('app_user_scheme').on('app_user').columns(['scheme_id', 'username']).execute();

    await db.schema
      .createTable('custom_role')
      .addColumn('id', 'text', (c) => c.notNull())
      .addColumn('scheme_id', 'text', (c) => c.notNull().references('scheme.id'))
      .addColumn('code', 'text', (c) => c.notNull())
      .addColumn('name', 'text', (c) => c.notNull())
      .addColumn('rights', 'text', (c) => c.notNull())
      .addColumn('created_at', 'text', (c) => c.notNull())
      .addColumn('updated_at', 'text', (c) => c.notNull())
      .addPrimaryKeyConstraint('custom_role_pk', ['scheme_id', 'id'])
      .addUniqueConstraint('custom_role_code', ['scheme_id', 'code'])
      .execute();

    await db.schema
      .createTable('user_session')
      .addColumn('token_hash', 'text', (c) => c.primaryKey())
      .addColumn('user_id', 'text', (c) => c.notNull().references('app_user.id'))
      .addColumn('created_at', 'text', (c) => c.notNull())
      .addColumn('expires_at', 'text', (c) => c.notNull())
      .execute();
    await db.schema.createIndex('user_session_user').on('user_session').column('user_id').execute();

    await db.schema
      .createTable('api_token')
      .addColumn('id', 'text', (c) => c.notNull())
      .addColumn('scheme_id', 'text', (c) => c.notNull().references('scheme.id'))
      .addColumn('user_id', 'text', (c) => c.notNull().references('app_user.id'))
      .addColumn('name', 'text', (c) => c.notNull())
      .addColumn('token_hash', 'text', (c) => c.notNull().unique())
      .addColumn('created_by', 'text', (c) => c.notNull())
      .addColumn('created_at', 'text', (c) => c.notNull())
      .addColumn('last_used_at', 'text')
      .addColumn('revoked_at', 'text')
      .addPrimaryKeyConstraint('api_token_pk', ['scheme_id', 'id'])
      .execute();

    // Keyed by scheme first, so a scheme's log is one range of the primary key; events of no
    // scheme (a federation user's login) have scheme_id ''.
    await db.schema
      .createTable('audit_entry')
      .addColumn('id', 'text', (c) => c.notNull())
      .addColumn('scheme_id', 'text', (c) => c.notNull())
      .addColumn('user_id', 'text')
      .addColumn('username', 'text')
      .addColumn('at', 'text', (c) => c.notNull())
      .addColumn('action', 'text', (c) => c.notNull())
      .addColumn('entity', 'text', (c) => c.notNull())
      .addColumn('entity_id', 'text')
      .addColumn('before_json', 'text')
      .addColumn('after_json', 'text')
      .addColumn('request_id', 'text')
      // Ids are UUIDv7, so ordering by id is ordering by time.
      .addPrimaryKeyConstraint('audit_entry_pk', ['scheme_id', 'id'])
      .$call(clustered(engine))
      .execute();
    await db.schema
      .createIndex('audit_entry_entity')
      .on('audit_entry')
      .columns(['scheme_id', 'entity', 'entity_id', 'id'])
      .execute();

    await db.schema
      .createTable('job')
      .addColumn('id', 'text', (c) => c.notNull())
      .addColumn('scheme_id', 'text', (c) => c.notNull().references('scheme.id'))
      .addColumn('kind', 'text', (c) => c.notNull())
      .addColumn('state', 'text', (c) => c.notNull())
      .addColumn('total', 'integer', (c) => c.notNull())
      .addColumn('done', 'integer', (c) => c.notNull())
      .addColumn('params_json', 'text', (c) => c.notNull())
      .addColumn('result_json', 'text')
      .addColumn('created_by', 'text', (c) => c.notNull())
      .addColumn('created_at', 'text', (c) => c.notNull())
      .addColumn('updated_at', 'text', (c) => c.notNull())
      .addPrimaryKeyConstraint('job_pk', ['scheme_id', 'id'])
      .execute();

    await db.schema
      .createTable('counter')
      .addColumn('scheme_id', 'text', (c) => c.notNull().references('scheme.id'))
      .addColumn('name', 'text', (c) => c.notNull())
      .addColumn('value', 'bigint', (c) => c.notNull())
      .addPrimaryKeyConstraint('counter_pk', ['scheme_id', 'name'])
      .execute();
  },
});
