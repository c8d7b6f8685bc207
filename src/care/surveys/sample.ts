import { randomBytes } from 'node:crypto';
import type { z } from '@hono/zod-openapi';
import type { Db, Executor } from '../../platform/db/database.js';
import type { SurveySampleTable } from '../../platform/db/schema.js';
import type { Scope } from '../../platform/http/context.js';
import { conflict } from '../../platform/http/problem.js';
import { decodeCursor, page } from '../../platform/http/openapi.js';
import { bulkInsert } from '../../platform/db/bulk.js';
import { withinScope } from '../../registry/areas/limits.js';
import { phoneKey } from '../../registry/facilities/service.js';
import type { Actor } from '../../platform/audit/audit.js';
import { allocate, pick, seeded } from './sampling.js';
import { changeSurvey, surveyRow } from './service.js';
import type { DrawSample, SampleQuery, SampledMember } from './schemas.js';
import { AREA_LEVELS } from '../../registry/areas/schemas.js';

/** The strata: their key, a name to show, and how many active members each holds. */
async function strata(tx: Executor, scope: Scope, by: z.infer<typeof DrawSample>['stratifyBy']) {
  const sid = scope.schemeId;
  let base = tx.selectFrom('member').where('member.scheme_id', '=', sid).where('member.status', '=', 'active');
  if (scope.areaPaths.length) base = base.where(withinScope(scope, 'member'));
  if (by === 'none') {
    const { n } = await base.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
    return [{ key: 'all', name: 'All members', population: Number(n), members: base }];
  }
  if (by === 'employer') {
    const rows = await base
      .leftJoin('employer as e', (j) =>
        j.onRef('e.scheme_id', '=', 'member.scheme_id').onRef('e.id', '=', 'member.employer_id'),
      )
      .select(['member.employer_id as key', 'e.name', (eb) => eb.fn.countAll<number>().as('n')])
      .groupBy(['member.employer_id', 'e.name'])
      .execute();
    return rows.map((r) => ({
      key: r.key ?? 'none',
      name: r.name ?? 'No employer',
      population: Number(r.n),
      members:
        r.key === null ? base.where('member.employer_id', 'is', null) : base.where('member.employer_id', '=', r.key),
    }));
  }
  // By the area at a level: the member's area path holds its ancestors' ids in order.
  const depth = AREA_LEVELS.indexOf(by);
  const rows = await base
    .leftJoin('area as a', (j) => j.onRef('a.scheme_id', '=', 'member.scheme_id').onRef('a.id', '=', 'member.area_id'))
    .select(['member.area_id', 'a.path', (eb) => eb.fn.countAll<number>().as('n')])
    .groupBy(['member.area_id', 'a.path'])
    .execute();
  const groups = new Map<string, { areaIds: (string | null)[]; population: number }>();
  for (const r of rows) {
    const key = r.path?.split('/').filter(Boolean)[depth] ?? 'none';
    const g = groups.get(key) ?? { areaIds: [], population: 0 };
    g.areaIds.push(r.area_id);
    g.population += Number(r.n);
    groups.set(key, g);
  }
  const names = await tx
    .selectFrom('area')
    .select(['id', 'name'])
    .where('scheme_id', '=', sid)
    .where('id', 'in', [...groups.keys(), ''])
    .execute();
  return [...groups].map(([key, g]) => {
    const ids = g.areaIds.filter((a): a is string => a !== null);
    return {
      key,
      name: names.find((n) => n.id === key)?.name ?? `No ${by}`,
      population: g.population,
      members: base.where((eb) =>
        eb.or([
          ...(ids.length ? [eb('member.area_id', 'in', ids)] : []),
          ...(g.areaIds.includes(null) ? [eb('member.area_id', 'is', null)] : []),
        ]),
      ),
    };
  });
}

/**
 * Draws the survey's sample from the active members, in proportion to each stratum (employer or
 * area) and at random within it, reproducibly: the same register, size, strata and seed draw the
 * same members. A draft's sample may be drawn again; once the survey is open it stands.
 */
export async function drawSample(db: Db, actor: Actor, scope: Scope, id: string, input: z.infer<typeof DrawSample>) {
  return changeSurvey(db, actor, scope, id, null, 'draw-sample', async (s, tx) => {
    if (s.state !== 'draft') throw conflict('state', `the survey is ${s.state}: its sample is drawn`);
    await tx.deleteFrom('survey_sample').where('scheme_id', '=', scope.schemeId).where('survey_id', '=', id).execute();
    const all = await strata(tx, scope, input.stratifyBy);
    const sizes = allocate(all, input.size);
    const random = seeded(input.seed);
    const summary = [];
    let position = 0;
    for (const stratum of [...all].sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0))) {
      const count = sizes.get(stratum.key) ?? 0;
      summary.push({ key: stratum.key, name: stratum.name, population: stratum.population, drawn: count });
      if (!count) continue;
      // One stratum's ids at a time, in member-number order so the draw is reproducible.
      const members = await stratum.members
        .select(['member.id', 'member.phone'])
        .orderBy('member.member_number')
        .execute();
      const rows: SurveySampleTable[] = pick(members, count, random).map((m) => ({
        scheme_id: scope.schemeId,
        survey_id: id,
        member_id: m.id,
        position: ++position,
        stratum: stratum.key,
        token: randomBytes(16).toString('base64url'),
        phone_key: m.phone ? phoneKey(m.phone) : null,
        state: 'pending',
        channel: null,
        interviewer: null,
        sms_sent_at: null,
        answered_at: null,
      }));
      await bulkInsert(db, tx, 'survey_sample', rows);
    }
    const population = all.reduce((n, s) => n + s.population, 0);
    return {
      sample_json: JSON.stringify({
        size: position,
        stratifyBy: input.stratifyBy,
        seed: input.seed,
        population,
        strata: summary,
      }),
    };
  });
}

/** The sample in the order drawn, for the phone interviewers: name, number, phone, their link. */
export async function listSample(
  db: Db,
  scope: Scope,
  id: string,
  q: z.infer<typeof SampleQuery>,
): Promise<{ items: z.infer<typeof SampledMember>[]; nextCursor: string | null }> {
  await surveyRow(db.kysely, scope.schemeId, id);
  let query = db.kysely
    .selectFrom('survey_sample as s')
    .innerJoin('member', (j) => j.onRef('member.scheme_id', '=', 's.scheme_id').onRef('member.id', '=', 's.member_id'))
    .select([
      's.member_id',
      's.position',
      's.stratum',
      's.state',
      's.channel',
      's.answered_at',
      's.token',
      'member.member_number',
      'member.name_latin',
      'member.name_local',
      'member.phone',
    ])
    .where('s.scheme_id', '=', scope.schemeId)
    .where('s.survey_id', '=', id);
  if (scope.areaPaths.length) query = query.where(withinScope(scope, 'member'));
  if (q.state) query = query.where('s.state', '=', q.state);
  const after = decodeCursor(q.cursor, 1);
  if (after) query = query.where('s.position', '>', after[0] as number);
  const rows = await query
    .orderBy('s.position')
    .limit(q.limit + 1)
    .execute();
  const result = page(rows, q.limit, (r) => [r.position]);
  return {
    items: result.items.map((r) => ({
      memberId: r.member_id,
      position: r.position,
      stratum: r.stratum,
      memberNumber: r.member_number,
      nameLatin: r.name_latin,
      nameLocal: r.name_local,
      phone: r.phone,
      state: r.state,
      channel: r.channel,
      answeredAt: r.answered_at,
      link: `/survey/${r.token}`,
    })),
    nextCursor: result.nextCursor,
  };
}
