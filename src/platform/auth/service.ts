import type { Config } from '../config.js';
import type { Db, Executor } from '../db/database.js';
import { audit, type Actor } from '../audit/audit.js';
import { nowIso } from '../ids.js';
import { invalid, Problem, unauthorized } from '../http/problem.js';
import { BUILT_IN_ROLES, isBuiltInRole, isRight, type Right } from '../rights/rights.js';
import { hashPassword, passwordWeakness, verifyPassword } from './passwords.js';
import type { Principal } from './principal.js';
import * as repo from './repo.js';
import { hashToken, newSessionToken } from './tokens.js';

export interface LoginResult {
  token: string;
  expiresAt: string;
  principal: Principal;
}

/**
 * Checks a username and password. A wrong password counts against the account, and after
 * too many in a row the account is locked for a while, so passwords cannot be guessed by
 * trying them all; the answer does not say whether the username exists.
 */
export async function login(
  db: Db,
  config: Config,
  username: string,
  password: string,
  requestId?: string,
): Promise<LoginResult> {
  const user = await repo.findUserByUsername(db.kysely, username);
  const now = new Date();
  if (!user || !user.active || user.is_machine) {
    throw unauthorized('Wrong username or password');
  }
  if (user.locked_until && user.locked_until > now.toISOString()) {
    throw new Problem(423, 'Locked', `Too many failed logins: the account is locked until ${user.locked_until}`);
  }
  const actor: Actor = { userId: user.id, username: user.username, schemeId: user.scheme_id, requestId };
  if (!(await verifyPassword(user.password_hash, password))) {
    const failures = user.failed_logins + 1;
    const lock = failures >= config.lockoutAttempts;
    const lockedUntil = lock ? new Date(now.getTime() + config.lockoutMinutes * 60_000).toISOString() : null;
    await db.kysely.transaction().execute(async (tx) => {
      await repo.setLoginFailures(tx, user.id, lock ? 0 : failures, lockedUntil);
      await audit(tx, actor, { action: lock ? 'lock' : 'login-failed', entity: 'user', entityId: user.id });
    });
    throw unauthorized('Wrong username or password');
  }
  const token = newSessionToken();
  const expiresAt = new Date(now.getTime() + config.sessionHours * 3_600_000).toISOString();
  await db.kysely.transaction().execute(async (tx) => {
    await repo.setLoginFailures(tx, user.id, 0, null);
    await repo.insertSession(tx, {
      token_hash: hashToken(token),
      user_id: user.id,
      created_at: now.toISOString(),
      expires_at: expiresAt,
    });
    await audit(tx, actor, { action: 'login', entity: 'user', entityId: user.id });
  });
  return { token, expiresAt, principal: await principalOf(db.kysely, user, 'session') };
}

export async function logout(db: Db, principal: Principal, token: string, requestId?: string) {
  await db.kysely.transaction().execute(async (tx) => {
    await repo.deleteSession(tx, hashToken(token));
    await audit(tx, { ...principal, requestId }, { action: 'logout', entity: 'user', entityId: principal.userId });
  });
  forgetPrincipals(db);
}

/** Who holds this bearer token or session cookie, or undefined for nobody. */
export async function authenticate(db: Db, token: string): Promise<Principal | undefined> {
  const tokenHash = hashToken(token);
  // Every request asks this; the answer is kept a few seconds, and forgotten at once when this
  // process logs out, changes a user or a role, or revokes a token (forgetPrincipals).
  const held = await db.memo.get(`${PRINCIPALS}${tokenHash}`, () => holder(db, token, tokenHash));
  if (!held || (held.expiresAt !== null && held.expiresAt <= nowIso())) return undefined;
  return held.principal;
}

const PRINCIPALS = 'principal:';

/** After a write that changes who may do what: no request answers from what was kept before it. */
export const forgetPrincipals = (db: Db) => db.memo.forget(PRINCIPALS);

async function holder(db: Db, token: string, tokenHash: string) {
  if (token.startsWith('rpt_')) {
    const row = await repo.findApiTokenUser(db.kysely, tokenHash);
    if (!row || !row.active) return null;
    // Touched when read, so "last used" is right to within the memo's few seconds.
    await repo.touchApiToken(db.kysely, row.token_scheme_id, row.token_id, nowIso());
    return { principal: await principalOf(db.kysely, row, 'api-token'), expiresAt: null };
  }
  const user = await repo.findSessionUser(db.kysely, tokenHash, nowIso());
  if (!user || !user.active) return null;
  return { principal: await principalOf(db.kysely, user, 'session'), expiresAt: user.session_expires_at };
}

export async function principalOf(db: Executor, user: repo.UserRow, via: Principal['via']): Promise<Principal> {
  const roles = JSON.parse(user.roles) as string[];
  const areaIds = JSON.parse(user.area_ids) as string[];
  const rights = new Set<Right>();
  for (const code of roles) {
    if (isBuiltInRole(code)) BUILT_IN_ROLES[code]!.rights.forEach((r) => rights.add(r));
  }
  const custom = roles.filter((r) => !isBuiltInRole(r));
  if (user.scheme_id) {
    for (const role of await repo.customRoleRights(db, user.scheme_id, custom)) {
      for (const r of JSON.parse(role.rights) as string[]) if (isRight(r)) rights.add(r);
    }
  }
  const paths = user.scheme_id ? await repo.areaPaths(db, user.scheme_id, areaIds) : [];
  return {
    userId: user.id,
    username: user.username,
    displayName: user.display_name,
    schemeId: user.scheme_id,
    federationId: user.federation_id,
    roles,
    rights,
    areaIds,
    areaPaths: paths.map((p) => p.path),
    language: user.language,
    via,
  };
}

export async function changePassword(
  db: Db,
  principal: Principal,
  currentPassword: string,
  newPassword: string,
  requestId?: string,
) {
  const user = await repo.findUser(db.kysely, principal.userId);
  if (!user || !(await verifyPassword(user.password_hash, currentPassword))) {
    throw invalid('currentPassword', 'is not the current password');
  }
  const weakness = passwordWeakness(newPassword);
  if (weakness) throw invalid('newPassword', weakness);
  const passwordHash = await hashPassword(newPassword);
  await db.kysely.transaction().execute(async (tx) => {
    await tx
      .updateTable('app_user')
      .set({ password_hash: passwordHash, updated_at: nowIso() })
      .where('id', '=', user.id)
      .execute();
    // Other sessions may belong to whoever knew the old password.
    await repo.deleteUserSessions(tx, user.id);
    await audit(tx, { ...principal, requestId }, { action: 'change-password', entity: 'user', entityId: user.id });
  });
  forgetPrincipals(db);
}
