import type { Selectable } from 'kysely';
import type { Executor } from '../db/database.js';
import type { UserTable } from '../db/schema.js';

export type UserRow = Selectable<UserTable>;

export const findUserByUsername = (db: Executor, username: string) =>
  db.selectFrom('app_user').selectAll().where('username', '=', username).executeTakeFirst();

export const findUser = (db: Executor, id: string) =>
  db.selectFrom('app_user').selectAll().where('id', '=', id).executeTakeFirst();

export const setLoginFailures = (db: Executor, id: string, failures: number, lockedUntil: string | null) =>
  db.updateTable('app_user').set({ failed_logins: failures, locked_until: lockedUntil }).where('id', '=', id).execute();

export const insertSession = (
  db: Executor,
  row: { token_hash: string; user_id: string; created_at: string; expires_at: string },
) => db.insertInto('user_session').values(row).execute();

export const findSessionUser = (db: Executor, tokenHash: string, now: string) =>
  db
    .selectFrom('user_session')
    .innerJoin('app_user', 'app_user.id', 'user_session.user_id')
    .selectAll('app_user')
    .select('user_session.expires_at as session_expires_at')
    .where('user_session.token_hash', '=', tokenHash)
    .where('user_session.expires_at', '>', now)
    .executeTakeFirst();

export const deleteSession = (db: Executor, tokenHash: string) =>
  db.deleteFrom('user_session').where('token_hash', '=', tokenHash).execute();

export const deleteUserSessions = (db: Executor, userId: string) =>
  db.deleteFrom('user_session').where('user_id', '=', userId).execute();

export const findApiTokenUser = (db: Executor, tokenHash: string) =>
  db
    .selectFrom('api_token')
    .innerJoin('app_user', 'app_user.id', 'api_token.user_id')
    .selectAll('app_user')
    .select(['api_token.id as token_id', 'api_token.scheme_id as token_scheme_id'])
    .where('api_token.token_hash', '=', tokenHash)
    .where('api_token.revoked_at', 'is', null)
    .executeTakeFirst();

export const touchApiToken = (db: Executor, schemeId: string, id: string, at: string) =>
  db
    .updateTable('api_token')
    .set({ last_used_at: at })
    .where('scheme_id', '=', schemeId)
    .where('id', '=', id)
    .execute();

export const customRoleRights = (db: Executor, schemeId: string, ids: string[]) =>
  ids.length === 0
    ? Promise.resolve([])
    : db
        .selectFrom('custom_role')
        .select(['id', 'rights'])
        .where('scheme_id', '=', schemeId)
        .where('id', 'in', ids)
        .execute();

export const areaPaths = (db: Executor, schemeId: string, ids: string[]) =>
  ids.length === 0
    ? Promise.resolve([])
    : db.selectFrom('area').select(['id', 'path']).where('scheme_id', '=', schemeId).where('id', 'in', ids).execute();
