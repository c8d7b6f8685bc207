import type { z } from '@hono/zod-openapi';
import type { Db } from '../../platform/db/database.js';
import type { Principal } from '../../platform/auth/principal.js';
import { audit, type Actor } from '../../platform/audit/audit.js';
import { newId, nowIso } from '../../platform/ids.js';
import { conflict, forbidden, invalid } from '../../platform/http/problem.js';
import { hashPassword, generatePassword, passwordWeakness } from '../../platform/auth/passwords.js';
import { usernameTaken, insertUser } from '../../platform/users/repo.js';
import { BUILT_IN, ONE } from '../indicators/definitions.js';
import { indicatorValues } from '../indicators/values.js';
import { federationIndicators } from '../indicators/catalogue.js';
import { checkFormulas } from '../indicators/service.js';
import type { NewIndicator, ValuesQuery } from '../indicators/schemas.js';
import { summed } from './exchange.js';
import type { NewFederation } from './schemas.js';

/**
 * A federation (a union of mutuals, a national fund's head office, a supporting organisation)
 * with the schemes whose figures it reads, and its first user. The platform operator makes it,
 * as they make schemes.
 */
export async function createFederation(db: Db, actor: Actor, input: z.infer<typeof NewFederation>) {
  if (input.user.password !== undefined) {
    const weakness = passwordWeakness(input.user.password);
    if (weakness) throw invalid('user.password', weakness);
  }
  const password = input.user.password ?? generatePassword();
  const passwordHash = await hashPassword(password);
  return db.kysely.transaction().execute(async (tx) => {
    const schemes = await tx.selectFrom('scheme').select(['id', 'name']).where('id', 'in', input.schemeIds).execute();
    const missing = input.schemeIds.filter((id) => !schemes.some((s) => s.id === id));
    if (missing.length) throw invalid('schemeIds', `${missing.join(', ')} is not a scheme`);
    if (await usernameTaken(tx, input.user.username)) throw conflict('user.username', 'is already taken');
    const at = nowIso();
    const federation = { id: newId(), name: input.name, created_at: at };
    await tx.insertInto('federation').values(federation).execute();
    await tx
      .insertInto('federation_scheme')
      .values(input.schemeIds.map((scheme_id) => ({ federation_id: federation.id, scheme_id })))
      .execute();
    const user = {
      id: newId(),
      scheme_id: null,
      federation_id: federation.id,
      username: input.user.username,
      display_name: input.user.displayName,
      password_hash: passwordHash,
      roles: JSON.stringify(['federation_manager']),
      area_ids: '[]',
      language: null,
      active: 1,
      failed_logins: 0,
      locked_until: null,
      is_machine: 0,
      created_at: at,
      updated_at: at,
    };
    await insertUser(tx, user);
    await audit(tx, actor, {
      action: 'create',
      entity: 'federation',
      entityId: federation.id,
      after: { ...federation, schemeIds: input.schemeIds, username: user.username },
    });
    return {
      id: federation.id,
      name: federation.name,
      schemes: schemes.map((s) => ({ id: s.id, name: s.name })),
      username: user.username,
      generatedPassword: input.user.password === undefined ? password : null,
    };
  });
}

/** The federation of a federation's user, with its schemes; anyone else is refused. */
export async function federationOf(db: Db, p: Principal) {
  if (!p.federationId) throw forbidden('This is for the users of a federation');
  const federation = await db.kysely
    .selectFrom('federation')
    .selectAll()
    .where('id', '=', p.federationId)
    .executeTakeFirstOrThrow();
  const schemes = await db.kysely
    .selectFrom('federation_scheme as f')
    .innerJoin('scheme as s', 's.id', 'f.scheme_id')
    .select(['s.id', 's.name', 's.currency'])
    .where('f.federation_id', '=', federation.id)
    .orderBy('s.name')
    .execute();
  return { id: federation.id, name: federation.name, schemes };
}

