import type { z } from '@hono/zod-openapi';
import type { Db, Executor } from '../../platform/db/database.js';
import type { Scope } from '../../platform/http/context.js';
import { audit, type Actor } from '../../platform/audit/audit.js';
import { nowIso } from '../../platform/ids.js';
import { conflict } from '../../platform/http/problem.js';
import type { NewCareCategory } from './schemas.js';

/** The catalogue a new scheme starts with; a scheme adds its own. Migration 0005 gave older schemes the same. */
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

export async function addStartingCategories(tx: Executor, schemeId: string) {
  const now = nowIso();
  await tx
    .insertInto('care_category')
    .values(
      STARTING_CATEGORIES.map(([code, name, setting]) => ({
        scheme_id: schemeId,
        code,
        name,
        setting,
        created_at: now,
        updated_at: now,
      })),
    )
    .execute();
}

export async function listCategories(db: Db, scope: Scope) {
  const rows = await db.kysely
    .selectFrom('care_category')
    .select(['code', 'name', 'setting'])
    .where('scheme_id', '=', scope.schemeId)
    .orderBy('code')
    .execute();
  return { items: rows };
}

/** The scheme's category codes as kept a few seconds (see Memo): a desk check may name one. */
export const keptCategoryCodes = async (db: Db, schemeId: string) =>
  new Set((await keptCategorySettings(db, schemeId)).keys());

/** Each category's setting (outpatient, inpatient, other) by code, kept a few seconds: ceilings are by setting too. */
export const keptCategorySettings = (db: Db, schemeId: string) =>
  db.memo.get(`category:${schemeId}`, async () => {
    const rows = await db.kysely
      .selectFrom('care_category')
      .select(['code', 'setting'])
      .where('scheme_id', '=', schemeId)
      .execute();
    return new Map(rows.map((r) => [r.code, r.setting as string]));
  });

export async function createCategory(db: Db, actor: Actor, scope: Scope, input: z.infer<typeof NewCareCategory>) {
  const created = await db.kysely.transaction().execute(async (tx) => {
    const taken = await tx
      .selectFrom('care_category')
      .select('code')
      .where('scheme_id', '=', scope.schemeId)
      .where('code', '=', input.code)
      .executeTakeFirst();
    if (taken) throw conflict('code', 'is already the code of another care category');
    const now = nowIso();
    await tx
      .insertInto('care_category')
      .values({ scheme_id: scope.schemeId, ...input, created_at: now, updated_at: now })
      .execute();
    await audit(tx, actor, { action: 'create', entity: 'care_category', entityId: input.code, after: input });
    return input;
  });
  db.memo.forget(`category:${scope.schemeId}`);
  return created;
}
