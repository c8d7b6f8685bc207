import type { z } from '@hono/zod-openapi';
import type { Selectable } from 'kysely';
import type { Db, Executor } from '../../platform/db/database.js';
import type { CareCaseTable } from '../../platform/db/schema.js';
import type { Scope } from '../../platform/http/context.js';
import { audit, type Actor } from '../../platform/audit/audit.js';
import { nowIso } from '../../platform/ids.js';
import { conflict, invalid, invalidFields, notFound, type FieldError } from '../../platform/http/problem.js';
import { fieldErrorsOf } from '../../platform/http/errors.js';
import { readCsv } from '../../registry/imports/files.js';
import { toMinorUnits } from '../../registry/imports/rows.js';
import { NewCareCase, type CareCase, type CareCaseChange } from './schemas.js';

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

/**
 * The catalogue from a CSV file (`code`, `name`, `category`, `procedures` separated by `;`,
 * `average_cost` in major units): a new code adds a case, a known one changes it. Every row is
 * checked first; one bad row and nothing changes, each bad cell named by its line.
 */
export async function importCases(db: Db, actor: Actor, scope: Scope, text: string, minorUnits: number) {
  const rows = readCsv(text);
  if (!rows.length) throw invalid('file', 'has no rows under its header');
  for (const needed of ['code', 'name', 'category', 'average_cost']) {
    if (!(needed in rows[0]!.values)) throw invalid('file', `needs a ${needed} column`);
  }
  const known = new Set(
    (await db.kysely.selectFrom('care_category').select('code').where('scheme_id', '=', scope.schemeId).execute()).map(
      (c) => c.code,
    ),
  );
  const errors: FieldError[] = [];
  const seen = new Set<string>();
  const cases: z.infer<typeof NewCareCase>[] = [];
  for (const { line, values: v } of rows) {
    const cost = toMinorUnits(v.average_cost ?? '', minorUnits);
    const parsed = NewCareCase.safeParse({
      code: v.code,
      name: v.name,
      category: v.category,
      procedures: (v.procedures ?? '')
        .split(';')
        .map((p) => p.trim())
        .filter(Boolean),
      averageCost: typeof cost === 'number' ? cost : 0,
    });
    const fail = (field: string, reason: string) => errors.push({ field, reason: `line ${line}: ${reason}` });
    if (typeof cost === 'string') fail('average_cost', cost);
    if (!parsed.success) for (const e of fieldErrorsOf(parsed.error)) fail(e.field, e.reason);
    else if (!known.has(parsed.data.category))
      fail('category', `"${parsed.data.category}" is not a care category of the scheme`);
    else if (seen.has(parsed.data.code)) fail('code', `${parsed.data.code} is in the file twice`);
    else {
      seen.add(parsed.data.code);
      cases.push(parsed.data);
    }
  }
  if (errors.length) throw invalidFields(errors);
  return db.kysely.transaction().execute(async (tx) => {
    let created = 0;
    let updated = 0;
    const now = nowIso();
    for (const c of cases) {
      const before = await findCase(tx, scope.schemeId, c.code);
      const columns = {
        name: c.name,
        category: c.category,
        procedures_json: JSON.stringify(c.procedures),
        average_cost: c.averageCost,
        updated_at: now,
      };
      if (before) {
        await tx
          .updateTable('care_case')
          .set(columns)
          .where('scheme_id', '=', scope.schemeId)
          .where('code', '=', c.code)
          .execute();
        updated += 1;
      } else {
        await tx
          .insertInto('care_case')
          .values({ scheme_id: scope.schemeId, code: c.code, created_at: now, ...columns })
          .execute();
        created += 1;
      }
      await audit(tx, actor, {
        action: before ? 'update' : 'create',
        entity: 'care_case',
        entityId: c.code,
        before: before ?? undefined,
        after: c,
      });
    }
    return { created, updated };
  });
}
