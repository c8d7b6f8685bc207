import type { z } from '@hono/zod-openapi';
import type { Db, Executor } from '../../platform/db/database.js';
import type { Scope } from '../../platform/http/context.js';
import { audit, type Actor } from '../../platform/audit/audit.js';
import { newId, nowIso } from '../../platform/ids.js';
import { today } from '../../platform/dates.js';
import { conflict, invalid, notFound } from '../../platform/http/problem.js';
import { decodeCursor, page } from '../../platform/http/openapi.js';
import { findFacility } from '../../registry/facilities/service.js';
import { findMember } from '../../registry/members/service.js';
import { reserveSequence } from '../../registry/members/repo.js';
import { areaPathOf, pathInScope } from '../../registry/areas/limits.js';
import { checkEligibility } from '../service.js';
import type { CheckIn, Visit, VisitQuery } from './schemas.js';

/** The visit number on the patient form: the facility's code, the day, and the day's count. */
export const visitNumber = (facilityCode: string, day: string, sequence: number) =>
  `${facilityCode}-${day.slice(2).replace(/-/g, '')}-${String(sequence).padStart(3, '0')}`;

function visits(db: Executor, scope: Scope) {
  return db
    .selectFrom('visit as v')
    .innerJoin('member as m', (j) => j.onRef('m.scheme_id', '=', 'v.scheme_id').onRef('m.id', '=', 'v.member_id'))
    .innerJoin('facility as f', (j) => j.onRef('f.scheme_id', '=', 'v.scheme_id').onRef('f.id', '=', 'v.facility_id'))
    .select([
      'v.id',
      'v.number',
      'v.member_id',
      'm.member_number',
      'm.name_latin',
      'm.name_local',
      'm.birth_date',
      'm.sex',
      'v.facility_id',
      'f.name as facility_name',
      'v.visited_on',
      'v.category',
      'v.covered_until',
      'v.card_id',
      'v.checked_in_at',
      'v.checked_in_by',
    ])
    .select(areaPathOf('f').as('facility_path'))
    .where('v.scheme_id', '=', scope.schemeId);
}

type Row = Awaited<ReturnType<ReturnType<typeof visits>['executeTakeFirstOrThrow']>>;

const view = (r: Row): z.infer<typeof Visit> => ({
  id: r.id,
  number: r.number,
  memberId: r.member_id,
  memberNumber: r.member_number,
  nameLatin: r.name_latin,
  nameLocal: r.name_local,
  birthDate: r.birth_date,
  sex: r.sex,
  facilityId: r.facility_id,
  facilityName: r.facility_name,
  visitedOn: r.visited_on,
  category: r.category,
  coveredUntil: r.covered_until,
  cardId: r.card_id,
  checkedInAt: r.checked_in_at,
  checkedInBy: r.checked_in_by,
});

/**
 * Checks a member in at a facility: the cover is checked again as the visit is recorded, and a
 * member not covered that day (or not for the care asked) is refused, so no claim can refer to a
 * visit the scheme never covered. The same member, facility, day and care checked in twice (a
 * double click, a second agent) answers the visit already recorded.
 */
export async function checkIn(
  db: Db,
  actor: Actor,
  scope: Scope,
  input: z.infer<typeof CheckIn>,
): Promise<{ visit: z.infer<typeof Visit>; repeated: boolean }> {
  const date = input.date ?? today();
  const facility = await findFacility(db.kysely, scope, input.facilityId).catch(() => {
    throw invalid('facilityId', 'is not a facility of the scheme within your areas');
  });
  const member = await findMember(db.kysely, scope, input.memberId).catch(() => {
    throw invalid('memberId', 'is not a member of the scheme within your areas');
  });
  const answer = await checkEligibility(
    db,
    scope,
    input.card
      ? { card: input.card, date, category: input.category }
      : { member: member.member_number, date, category: input.category },
  );
  const found = answer.matches.find((m) => m.memberId === member.id);
  if (!found) throw invalid('card', 'is the card of another member');
  if (!found.covered) throw conflict('memberId', `is not covered on ${date} (${found.state})`);
  const care = input.category ? found.categories.find((c) => c.category === input.category) : null;
  if (care && !care.covered) {
    throw conflict(
      'category',
      care.waitingUntil ? `is in its waiting period until ${care.waitingUntil}` : 'is not covered by the product',
    );
  }
  const result = await db.kysely.transaction().execute(async (tx) => {
    let same = tx
      .selectFrom('visit')
      .select('id')
      .where('scheme_id', '=', scope.schemeId)
      .where('member_id', '=', member.id)
      .where('facility_id', '=', facility.id)
      .where('visited_on', '=', date);
    same = input.category ? same.where('category', '=', input.category) : same.where('category', 'is', null);
    const earlier = await same.executeTakeFirst();
    if (earlier) return { id: earlier.id, repeated: true };
    const sequence = await reserveSequence(tx, scope.schemeId, `visit:${facility.id}:${date}`, 1);
    const row = {
      id: newId(),
      scheme_id: scope.schemeId,
      number: visitNumber(facility.code, date, sequence),
      member_id: member.id,
      facility_id: facility.id,
      visited_on: date,
      category: input.category ?? null,
      card_id: found.card?.id ?? null,
      covered_until: found.coveredUntil,
      checked_in_at: nowIso(),
      checked_in_by: actor.username ?? 'system',
    };
    await tx.insertInto('visit').values(row).execute();
    await audit(tx, actor, {
      action: 'check-in',
      entity: 'visit',
      entityId: row.id,
      after: { number: row.number, memberId: member.id, facilityId: facility.id, visitedOn: date },
    });
    return { id: row.id, repeated: false };
  });
  return { visit: await getVisit(db, scope, result.id), repeated: result.repeated };
}

export async function getVisit(db: Db, scope: Scope, id: string) {
  const row = await visits(db.kysely, scope).where('v.id', '=', id).executeTakeFirst();
  // A limited user sees the visits of the facilities in their areas.
  if (!row || !pathInScope(scope, row.facility_path)) throw notFound(`Visit ${id}`);
  return view(row);
}

export async function listVisits(db: Db, scope: Scope, q: z.infer<typeof VisitQuery>) {
  if (!q.facilityId && !q.memberId) throw invalid('facilityId', 'name a facility or a member');
  let query = visits(db.kysely, scope);
  if (q.facilityId) query = query.where('v.facility_id', '=', q.facilityId);
  if (q.memberId) query = query.where('v.member_id', '=', q.memberId);
  if (q.date) query = query.where('v.visited_on', '=', q.date);
  const after = decodeCursor(q.cursor, 1);
  if (after) query = query.where('v.number', '>', after[0] as string);
  const rows = (
    await query
      .orderBy('v.number')
      .limit(q.limit + 1)
      .execute()
  ).filter((r) => pathInScope(scope, r.facility_path));
  const result = page(rows, q.limit, (r) => [r.number]);
  return { items: result.items.map(view), nextCursor: result.nextCursor };
}
