import type { z } from '@hono/zod-openapi';
import type { Selectable } from 'kysely';
import type { Db, Executor } from '../platform/db/database.js';
import type { SchemeTable } from '../platform/db/schema.js';
import { audit, type Actor } from '../platform/audit/audit.js';
import { addStartingCategories } from './products/categories.js';
import { newShortId, nowIso } from '../platform/ids.js';
import { notFound } from '../platform/http/problem.js';
import { createUser } from '../platform/users/service.js';
import type { NewScheme, Scheme, SchemeSettings } from './schemas.js';

type SchemeView = z.infer<typeof Scheme>;

export const schemeView = (s: Selectable<SchemeTable>): SchemeView => ({
  id: s.id,
  name: s.name,
  country: s.country,
  currency: s.currency,
  currencyMinorUnits: s.currency_minor_units,
  languages: JSON.parse(s.languages),
  memberPrefix: s.member_prefix,
  createdAt: s.created_at,
  updatedAt: s.updated_at,
});

export async function getScheme(db: Executor, id: string): Promise<SchemeView> {
  const row = await db.selectFrom('scheme').selectAll().where('id', '=', id).executeTakeFirst();
  if (!row) throw notFound(`Scheme ${id}`);
  return schemeView(row);
}

/**
 * A new scheme's id: ten letters and digits (50 random bits) rather than a 36-character UUID.
 * Every row of a scheme carries its id, and so does every index entry: at a million members the
 * indexes keyed by something random (the phone, say) are two fifths smaller, and an
 * import rewrites that much less of them at each commit (docs/benchmarks.md). Schemes made
 * before keep their UUIDs. Random rather than counted, so that schemes of two installations
 * brought into one database do not share an id; checked, as a scheme is made once in a while.
 */
async function newSchemeId(tx: Executor): Promise<string> {
  for (;;) {
    const id = newShortId(10);
    if (!(await tx.selectFrom('scheme').select('id').where('id', '=', id).executeTakeFirst())) return id;
  }
}

export async function insertScheme(tx: Executor, actor: Actor, settings: z.infer<typeof SchemeSettings>) {
  const now = nowIso();
  const row = {
    id: await newSchemeId(tx),
    name: settings.name,
    country: settings.country,
    currency: settings.currency,
    currency_minor_units: settings.currencyMinorUnits,
    languages: JSON.stringify(settings.languages),
    member_prefix: settings.memberPrefix,
    created_at: now,
    updated_at: now,
  };
  await tx.insertInto('scheme').values(row).execute();
  await addStartingCategories(tx, row.id);
  const view = schemeView(row);
  await audit(
    tx,
    { ...actor, schemeId: row.id },
    { action: 'create', entity: 'scheme', entityId: row.id, after: view },
  );
  return view;
}

export async function updateScheme(
  db: Db,
  actor: Actor,
  id: string,
  change: Partial<z.infer<typeof SchemeSettings>>,
): Promise<SchemeView> {
  const after = await db.kysely.transaction().execute(async (tx) => {
    const before = await getScheme(tx, id);
    const after = { ...before, ...change, updatedAt: nowIso() };
    await tx
      .updateTable('scheme')
      .set({
        name: after.name,
        country: after.country,
        currency: after.currency,
        currency_minor_units: after.currencyMinorUnits,
        languages: JSON.stringify(after.languages),
        member_prefix: after.memberPrefix,
        updated_at: after.updatedAt,
      })
      .where('id', '=', id)
      .execute();
    await audit(tx, actor, { action: 'update', entity: 'scheme', entityId: id, before, after });
    return after;
  });
  db.memo.forget(`scheme:${id}:`);
  return after;
}

/** A new tenant and its first administrator, who sets up the rest. */
export async function createScheme(db: Db, actor: Actor, input: z.infer<typeof NewScheme>) {
  const { adminUsername, adminPassword, ...settings } = input;
  const scheme = await db.kysely.transaction().execute((tx) => insertScheme(tx, actor, settings));
  const admin = await createUser(db, { ...actor, schemeId: scheme.id }, scheme.id, {
    username: adminUsername,
    displayName: 'Administrator',
    password: adminPassword,
    roles: ['administrator'],
    areaIds: [],
    language: null,
    isMachine: false,
  });
  return { scheme, admin: admin.user, generatedPassword: admin.generatedPassword };
}

/** The digits of the scheme's currency after the point, kept a few seconds (see Memo): every claim's reasons print amounts. */
export const keptMinorUnits = (db: Db, schemeId: string) =>
  db.memo.get(`scheme:${schemeId}:minor-units`, async () => {
    const s = await db.kysely
      .selectFrom('scheme')
      .select('currency_minor_units')
      .where('id', '=', schemeId)
      .executeTakeFirstOrThrow();
    return s.currency_minor_units;
  });
