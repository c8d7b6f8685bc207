import type { z } from '@hono/zod-openapi';
import type { Selectable } from 'kysely';
import type { Db, Executor } from '../../platform/db/database.js';
import type { EmployerTable } from '../../platform/db/schema.js';
import type { Scope } from '../../platform/http/context.js';
import { audit, type Actor } from '../../platform/audit/audit.js';
import { newId, nowIso } from '../../platform/ids.js';
import { invalid, notFound } from '../../platform/http/problem.js';
import { pageByName, refuseTakenCode } from '../../platform/db/records.js';
import { checkAreaForWrite, withinScope } from '../areas/limits.js';
import type { Employer, EmployerChange, EmployerQuery, NewEmployer } from './schemas.js';

type EmployerView = z.infer<typeof Employer>;

const view = (e: Selectable<EmployerTable>): EmployerView => ({
  id: e.id,
  code: e.code,
  name: e.name,
  registrationNumber: e.registration_number,
  sector: e.sector,
  address: e.address,
  areaId: e.area_id,
  latitude: e.latitude,
  longitude: e.longitude,
  contactName: e.contact_name,
  contactPhone: e.contact_phone,
  enrolmentMode: e.enrolment_mode,
  productId: e.product_id,
});

const columns = (e: Omit<z.infer<typeof NewEmployer>, 'code'>) => ({
  name: e.name,
  registration_number: e.registrationNumber ?? null,
  sector: e.sector ?? null,
  address: e.address ?? null,
  area_id: e.areaId ?? null,
  latitude: e.latitude ?? null,
  longitude: e.longitude ?? null,
  contact_name: e.contactName ?? null,
  contact_phone: e.contactPhone ?? null,
  enrolment_mode: e.enrolmentMode ?? 'voluntary',
  product_id: e.productId ?? null,
});

/** An employer's product must be one of the scheme's. */
async function checkProduct(db: Executor, scope: Scope, productId: string | null | undefined) {
  if (!productId) return;
  const product = await db
    .selectFrom('product')
    .select('id')
    .where('scheme_id', '=', scope.schemeId)
    .where('id', '=', productId)
    .executeTakeFirst();
  if (!product) throw invalid('productId', 'is not a product of the scheme');
}

export async function listEmployers(db: Db, scope: Scope, q: z.infer<typeof EmployerQuery>) {
  let query = db.kysely.selectFrom('employer').selectAll().where('scheme_id', '=', scope.schemeId);
  if (scope.areaPaths.length) query = query.where(withinScope(scope, 'employer'));
  if (q.areaId) query = query.where('area_id', '=', q.areaId);
  const result = await pageByName(query, q);
  return { items: result.items.map(view), nextCursor: result.nextCursor };
}

/** An employer the caller may see, or not found: another tenant's or area's records do not exist for them. */
export async function findEmployer(db: Executor, scope: Scope, id: string) {
  let query = db.selectFrom('employer').selectAll().where('scheme_id', '=', scope.schemeId).where('id', '=', id);
  if (scope.areaPaths.length) query = query.where(withinScope(scope, 'employer'));
  return query.executeTakeFirst();
}

export async function getEmployer(db: Db, scope: Scope, id: string) {
  const row = await findEmployer(db.kysely, scope, id);
  if (!row) throw notFound(`Employer ${id}`);
  const { count } = await db.kysely
    .selectFrom('member')
    .select((eb) => eb.fn.countAll<number>().as('count'))
    .where('scheme_id', '=', scope.schemeId)
    .where('employer_id', '=', id)
    .executeTakeFirstOrThrow();
  return { ...view(row), memberCount: Number(count) };
}

export async function createEmployer(db: Db, actor: Actor, scope: Scope, input: z.infer<typeof NewEmployer>) {
  return db.kysely.transaction().execute(async (tx) => {
    await checkAreaForWrite(tx, scope, 'areaId', input.areaId);
    await checkProduct(tx, scope, input.productId);
    await refuseTakenCode(tx, 'employer', scope.schemeId, input.code, 'employer');
    const now = nowIso();
    const row = {
      id: newId(),
      scheme_id: scope.schemeId,
      code: input.code,
      ...columns(input),
      created_at: now,
      updated_at: now,
    };
    await tx
      .insertInto('employer')
      .values(row as Selectable<EmployerTable>)
      .execute();
    const created = view(row as Selectable<EmployerTable>);
    await audit(tx, actor, { action: 'create', entity: 'employer', entityId: row.id, after: created });
    return created;
  });
}

export async function updateEmployer(
  db: Db,
  actor: Actor,
  scope: Scope,
  id: string,
  change: z.infer<typeof EmployerChange>,
) {
  return db.kysely.transaction().execute(async (tx) => {
    const row = await findEmployer(tx, scope, id);
    if (!row) throw notFound(`Employer ${id}`);
    if (change.areaId !== undefined) await checkAreaForWrite(tx, scope, 'areaId', change.areaId);
    await checkProduct(tx, scope, change.productId);
    const before = view(row);
    const after = { ...before, ...change };
    await tx
      .updateTable('employer')
      .set({ ...columns(after), updated_at: nowIso() })
      .where('scheme_id', '=', scope.schemeId)
      .where('id', '=', id)
      .execute();
    await audit(tx, actor, { action: 'update', entity: 'employer', entityId: id, before, after });
    return after;
  });
}
