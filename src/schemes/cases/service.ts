import type { z } from '@hono/zod-openapi';
import type { Selectable } from 'kysely';
import type { Db, Executor } from '../../platform/db/database.js';
import type { CareCaseTable } from '../../platform/db/schema.js';
import type { Scope } from '../../platform/http/context.js';
import { audit, type Actor } from '../../platform/audit/audit.js';
import { nowIso } from '../../platform/ids.js';
import { conflict, invalid, notFound } from '../../platform/http/problem.js';
import type { CareCase, CareCaseChange, NewCareCase } from './schemas.js';

/**
 * The case catalogue (seed 001: about 52 cases, each a standard set of procedures with an agreed
 * average cost): a case-based contract pays a claim the case's average cost times the facility's
 * quality coefficient, whatever the facility spent.
 */
type CaseView = z.infer<typeof CareCase>;

const view = (r: Selectable<CareCaseTable>): CaseView => ({
  code: r.code,
  name: r.name,
  category: r.category,
  procedures: JSON.parse(r.procedures_json),
  averageCost: Number(r.average_cost),
});

export async function listCases(db: Db, scope: Scope, category?: string) {
  let query = db.kysely.selectFrom('care_case').selectAll().where('scheme_id', '=', scope.schemeId);
  if (category) query = query.where('category', '=', category);
  return { items: (await query.orderBy('code').execute()).map(view) };
}

export async function findCase(db: Executor, schemeId: string, code: string) {
  const row = await db
    .selectFrom('care_case')
    .selectAll()
    .where('scheme_id', '=', schemeId)
    .where('code', '=', code)
    .executeTakeFirst();
  return row ? view(row) : null;
}

async function checkCategory(db: Executor, schemeId: string, category: string) {
  const known = await db
    .selectFrom('care_category')
    .select('code')
    .where('scheme_id', '=', schemeId)
    .where('code', '=', category)
    .executeTakeFirst();
  if (!known) throw invalid('category', 'is not a care category of the scheme');
}

export async function createCase(db: Db, actor: Actor, scope: Scope, input: z.infer<typeof NewCareCase>) {
  return db.kysely.transaction().execute(async (tx) => {
    await checkCategory(tx, scope.schemeId, input.category);
    if (await findCase(tx, scope.schemeId, input.code)) throw conflict('code', 'is already the code of another case');
    const now = nowIso();
    const row = {
      scheme_id: scope.schemeId,
      code: input.code,
      name: input.name,
      category: input.category,
      procedures_json: JSON.stringify(input.procedures),
      average_cost: input.averageCost,
      created_at: now,
      updated_at: now,
    };
    await tx.insertInto('care_case').values(row).execute();
    await audit(tx, actor, { action: 'create', entity: 'care_case', entityId: input.code, after: view(row) });
    return view(row);
  });
}

/** A new average cost applies to claims adjudicated from then on; claims already decided keep theirs. */
export async function updateCase(
  db: Db,
  actor: Actor,
  scope: Scope,
  code: string,
  change: z.infer<typeof CareCaseChange>,
) {
  return db.kysely.transaction().execute(async (tx) => {
    const before = await findCase(tx, scope.schemeId, code);
    if (!before) throw notFound(`Case ${code}`);
    if (change.category !== undefined) await checkCategory(tx, scope.schemeId, change.category);
    const after = { ...before, ...change };
    await tx
      .updateTable('care_case')
      .set({
        name: after.name,
        category: after.category,
        procedures_json: JSON.stringify(after.procedures),
        average_cost: after.averageCost,
        updated_at: nowIso(),
      })
      .where('scheme_id', '=', scope.schemeId)
      .where('code', '=', code)
      .execute();
    await audit(tx, actor, { action: 'update', entity: 'care_case', entityId: code, before, after });
    return after;
  });
}
