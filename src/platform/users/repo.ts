import type { Insertable, Selectable } from 'kysely';
import type { Executor } from '../db/database.js';
import type { ApiTokenTable, CustomRoleTable, UserTable } from '../db/schema.js';

export const listUsers = (db: Executor, schemeId: string, limit: number, after?: string) => {
  let q = db.selectFrom('app_user').selectAll().where('scheme_id', '=', schemeId);
  if (after !== undefined) q = q.where('username', '>', after);
  return q
    .orderBy('username')
    .limit(limit + 1)
    .execute();
};

export const userInScheme = (db: Executor, schemeId: string, id: string) =>
  db.selectFrom('app_user').selectAll().where('scheme_id', '=', schemeId).where('id', '=', id).executeTakeFirst();

export const usernameTaken = async (db: Executor, username: string) =>
  (await db.selectFrom('app_user').select('id').where('username', '=', username).executeTakeFirst()) !== undefined;

export const insertUser = (db: Executor, row: Insertable<UserTable>) => db.insertInto('app_user').values(row).execute();

export const updateUser = (db: Executor, id: string, change: Partial<Selectable<UserTable>>) =>
  db.updateTable('app_user').set(change).where('id', '=', id).execute();

export const customRoles = (db: Executor, schemeId: string) =>
  db.selectFrom('custom_role').selectAll().where('scheme_id', '=', schemeId).orderBy('code').execute();

export const customRoleByCode = (db: Executor, schemeId: string, code: string) =>
  db
    .selectFrom('custom_role')
    .selectAll()
    .where('scheme_id', '=', schemeId)
    .where('code', '=', code)
    .executeTakeFirst();

export const insertRole = (db: Executor, row: Insertable<CustomRoleTable>) =>
  db.insertInto('custom_role').values(row).execute();

export const updateRole = (db: Executor, schemeId: string, id: string, change: Partial<Selectable<CustomRoleTable>>) =>
  db.updateTable('custom_role').set(change).where('scheme_id', '=', schemeId).where('id', '=', id).execute();

export const areasInScheme = (db: Executor, schemeId: string, ids: string[]) =>
  ids.length === 0
    ? Promise.resolve([])
    : db.selectFrom('area').select(['id', 'path']).where('scheme_id', '=', schemeId).where('id', 'in', ids).execute();

export const listTokens = (db: Executor, schemeId: string) =>
  db
    .selectFrom('api_token')
    .innerJoin('app_user', 'app_user.id', 'api_token.user_id')
    .select([
      'api_token.id',
      'api_token.name',
      'api_token.user_id',
      'app_user.username',
      'api_token.created_at',
      'api_token.last_used_at',
      'api_token.revoked_at',
    ])
    .where('api_token.scheme_id', '=', schemeId)
    .orderBy('api_token.id')
    .execute();

export const insertToken = (db: Executor, row: Insertable<ApiTokenTable>) =>
  db.insertInto('api_token').values(row).execute();

export const tokenInScheme = (db: Executor, schemeId: string, id: string) =>
  db.selectFrom('api_token').selectAll().where('scheme_id', '=', schemeId).where('id', '=', id).executeTakeFirst();

export const revokeToken = (db: Executor, schemeId: string, id: string, at: string) =>
  db.updateTable('api_token').set({ revoked_at: at }).where('scheme_id', '=', schemeId).where('id', '=', id).execute();
