import type { z } from '@hono/zod-openapi';
import type { Db, Executor } from '../../platform/db/database.js';
import type { Scope } from '../../platform/http/context.js';
import { audit, type Actor } from '../../platform/audit/audit.js';
import { newId, nowIso } from '../../platform/ids.js';
import { addDays } from '../../platform/dates.js';
import { conflict, invalid, notFound } from '../../platform/http/problem.js';
import { decodeCursor, page } from '../../platform/http/openapi.js';
import { findFacility } from '../../registry/facilities/service.js';
import { areaPathOf, pathInScope } from '../../registry/areas/limits.js';
import type { CategoryPaymentTerms, Contract, ContractQuery, NewContract } from './schemas.js';

type ContractView = z.infer<typeof Contract>;

function contracts(db: Executor, schemeId: string) {
  return db
    .selectFrom('contract as k')
    .innerJoin('facility as f', (j) => j.onRef('f.scheme_id', '=', 'k.scheme_id').onRef('f.id', '=', 'k.facility_id'))
    .select([
      'k.id',
      'k.facility_id',
      'f.name as facility_name',
      'k.starts_on',
      'k.ends_on',
      'k.terms_json',
      'k.created_at',
      'k.created_by',
    ])
    .select(areaPathOf('f').as('facility_path'))
    .where('k.scheme_id', '=', schemeId);
}

type Row = Awaited<ReturnType<ReturnType<typeof contracts>['executeTakeFirstOrThrow']>>;

const view = (r: Row): ContractView => ({
  id: r.id,
  facilityId: r.facility_id,
  facilityName: r.facility_name,
  startsOn: r.starts_on,
  endsOn: r.ends_on,
  categories: JSON.parse(r.terms_json),
  createdAt: r.created_at,
  createdBy: r.created_by,
});

export async function listContracts(db: Db, scope: Scope, q: z.infer<typeof ContractQuery>) {
  let query = contracts(db.kysely, scope.schemeId);
  if (q.facilityId) query = query.where('k.facility_id', '=', q.facilityId);
  if (q.date) {
    const day = q.date;
    query = query
      .where('k.starts_on', '<=', day)
      .where((eb) => eb.or([eb('k.ends_on', 'is', null), eb('k.ends_on', '>=', day)]));
  }
  const after = decodeCursor(q.cursor, 1);
  if (after) query = query.where('k.id', '>', after[0] as string);
  const rows = (
    await query
      .orderBy('k.id')
      .limit(q.limit + 1)
      .execute()
  ).filter((r) => pathInScope(scope, r.facility_path));
  const result = page(rows, q.limit, (r) => [r.id]);
  return { items: result.items.map(view), nextCursor: result.nextCursor };
}

export async function getContract(db: Executor, scope: Scope, id: string): Promise<ContractView> {
  const row = await contracts(db, scope.schemeId).where('k.id', '=', id).executeTakeFirst();
  if (!row || !pathInScope(scope, row.facility_path)) throw notFound(`Contract ${id}`);
  return view(row);
}

/**
 * The contracts of some facilities, each facility's newest first, for the contract in force on a
 * day to be picked from (a claim is paid by the contract in force on the day of care).
 */
export async function contractsOf(db: Executor, schemeId: string, facilityIds: string[]) {
  const byFacility = new Map<
    string,
    { startsOn: string; endsOn: string | null; categories: CategoryPaymentTerms[] }[]
  >();
  for (let i = 0; i < facilityIds.length; i += 500) {
    const rows = await db
      .selectFrom('contract')
      .select(['facility_id', 'starts_on', 'ends_on', 'terms_json'])
      .where('scheme_id', '=', schemeId)
      .where('facility_id', 'in', facilityIds.slice(i, i + 500))
      .orderBy('starts_on', 'desc')
      .execute();
    for (const r of rows) {
      const list = byFacility.get(r.facility_id) ?? [];
      list.push({ startsOn: r.starts_on, endsOn: r.ends_on, categories: JSON.parse(r.terms_json) });
      byFacility.set(r.facility_id, list);
    }
  }
  return {
    inForce: (facilityId: string, day: string) =>
      byFacility.get(facilityId)?.find((k) => k.startsOn <= day && (k.endsOn === null || k.endsOn >= day)) ?? null,
  };
}

