import type { z } from '@hono/zod-openapi';
import type { Db, Executor } from '../../platform/db/database.js';
import type { SurveyTable } from '../../platform/db/schema.js';
import type { Scope } from '../../platform/http/context.js';
import { audit, type Actor } from '../../platform/audit/audit.js';
import { newId, nowIso } from '../../platform/ids.js';
import { conflict, invalid, invalidFields, notFound } from '../../platform/http/problem.js';
import { decodeCursor, page } from '../../platform/http/openapi.js';
import { questionnaireErrors, smsReady } from './answers.js';
import type { NewSurvey, Question, SampleSummary, Survey, SurveyPatch } from './schemas.js';

type Questions = z.infer<typeof Question>[];

export const questionsOf = (s: SurveyTable) => JSON.parse(s.questions_json) as Questions;

export async function surveyRow(db: Executor, schemeId: string, id: string) {
  const row = await db
    .selectFrom('survey')
    .selectAll()
    .where('scheme_id', '=', schemeId)
    .where('id', '=', id)
    .executeTakeFirst();
  if (!row) throw notFound('The survey');
  return row;
}

async function counts(db: Executor, schemeId: string, ids: string[]) {
  if (!ids.length) return new Map<string, Record<string, number>>();
  const rows = await db
    .selectFrom('survey_sample')
    .select(['survey_id', 'state', (eb) => eb.fn.countAll<number>().as('n')])
    .where('scheme_id', '=', schemeId)
    .where('survey_id', 'in', ids)
    .groupBy(['survey_id', 'state'])
    .execute();
  const out = new Map<string, Record<string, number>>();
  for (const r of rows) out.set(r.survey_id, { ...out.get(r.survey_id), [r.state]: Number(r.n) });
  return out;
}

async function views(db: Executor, schemeId: string, rows: SurveyTable[]): Promise<z.infer<typeof Survey>[]> {
  const byId = await counts(
    db,
    schemeId,
    rows.map((r) => r.id),
  );
  return rows.map((s) => {
    const c = byId.get(s.id) ?? {};
    const questions = questionsOf(s);
    const n = (k: string) => c[k] ?? 0;
    return {
      id: s.id,
      name: s.name,
      round: s.round,
      previousId: s.previous_id,
      state: s.state,
      questions,
      sample: s.sample_json ? (JSON.parse(s.sample_json) as z.infer<typeof SampleSummary>) : null,
      counts: {
        sampled: n('pending') + n('answered') + n('refused') + n('unreachable'),
        answered: n('answered'),
        refused: n('refused'),
        unreachable: n('unreachable'),
        pending: n('pending'),
      },
      smsReady: smsReady(questions),
      createdAt: s.created_at,
      openedAt: s.opened_at,
      closedAt: s.closed_at,
      version: s.version,
    };
  });
}

export async function getSurvey(db: Db, scope: Scope, id: string) {
  const [view] = await views(db.kysely, scope.schemeId, [await surveyRow(db.kysely, scope.schemeId, id)]);
  return view!;
}

export async function listSurveys(db: Db, scope: Scope, q: { limit: number; cursor?: string }) {
  let query = db.kysely.selectFrom('survey').selectAll().where('scheme_id', '=', scope.schemeId);
  const after = decodeCursor(q.cursor, 2);
  if (after) {
    const [at, id] = after as [string, string];
    query = query.where((eb) =>
      eb.or([eb('created_at', '<', at), eb.and([eb('created_at', '=', at), eb('id', '>', id)])]),
    );
  }
  const rows = await query
    .orderBy('created_at', 'desc')
    .orderBy('id')
    .limit(q.limit + 1)
    .execute();
  const result = page(rows, q.limit, (r) => [r.created_at, r.id]);
  return { items: await views(db.kysely, scope.schemeId, result.items), nextCursor: result.nextCursor };
}

