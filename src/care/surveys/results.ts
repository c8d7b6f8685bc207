import type { z } from '@hono/zod-openapi';
import type { Db, Executor } from '../../platform/db/database.js';
import type { Scope } from '../../platform/http/context.js';
import { questionsOf, surveyRow } from './service.js';
import { byDimension, sharesDiffer, type Respondent } from './statistics.js';
import type { SurveyResults } from './schemas.js';

/** Each respondent's scored answers, by dimension, read from the kept responses. */
async function respondents(db: Executor, schemeId: string, surveyId: string, dimensionOf: Map<string, string>) {
  const rows = await db
    .selectFrom('survey_response')
    .select(['member_id', 'question', 'value', 'score'])
    .where('scheme_id', '=', schemeId)
    .where('survey_id', '=', surveyId)
    .orderBy('member_id')
    .execute();
  const people = new Map<string, Respondent>();
  for (const r of rows) {
    const dimension = dimensionOf.get(r.question);
    if (!dimension || r.score === null) continue;
    const p = people.get(r.member_id) ?? { scores: [] };
    p.scores.push({ dimension, score: r.score });
    people.set(r.member_id, p);
  }
  return { rows, people: [...people.values()] };
}

const round = (n: number, places = 3) => Math.round(n * 10 ** places) / 10 ** places;

/**
 * A round's results: per dimension the mean score and the share satisfied with their 95 %
 * intervals, beside the previous round's with the change and whether it is significant; per
 * question the spread of answers; the response rate; free-text comments without names.
 */
export async function surveyResults(db: Db, scope: Scope, id: string): Promise<z.infer<typeof SurveyResults>> {
  const k = db.kysely;
  const survey = await surveyRow(k, scope.schemeId, id);
  const questions = questionsOf(survey);
  const dimensionOf = new Map(questions.map((q) => [q.code, q.dimension]));
  const { rows, people } = await respondents(k, scope.schemeId, id, dimensionOf);
  const now = byDimension(people);
  const previous = survey.previous_id ? await surveyRow(k, scope.schemeId, survey.previous_id) : null;
  const before = previous
    ? byDimension(
        (
          await respondents(
            k,
            scope.schemeId,
            previous.id,
            new Map(questionsOf(previous).map((q) => [q.code, q.dimension])),
          )
        ).people,
      )
    : null;
  const states = await k
    .selectFrom('survey_sample')
    .select(['state', (eb) => eb.fn.countAll<number>().as('n')])
    .where('scheme_id', '=', scope.schemeId)
    .where('survey_id', '=', id)
    .groupBy('state')
    .execute();
  const sampled = states.reduce((n, s) => n + Number(s.n), 0);
  const answered = Number(states.find((s) => s.state === 'answered')?.n ?? 0);
  const dimensions = [...new Set(questions.map((q) => q.dimension))];
  return {
    surveyId: id,
    round: survey.round,
    sampled,
    answered,
    responseRate: sampled ? round(answered / sampled, 4) : null,
    previousRound: previous?.round ?? null,
    dimensions: dimensions.map((dimension) => {
      const d = now.get(dimension);
      const p = before?.get(dimension);
      return {
        dimension,
        respondents: d?.respondents ?? 0,
        meanScore: d?.meanScore ?? null,
        meanInterval: d?.meanInterval ?? null,
        satisfiedShare: d?.satisfiedShare ?? null,
        satisfiedInterval: d?.satisfiedInterval ?? null,
        previous: p
          ? {
              respondents: p.respondents,
              meanScore: p.meanScore,
              satisfiedShare: p.satisfiedShare,
              meanChange: d?.meanScore != null && p.meanScore != null ? round(d.meanScore - p.meanScore) : null,
              satisfiedChange:
                d?.satisfiedShare != null && p.satisfiedShare != null
                  ? round(d.satisfiedShare - p.satisfiedShare, 4)
                  : null,
              significant: d
                ? sharesDiffer(
                    { successes: d.satisfied, n: d.respondents },
                    { successes: p.satisfied, n: p.respondents },
                  )
                : false,
            }
          : null,
      };
    }),
    questions: questions.map((q) => {
      const mine = rows.filter((r) => r.question === q.code);
      const scored = mine.filter((r) => r.score !== null);
      const distribution: Record<string, number> = {};
      if (q.type !== 'free_text') for (const r of mine) distribution[r.value] = (distribution[r.value] ?? 0) + 1;
      return {
        code: q.code,
        dimension: q.dimension,
        type: q.type,
        answers: mine.length,
        meanScore: scored.length ? round(scored.reduce((a, r) => a + r.score!, 0) / scored.length) : null,
        distribution,
      };
    }),
    comments: questions
      .filter((q) => q.type === 'free_text')
      .flatMap((q) => rows.filter((r) => r.question === q.code).map((r) => ({ question: q.code, text: r.value }))),
  };
}
