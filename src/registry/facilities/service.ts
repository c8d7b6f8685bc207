import type { z } from '@hono/zod-openapi';
import type { Selectable } from 'kysely';
import type { Db, Executor } from '../../platform/db/database.js';
import type { FacilityTable } from '../../platform/db/schema.js';
import type { Scope } from '../../platform/http/context.js';
import { audit, type Actor } from '../../platform/audit/audit.js';
import { newId, nowIso } from '../../platform/ids.js';
import { notFound } from '../../platform/http/problem.js';
import { pageByName, refuseTakenCode } from '../../platform/db/records.js';
import { checkAreaForWrite, withinScope } from '../areas/limits.js';
import type { Facility, FacilityChange, FacilityQuery, NewFacility } from './schemas.js';

type FacilityView = z.infer<typeof Facility>;

const view = (f: Selectable<FacilityTable>): FacilityView => ({
  id: f.id,
  code: f.code,
  name: f.name,
  nameLocal: f.name_local,
  type: f.type,
  ownership: f.ownership,
  areaId: f.area_id,
  latitude: f.latitude,
  longitude: f.longitude,
  phoneNumbers: JSON.parse(f.phone_numbers),
  contractStart: f.contract_start,
});

const columns = (f: Omit<z.infer<typeof NewFacility>, 'code'>) => ({
  name: f.name,
  name_local: f.nameLocal ?? null,
  type: f.type,
  ownership: f.ownership,
  area_id: f.areaId ?? null,
  latitude: f.latitude ?? null,
  longitude: f.longitude ?? null,
  phone_numbers: JSON.stringify(f.phoneNumbers ?? []),
  contract_start: f.contractStart ?? null,
});

export async function listFacilities(db: Db, scope: Scope, q: z.infer<typeof FacilityQuery>) {
  let query = db.kysely.selectFrom('facility').selectAll().where('scheme_id', '=', scope.schemeId);
  if (scope.areaPaths.length) query = query.where(withinScope(scope, 'facility'));
  if (q.type) query = query.where('type', '=', q.type);
  const result = await pageByName(query, q);
  return { items: result.items.map(view), nextCursor: result.nextCursor };
}

export async function findFacility(db: Executor, scope: Scope, id: string) {
  let query = db.selectFrom('facility').selectAll().where('scheme_id', '=', scope.schemeId).where('id', '=', id);
  if (scope.areaPaths.length) query = query.where(withinScope(scope, 'facility'));
  const row = await query.executeTakeFirst();
  if (!row) throw notFound(`Facility ${id}`);
  return row;
}

export const getFacility = async (db: Db, scope: Scope, id: string) => view(await findFacility(db.kysely, scope, id));

/** After a facility is added or changed: the phones kept for SMS checks are read again. */
const forgetPhones = (db: Db, schemeId: string) => db.memo.forget(`facility-phones:${schemeId}`);

/**
 * The facility each registered phone belongs to, by the phone's last eight digits (so +855 12…
 * and 012… agree), kept a few seconds (see Memo): every SMS and USSD check asks it.
 */
export const keptFacilityPhones = (db: Db, schemeId: string) =>
  db.memo.get(`facility-phones:${schemeId}`, async () => {
    const rows = await db.kysely
      .selectFrom('facility')
      .select(['id', 'phone_numbers'])
      .where('scheme_id', '=', schemeId)
      .execute();
    const phones = new Map<string, string>();
    for (const f of rows) {
      for (const p of JSON.parse(f.phone_numbers) as string[]) phones.set(phoneKey(p), f.id);
    }
    return phones;
  });

/** A phone number as SMS checks match it: its last eight digits. */
export const phoneKey = (phone: string) => phone.replace(/\D/g, '').slice(-8);

export async function createFacility(db: Db, actor: Actor, scope: Scope, input: z.infer<typeof NewFacility>) {
  const created = await db.kysely.transaction().execute(async (tx) => {
    await checkAreaForWrite(tx, scope, 'areaId', input.areaId);
    await refuseTakenCode(tx, 'facility', scope.schemeId, input.code, 'facility');
    const now = nowIso();
    const row = {
      id: newId(),
      scheme_id: scope.schemeId,
      code: input.code,
      ...columns(input),
      created_at: now,
      updated_at: now,
    };
    await tx.insertInto('facility').values(row).execute();
    await audit(tx, actor, { action: 'create', entity: 'facility', entityId: row.id, after: view(row) });
    return view(row);
  });
  forgetPhones(db, scope.schemeId);
  return created;
}

export async function updateFacility(
  db: Db,
  actor: Actor,
  scope: Scope,
  id: string,
  change: z.infer<typeof FacilityChange>,
) {
  const updated = await db.kysely.transaction().execute(async (tx) => {
    const before = view(await findFacility(tx, scope, id));
    if (change.areaId !== undefined) await checkAreaForWrite(tx, scope, 'areaId', change.areaId);
    const after = { ...before, ...change };
    await tx
      .updateTable('facility')
      .set({ ...columns(after), updated_at: nowIso() })
      .where('scheme_id', '=', scope.schemeId)
      .where('id', '=', id)
      .execute();
    await audit(tx, actor, { action: 'update', entity: 'facility', entityId: id, before, after });
    return after;
  });
  forgetPhones(db, scope.schemeId);
  return updated;
}