async function checkPrevious(tx: Executor, schemeId: string, previousId: string | null | undefined, self?: string) {
  if (!previousId) return;
  if (previousId === self) throw invalid('previousId', 'cannot be the survey itself');
  const prev = await tx
    .selectFrom('survey')
    .select('id')
    .where('scheme_id', '=', schemeId)
    .where('id', '=', previousId)
    .executeTakeFirst();
  if (!prev) throw invalid('previousId', 'is not a survey of the scheme');
}

export async function createSurvey(db: Db, actor: Actor, scope: Scope, input: z.infer<typeof NewSurvey>) {
  const errors = questionnaireErrors(input.questions);
  if (errors.length) throw invalidFields(errors);
  const id = await db.kysely.transaction().execute(async (tx) => {
    await checkPrevious(tx, scope.schemeId, input.previousId);
    const row: SurveyTable = {
      scheme_id: scope.schemeId,
      id: newId(),
      name: input.name,
      round: input.round,
      previous_id: input.previousId ?? null,
      state: 'draft',
      questions_json: JSON.stringify(input.questions),
      sample_json: null,
      created_at: nowIso(),
      opened_at: null,
      closed_at: null,
      version: 1,
    };
    await tx.insertInto('survey').values(row).execute();
    await audit(tx, actor, { action: 'create', entity: 'survey', entityId: row.id, after: row });
    return row.id;
  });
  return getSurvey(db, scope, id);
}

/** Changes a survey at the version the caller saw, in one transaction with its audit entry. */
export async function changeSurvey(
  db: Db,
  actor: Actor,
  scope: Scope,
  id: string,
  version: number | null,
  action: string,
  apply: (s: SurveyTable, tx: Executor) => Promise<Partial<SurveyTable>>,
) {
  await db.kysely.transaction().execute(async (tx) => {
    const before = await surveyRow(tx, scope.schemeId, id);
    if (version !== null && version !== before.version) {
      throw conflict('version', `the survey changed since you opened it (now version ${before.version}): reload it`);
    }
    const set = { ...(await apply(before, tx)), version: before.version + 1 };
    await tx.updateTable('survey').set(set).where('scheme_id', '=', scope.schemeId).where('id', '=', id).execute();
    await audit(tx, actor, { action, entity: 'survey', entityId: id, before, after: { ...before, ...set } });
  });
  return getSurvey(db, scope, id);
}

/** The questionnaire may change only while the survey is a draft: answers must all be to the same questions. */
export function updateSurvey(db: Db, actor: Actor, scope: Scope, id: string, patch: z.infer<typeof SurveyPatch>) {
  if (patch.questions) {
    const errors = questionnaireErrors(patch.questions);
    if (errors.length) throw invalidFields(errors);
  }
  return changeSurvey(db, actor, scope, id, patch.version, 'update', async (s, tx) => {
    if (s.state !== 'draft') throw conflict('state', `the survey is ${s.state}: only a draft can be changed`);
    if (patch.previousId !== undefined) await checkPrevious(tx, scope.schemeId, patch.previousId, id);
    return {
      ...(patch.name !== undefined ? { name: patch.name } : {}),
      ...(patch.round !== undefined ? { round: patch.round } : {}),
      ...(patch.previousId !== undefined ? { previous_id: patch.previousId ?? null } : {}),
      ...(patch.questions ? { questions_json: JSON.stringify(patch.questions) } : {}),
    };
  });
}

export function openSurvey(db: Db, actor: Actor, scope: Scope, id: string, version: number) {
  return changeSurvey(db, actor, scope, id, version, 'open', async (s) => {
    if (s.state !== 'draft') throw conflict('state', `the survey is already ${s.state}`);
    if (!s.sample_json) throw conflict('sample', 'draw the sample before opening the survey');
    return { state: 'open', opened_at: nowIso() };
  });
}

/** Closed, a survey takes no more answers; its results stand. */
export function closeSurvey(db: Db, actor: Actor, scope: Scope, id: string, version: number) {
  return changeSurvey(db, actor, scope, id, version, 'close', async (s) => {
    if (s.state !== 'open') throw conflict('state', `the survey is ${s.state}: only an open survey can be closed`);
    return { state: 'closed', closed_at: nowIso() };
  });
}