/** Every category named must be in the catalogue; every price list, the scheme's. */
async function checkTerms(db: Executor, schemeId: string, terms: CategoryPaymentTerms[]) {
  const named = terms.map((t) => t.category);
  const known = new Set(
    (
      await db
        .selectFrom('care_category')
        .select('code')
        .where('scheme_id', '=', schemeId)
        .where('code', 'in', named)
        .execute()
    ).map((c) => c.code),
  );
  const unknown = named.filter((c) => !known.has(c));
  if (unknown.length)
    throw invalid('categories', `names care categories the scheme does not have: ${unknown.join(', ')}`);
  const lists = [...new Set(terms.flatMap((t) => ('priceListId' in t && t.priceListId ? [t.priceListId] : [])))];
  if (lists.length) {
    const found = new Set(
      (
        await db
          .selectFrom('price_list')
          .select('id')
          .where('scheme_id', '=', schemeId)
          .where('id', 'in', lists)
          .execute()
      ).map((l) => l.id),
    );
    const missing = lists.filter((l) => !found.has(l));
    if (missing.length)
      throw invalid('categories', `names price lists the scheme does not have: ${missing.join(', ')}`);
  }
}

/**
 * A contract from a day on. An open-ended contract of the facility that started before is ended
 * the day before (a new contract is how terms change: claims before it stay paid by the old
 * one); one that would overlap any other period is refused.
 */
export async function createContract(db: Db, actor: Actor, scope: Scope, input: z.infer<typeof NewContract>) {
  const id = await db.kysely.transaction().execute(async (tx) => {
    const facility = await findFacility(tx, scope, input.facilityId).catch(() => {
      throw invalid('facilityId', 'is not a facility of the scheme within your areas');
    });
    await checkTerms(tx, scope.schemeId, input.categories);
    const others = await tx
      .selectFrom('contract')
      .select(['id', 'starts_on', 'ends_on'])
      .where('scheme_id', '=', scope.schemeId)
      .where('facility_id', '=', facility.id)
      .execute();
    const ends = input.endsOn ?? '9999-12-31';
    for (const other of others) {
      if (other.ends_on === null && other.starts_on < input.startsOn) {
        const endsOn = addDays(input.startsOn, -1);
        await tx
          .updateTable('contract')
          .set({ ends_on: endsOn })
          .where('scheme_id', '=', scope.schemeId)
          .where('id', '=', other.id)
          .execute();
        await audit(tx, actor, {
          action: 'end',
          entity: 'contract',
          entityId: other.id,
          before: { endsOn: null },
          after: { endsOn },
        });
        continue;
      }
      const otherEnds = other.ends_on ?? '9999-12-31';
      if (other.starts_on <= ends && input.startsOn <= otherEnds) {
        throw conflict(
          'startsOn',
          `overlaps the facility's contract from ${other.starts_on} to ${other.ends_on ?? 'open end'}`,
        );
      }
    }
    const row = {
      id: newId(),
      scheme_id: scope.schemeId,
      facility_id: facility.id,
      starts_on: input.startsOn,
      ends_on: input.endsOn ?? null,
      terms_json: JSON.stringify(input.categories),
      created_at: nowIso(),
      created_by: actor.username,
    };
    await tx.insertInto('contract').values(row).execute();
    await audit(tx, actor, { action: 'create', entity: 'contract', entityId: row.id, after: input });
    return row.id;
  });
  return getContract(db.kysely, scope, id);
}

/** Ends a contract on a day (terms never change: a new contract is made from the next day). */
export async function endContract(db: Db, actor: Actor, scope: Scope, id: string, endsOn: string) {
  await db.kysely.transaction().execute(async (tx) => {
    const before = await getContract(tx, scope, id);
    if (endsOn < before.startsOn) throw invalid('endsOn', `is before the contract starts (${before.startsOn})`);
    if (before.endsOn !== null && endsOn > before.endsOn) {
      // Lengthening could run into the next contract; a new contract is the way to go on.
      throw invalid('endsOn', `is after the contract's end (${before.endsOn}); make a new contract instead`);
    }
    await tx
      .updateTable('contract')
      .set({ ends_on: endsOn })
      .where('scheme_id', '=', scope.schemeId)
      .where('id', '=', id)
      .execute();
    await audit(tx, actor, { action: 'end', entity: 'contract', entityId: id, before, after: { ...before, endsOn } });
  });
  return getContract(db.kysely, scope, id);
}
