import type { z } from '@hono/zod-openapi';
import type { Db, Executor } from '../db/database.js';
import { audit, type Actor } from '../audit/audit.js';
import { generatePassword, hashPassword, passwordWeakness } from '../auth/passwords.js';
import type { Principal } from '../auth/principal.js';
import { deleteUserSessions, type UserRow } from '../auth/repo.js';
import { hashToken, newApiToken } from '../auth/tokens.js';
import { forgetPrincipals } from '../auth/service.js';
import { newId, nowIso } from '../ids.js';
import { conflict, forbidden, invalid, notFound } from '../http/problem.js';
import { decodeCursor, page } from '../http/openapi.js';
import { BUILT_IN_ROLES, isBuiltInRole } from '../rights/rights.js';
import * as repo from './repo.js';
import type { NewRole, NewUser, RoleChange, UserChange } from './schemas.js';

export function userView(u: UserRow) {
  return {
    id: u.id,
    username: u.username,
    displayName: u.display_name,
    roles: JSON.parse(u.roles) as string[],
    areaIds: JSON.parse(u.area_ids) as string[],
    language: u.language,
    active: u.active === 1,
    isMachine: u.is_machine === 1,
    locked: u.locked_until !== null && u.locked_until > nowIso(),
    createdAt: u.created_at,
  };
}

export async function listUsers(db: Db, schemeId: string, limit: number, cursor?: string) {
  const after = decodeCursor(cursor, 1)?.[0] as string | undefined;
  const rows = await repo.listUsers(db.kysely, schemeId, limit, after);
  const custom = await repo.customRoles(db.kysely, schemeId);
  const result = page(rows, limit, (u) => [u.username]);
  return {
    items: result.items.map((u) => ({ ...userView(u), roles: codesOf(custom, JSON.parse(u.roles)) })),
    nextCursor: result.nextCursor,
  };
}

/** Role codes must exist in the scheme: built-in ones, or the scheme's own by code. */
async function checkRoles(db: Executor, schemeId: string, roles: string[]) {
  const custom = await repo.customRoles(db, schemeId);
  roles.forEach((code, i) => {
    if (!isBuiltInRole(code) && !custom.some((r) => r.code === code)) {
      throw invalid(`roles.${i}`, `there is no role "${code}"`);
    }
  });
  // Custom roles are stored by id so a role keeps its users when renamed.
  return roles.map((code) => (isBuiltInRole(code) ? code : custom.find((r) => r.code === code)!.id));
}

/**
 * Areas must be the scheme's own, and a caller limited to some areas can only hand out
 * limits inside them: a district officer cannot create a user for the whole province.
 */
async function checkAreas(db: Executor, schemeId: string, areaIds: string[], by?: Principal) {
  const found = await repo.areasInScheme(db, schemeId, areaIds);
  areaIds.forEach((id, i) => {
    const area = found.find((a) => a.id === id);
    if (!area) throw invalid(`areaIds.${i}`, `there is no area "${id}" in this scheme`);
    if (by && by.areaPaths.length && !by.areaPaths.some((p) => area.path.startsWith(p))) {
      throw forbidden(`Area ${id} is outside the areas you are limited to`);
    }
  });
  if (by && by.areaPaths.length && areaIds.length === 0) {
    throw invalid('areaIds', 'you are limited to some areas, so the users you create must be too');
  }
}

const codesOf = (custom: { id: string; code: string }[], stored: string[]) =>
  stored.map((r) => (isBuiltInRole(r) ? r : (custom.find((c) => c.id === r)?.code ?? r)));

const roleCodes = async (db: Executor, schemeId: string, stored: string[]) =>
  codesOf(await repo.customRoles(db, schemeId), stored);

