import type { z } from '@hono/zod-openapi';
import type { Selectable } from 'kysely';
import type { Db, Executor } from '../../platform/db/database.js';
import type { QualityAssessmentTable } from '../../platform/db/schema.js';
import type { Scope } from '../../platform/http/context.js';
import { audit, type Actor } from '../../platform/audit/audit.js';
import { newId, nowIso } from '../../platform/ids.js';
import { conflict } from '../../platform/http/problem.js';
import { findFacility } from '../../registry/facilities/service.js';
import { keptPolicy, type Policy } from '../policy.js';
import { coefficientFor } from './quality.js';
import type { Assessment, NewAssessment } from './schemas.js';

type Row = Selectable<QualityAssessmentTable>;

const view = (r: Row, ownership: 'public' | 'private', policy: Policy): z.infer<typeof Assessment> => ({
  id: r.id,
  facilityId: r.facility_id,
  assessedOn: r.assessed_on,
  score: r.score,
  coefficientBp: coefficientFor(policy.quality, ownership, r.score),
  note: r.note,
  createdBy: r.created_by,
});

/** The scores of some facilities, for a facility's score on a day to be picked: its latest assessment on or before it. */
export async function scoresOf(db: Executor, schemeId: string, facilityIds: string[]) {
  const byFacility = new Map<string, { day: string; score: number }[]>();
  for (let i = 0; i < facilityIds.length; i += 500) {
    const rows = await db
      .selectFrom('quality_assessment')
      .select(['facility_id', 'assessed_on', 'score'])
      .where('scheme_id', '=', schemeId)
      .where('facility_id', 'in', facilityIds.slice(i, i + 500))
      .orderBy('assessed_on', 'desc')
      .execute();
    for (const r of rows)
      byFacility.set(r.facility_id, [...(byFacility.get(r.facility_id) ?? []), { day: r.assessed_on, score: r.score }]);
  }
  return {
    on: (facilityId: string, day: string) => byFacility.get(facilityId)?.find((a) => a.day <= day)?.score ?? null,
  };
}

export async function listAssessments(db: Db, scope: Scope, facilityId: string) {
  const facility = await findFacility(db.kysely, scope, facilityId);
  const policy = await keptPolicy(db, scope.schemeId);
  const rows = await db.kysely
    .selectFrom('quality_assessment')
    .selectAll()
    .where('scheme_id', '=', scope.schemeId)
    .where('facility_id', '=', facility.id)
    .orderBy('assessed_on', 'desc')
    .execute();
  return {
    items: rows.map((r) => view(r, facility.ownership, policy)),
  };
}

export async function addAssessment(
  db: Db,
  actor: Actor,
  scope: Scope,
  facilityId: string,
  input: z.infer<typeof NewAssessment>,
) {
  const policy = await keptPolicy(db, scope.schemeId);
  return db.kysely.transaction().execute(async (tx) => {
    const facility = await findFacility(tx, scope, facilityId);
    const same = await tx
      .selectFrom('quality_assessment')
      .select('id')
      .where('scheme_id', '=', scope.schemeId)
      .where('facility_id', '=', facility.id)
      .where('assessed_on', '=', input.assessedOn)
      .executeTakeFirst();
    if (same) throw conflict('assessedOn', 'already has an assessment of this facility');
    const row = {
      id: newId(),
      scheme_id: scope.schemeId,
      facility_id: facility.id,
      assessed_on: input.assessedOn,
      score: input.score,
      note: input.note ?? null,
      created_at: nowIso(),
      created_by: actor.username,
    };
    await tx.insertInto('quality_assessment').values(row).execute();
    const after = view(row, facility.ownership, policy);
    await audit(tx, actor, { action: 'create', entity: 'quality_assessment', entityId: row.id, after });
    return after;
  });
}
