import { systemActor } from '../platform/audit/audit.js';
import { Problem } from '../platform/http/problem.js';
import { createUser, resetPassword } from '../platform/users/service.js';
import { fail, schemeFor, withDatabase } from './context.js';

const operator = () => systemActor(null, `cli:${process.env.USER ?? 'operator'}`);

const explain = (err: unknown): never => {
  if (err instanceof Problem) fail(err.detail ?? err.title);
  throw err;
};

export const userCreateCommand = (
  username: string,
  opts: { role: string[]; scheme?: string; name?: string; password?: string },
) =>
  withDatabase(async (db) => {
    const schemeId = await schemeFor(db, opts.scheme);
    const result = await createUser(db, { ...operator(), schemeId }, schemeId, {
      username,
      displayName: opts.name ?? username,
      password: opts.password,
      roles: opts.role,
      areaIds: [],
      language: null,
      isMachine: false,
    }).catch(explain);
    console.log(`Created ${username} (${opts.role.join(', ')}).`);
    if (result.generatedPassword) console.log(`Password: ${result.generatedPassword} (shown this once)`);
  });

export const userResetCommand = (username: string, opts: { password?: string }) =>
  withDatabase(async (db) => {
    const user = await db.kysely
      .selectFrom('app_user')
      .select(['id', 'scheme_id'])
      .where('username', '=', username)
      .executeTakeFirst();
    if (!user) fail(`There is no user ${username}.`);
    const result = await resetPassword(
      db,
      { ...operator(), schemeId: user.scheme_id },
      null,
      user.id,
      opts.password,
    ).catch(explain);
    console.log(`The password of ${username} was reset and any lock-out lifted.`);
    if (result.generatedPassword) console.log(`Password: ${result.generatedPassword} (shown this once)`);
  });