export async function createUser(
  db: Db,
  actor: Actor,
  schemeId: string,
  input: z.infer<typeof NewUser>,
  by?: Principal,
) {
  if (input.password !== undefined) {
    const weakness = passwordWeakness(input.password);
    if (weakness) throw invalid('password', weakness);
  }
  const password = input.password ?? generatePassword();
  const passwordHash = await hashPassword(password);
  return db.kysely.transaction().execute(async (tx) => {
    if (await repo.usernameTaken(tx, input.username)) throw conflict('username', 'is already taken');
    const roles = await checkRoles(tx, schemeId, input.roles);
    await checkAreas(tx, schemeId, input.areaIds, by);
    const now = nowIso();
    const row = {
      id: newId(),
      scheme_id: schemeId,
      federation_id: null,
      username: input.username,
      display_name: input.displayName,
      password_hash: passwordHash,
      roles: JSON.stringify(roles),
      area_ids: JSON.stringify(input.areaIds),
      language: input.language,
      active: 1,
      failed_logins: 0,
      locked_until: null,
      is_machine: input.isMachine ? 1 : 0,
      created_at: now,
      updated_at: now,
    };
    await repo.insertUser(tx, row);
    const view = { ...userView(row), roles: input.roles };
    await audit(tx, actor, { action: 'create', entity: 'user', entityId: row.id, after: view });
    return { user: view, generatedPassword: input.password === undefined ? password : null };
  });
}

export async function getUser(db: Db, schemeId: string, id: string) {
  const user = await repo.userInScheme(db.kysely, schemeId, id);
  if (!user) throw notFound(`User ${id}`);
  return { ...userView(user), roles: await roleCodes(db.kysely, schemeId, JSON.parse(user.roles)) };
}

export async function updateUser(
  db: Db,
  actor: Actor,
  schemeId: string,
  id: string,
  change: z.infer<typeof UserChange>,
  by?: Principal,
) {
  const after = await db.kysely.transaction().execute(async (tx) => {
    const user = await repo.userInScheme(tx, schemeId, id);
    if (!user) throw notFound(`User ${id}`);
    const before = { ...userView(user), roles: await roleCodes(tx, schemeId, JSON.parse(user.roles)) };
    const set: Parameters<typeof repo.updateUser>[2] = { updated_at: nowIso() };
    if (change.displayName !== undefined) set.display_name = change.displayName;
    if (change.roles !== undefined) set.roles = JSON.stringify(await checkRoles(tx, schemeId, change.roles));
    if (change.areaIds !== undefined) {
      await checkAreas(tx, schemeId, change.areaIds, by);
      set.area_ids = JSON.stringify(change.areaIds);
    }
    if (change.language !== undefined) set.language = change.language;
    if (change.active !== undefined) set.active = change.active ? 1 : 0;
    await repo.updateUser(tx, id, set);
    if (change.active === false) await deleteUserSessions(tx, id);
    const after = { ...before, ...change };
    await audit(tx, actor, { action: 'update', entity: 'user', entityId: id, before, after });
    return after;
  });
  forgetPrincipals(db);
  return after;
}

/** A new password for someone who forgot theirs; it also lifts a lock-out. */
export async function resetPassword(db: Db, actor: Actor, schemeId: string | null, id: string, password?: string) {
  if (password !== undefined) {
    const weakness = passwordWeakness(password);
    if (weakness) throw invalid('password', weakness);
  }
  const chosen = password ?? generatePassword();
  const passwordHash = await hashPassword(chosen);
  await db.kysely.transaction().execute(async (tx) => {
    const user = schemeId
      ? await repo.userInScheme(tx, schemeId, id)
      : await tx.selectFrom('app_user').selectAll().where('id', '=', id).executeTakeFirst();
    if (!user) throw notFound(`User ${id}`);
    await repo.updateUser(tx, id, {
      password_hash: passwordHash,
      failed_logins: 0,
      locked_until: null,
      updated_at: nowIso(),
    });
    await deleteUserSessions(tx, id);
    await audit(tx, actor, { action: 'reset-password', entity: 'user', entityId: id });
  });
  forgetPrincipals(db);
  return { generatedPassword: password === undefined ? chosen : null };
}