/**
 * The built-in indicators of every scheme of the federation side by side, and summed. Only
 * figures leave the schemes: no member, claim or person is read.
 */
export async function federationValues(db: Db, p: Principal, q: z.infer<typeof ValuesQuery>) {
  const federation = await federationOf(db, p);
  const own = await federationIndicators(db, federation.id);
  const catalogue = [...BUILT_IN, ...own];
  const codes = q.codes
    ? q.codes
        .split(',')
        .map((c) => c.trim())
        .filter(Boolean)
    : catalogue.map((d) => d.code);
  for (const code of codes) {
    if (!catalogue.some((d) => d.code === code)) {
      throw invalid('codes', `${code} is neither an indicator every scheme has nor one of the federation's own`);
    }
  }
  const perScheme = await Promise.all(
    federation.schemes.map(async (s) => ({
      scheme: s,
      values: await indicatorValues(
        db,
        { schemeId: s.id, areaPaths: [] },
        { ...q, codes: codes.join(','), breakdown: 'scheme' },
        own,
      ),
    })),
  );
  const currencies = new Set(federation.schemes.map((s) => s.currency));
  return {
    federation: { id: federation.id, name: federation.name },
    period: q.period,
    from: q.from,
    to: q.to,
    periods: perScheme[0]?.values.periods ?? [],
    indicators: codes.map((code) => {
      const def = catalogue.find((d) => d.code === code)!;
      const schemes = perScheme.map(({ scheme, values }) => ({
        schemeId: scheme.id,
        name: scheme.name,
        values: values.indicators.find((i) => i.code === code)!.values.map(({ name: _name, ...v }) => v),
      }));
      // Amounts in different currencies are not added up.
      const addable = def.unit !== 'amount' || currencies.size === 1;
      return {
        code,
        name: def.name,
        description: def.description,
        unit: def.unit,
        schemes,
        total: addable ? summed(schemes, def.scale, def.denominator === ONE && !def.change) : null,
      };
    }),
  };
}

/** The indicators a federation can ask of its schemes: those every scheme has, and its own. */
export async function federationCatalogue(db: Db, p: Principal) {
  const federation = await federationOf(db, p);
  const own = await federationIndicators(db, federation.id);
  return { items: [...BUILT_IN, ...own].map(({ change: _change, ...d }) => d) };
}

/**
 * The federation's own indicators, the whole list replaced at once (a supporting organisation
 * keeps its list of eleven as one thing): each a formula over the figures every scheme keeps.
 */
export async function setFederationIndicators(
  db: Db,
  actor: Actor,
  p: Principal,
  items: z.infer<typeof NewIndicator>[],
) {
  const federation = await federationOf(db, p);
  const seen = new Set<string>();
  items.forEach((item, i) => {
    checkFormulas(item, `items.${i}.`);
    if (BUILT_IN.some((d) => d.code === item.code))
      throw conflict(`items.${i}.code`, `${item.code} is a built-in indicator`);
    if (seen.has(item.code)) throw invalid(`items.${i}.code`, `${item.code} is given twice`);
    seen.add(item.code);
  });
  return db.kysely.transaction().execute(async (tx) => {
    const before = await tx.selectFrom('indicator').selectAll().where('federation_id', '=', federation.id).execute();
    await tx.deleteFrom('indicator').where('federation_id', '=', federation.id).where('scheme_id', '=', '').execute();
    const at = nowIso();
    const rows = items.map((item) => ({
      id: newId(),
      scheme_id: '',
      federation_id: federation.id,
      ...item,
      created_at: at,
    }));
    if (rows.length) await tx.insertInto('indicator').values(rows).execute();
    await audit(tx, actor, {
      action: 'replace',
      entity: 'federation_indicators',
      entityId: federation.id,
      before: before.map(({ id: _id, created_at: _at, ...r }) => r),
      after: items,
    });
    return { items: items.map((i) => ({ ...i, builtIn: false })) };
  });
}