export async function listRoles(db: Db, schemeId: string) {
  const builtIn = Object.entries(BUILT_IN_ROLES).map(([code, r]) => ({
    code,
    name: r.name,
    rights: [...r.rights],
    builtIn: true,
    id: null,
  }));
  const custom = (await repo.customRoles(db.kysely, schemeId)).map((r) => ({
    code: r.code,
    name: r.name,
    rights: JSON.parse(r.rights) as string[],
    builtIn: false,
    id: r.id,
  }));
  return [...builtIn, ...custom];
}

export async function createRole(db: Db, actor: Actor, schemeId: string, input: z.infer<typeof NewRole>) {
  if (isBuiltInRole(input.code)) throw conflict('code', 'is the code of a built-in role');
  return db.kysely.transaction().execute(async (tx) => {
    if (await repo.customRoleByCode(tx, schemeId, input.code)) throw conflict('code', 'is already taken');
    const now = nowIso();
    const id = newId();
    await repo.insertRole(tx, {
      id,
      scheme_id: schemeId,
      code: input.code,
      name: input.name,
      rights: JSON.stringify(input.rights),
      created_at: now,
      updated_at: now,
    });
    const view = { ...input, builtIn: false, id };
    await audit(tx, actor, { action: 'create', entity: 'role', entityId: id, after: view });
    return view;
  });
}

export async function updateRole(
  db: Db,
  actor: Actor,
  schemeId: string,
  code: string,
  change: z.infer<typeof RoleChange>,
) {
  if (isBuiltInRole(code)) throw forbidden('Built-in roles cannot be changed; create a role of your own');
  const after = await db.kysely.transaction().execute(async (tx) => {
    const role = await repo.customRoleByCode(tx, schemeId, code);
    if (!role) throw notFound(`Role ${code}`);
    const before = { code, name: role.name, rights: JSON.parse(role.rights) as string[], builtIn: false, id: role.id };
    const after = { ...before, ...change };
    await repo.updateRole(tx, schemeId, role.id, {
      name: after.name,
      rights: JSON.stringify(after.rights),
      updated_at: nowIso(),
    });
    await audit(tx, actor, { action: 'update', entity: 'role', entityId: role.id, before, after });
    return after;
  });
  forgetPrincipals(db);
  return after;
}

export async function listTokens(db: Db, schemeId: string) {
  return (await repo.listTokens(db.kysely, schemeId)).map((t) => ({
    id: t.id,
    name: t.name,
    userId: t.user_id,
    username: t.username,
    createdAt: t.created_at,
    lastUsedAt: t.last_used_at,
    revokedAt: t.revoked_at,
  }));
}

/** A token for a machine, acting with the rights of the user it is issued to; shown once. */
export async function createToken(db: Db, actor: Actor, schemeId: string, name: string, userId: string) {
  return db.kysely.transaction().execute(async (tx) => {
    const user = await repo.userInScheme(tx, schemeId, userId);
    if (!user) throw invalid('userId', `there is no user "${userId}" in this scheme`);
    const token = newApiToken();
    const id = newId();
    const now = nowIso();
    await repo.insertToken(tx, {
      id,
      scheme_id: schemeId,
      user_id: userId,
      name,
      token_hash: hashToken(token),
      created_by: actor.userId ?? 'system',
      created_at: now,
      last_used_at: null,
      revoked_at: null,
    });
    const view = { id, name, userId, username: user.username, createdAt: now, lastUsedAt: null, revokedAt: null };
    await audit(tx, actor, { action: 'create', entity: 'api-token', entityId: id, after: view });
    return { ...view, token };
  });
}

export async function revokeToken(db: Db, actor: Actor, schemeId: string, id: string) {
  await db.kysely.transaction().execute(async (tx) => {
    const token = await repo.tokenInScheme(tx, schemeId, id);
    if (!token) throw notFound(`API token ${id}`);
    if (token.revoked_at) return;
    const at = nowIso();
    await repo.revokeToken(tx, schemeId, id, at);
    await audit(tx, actor, { action: 'revoke', entity: 'api-token', entityId: id, after: { revokedAt: at } });
  });
  forgetPrincipals(db);
}
