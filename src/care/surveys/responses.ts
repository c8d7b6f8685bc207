import type { z } from '@hono/zod-openapi';
import type { Db, Executor } from '../../platform/db/database.js';
import type { SurveySampleTable, SurveyTable } from '../../platform/db/schema.js';
import type { Scope } from '../../platform/http/context.js';
import { audit, type Actor } from '../../platform/audit/audit.js';
import { newId, nowIso } from '../../platform/ids.js';
import { conflict, invalidFields, notFound } from '../../platform/http/problem.js';
import { phoneKey } from '../../registry/facilities/service.js';
import { withinScope } from '../../registry/areas/limits.js';
import type { TextSender } from '../tickets/service.js';
import { checkAnswers, smsReady } from './answers.js';
import { questionsOf, surveyRow } from './service.js';
import type { Interview, PublicSurvey, Question } from './schemas.js';

type Channel = 'phone' | 'web' | 'sms';

/**
 * Keeps a sampled member's answers: checked against the questions first (nothing is kept when
 * one is wrong), once only, and only while the survey is open.
 */
async function keep(
  tx: Executor,
  actor: Actor,
  survey: SurveyTable,
  sampled: SurveySampleTable,
  channel: Channel,
  given: Record<string, string | number>,
  interviewer: string | null,
) {
  if (survey.state !== 'open') throw conflict('survey', `is ${survey.state}: it takes no answers`);
  if (sampled.state === 'answered') throw conflict('answers', 'this member has already answered');
  const checked = checkAnswers(questionsOf(survey), given);
  if (!checked.ok) throw invalidFields(checked.errors);
  if (checked.answers.length) {
    await tx
      .insertInto('survey_response')
      .values(
        checked.answers.map((a) => ({
          scheme_id: survey.scheme_id,
          survey_id: survey.id,
          member_id: sampled.member_id,
          question: a.question,
          value: a.value,
          score: a.score,
        })),
      )
      .execute();
  }
  const at = nowIso();
  await tx
    .updateTable('survey_sample')
    .set({ state: 'answered', channel, interviewer, answered_at: at })
    .where('scheme_id', '=', survey.scheme_id)
    .where('survey_id', '=', survey.id)
    .where('member_id', '=', sampled.member_id)
    .execute();
  await audit(tx, actor, {
    action: 'answer',
    entity: 'survey_sample',
    entityId: `${survey.id}/${sampled.member_id}`,
    after: { channel, answers: checked.answers.length },
  });
}

async function sampledMember(tx: Executor, scope: Scope, surveyId: string, memberId: string) {
  let q = tx
    .selectFrom('survey_sample')
    .selectAll('survey_sample')
    .innerJoin('member', (j) =>
      j.onRef('member.scheme_id', '=', 'survey_sample.scheme_id').onRef('member.id', '=', 'survey_sample.member_id'),
    )
    .where('survey_sample.scheme_id', '=', scope.schemeId)
    .where('survey_sample.survey_id', '=', surveyId)
    .where('survey_sample.member_id', '=', memberId);
  if (scope.areaPaths.length) q = q.where(withinScope(scope, 'member'));
  const row = await q.executeTakeFirst();
  if (!row) throw notFound('The member in this survey’s sample');
  return row;
}

/** A phone interview: the answers, or that the member refused or could not be reached. */
export async function recordInterview(
  db: Db,
  actor: Actor,
  scope: Scope,
  surveyId: string,
  memberId: string,
  input: z.infer<typeof Interview>,
) {
  await db.kysely.transaction().execute(async (tx) => {
    const survey = await surveyRow(tx, scope.schemeId, surveyId);
    const sampled = await sampledMember(tx, scope, surveyId, memberId);
    if (input.outcome === 'answered') {
      await keep(tx, actor, survey, sampled, 'phone', input.answers ?? {}, actor.username);
      return;
    }
    if (survey.state !== 'open') throw conflict('survey', `is ${survey.state}: it takes no answers`);
    if (sampled.state === 'answered') throw conflict('outcome', 'this member has already answered');
    await tx
      .updateTable('survey_sample')
      .set({ state: input.outcome, channel: 'phone', interviewer: actor.username })
      .where('scheme_id', '=', scope.schemeId)
      .where('survey_id', '=', surveyId)
      .where('member_id', '=', memberId)
      .execute();
    await audit(tx, actor, {
      action: input.outcome,
      entity: 'survey_sample',
      entityId: `${surveyId}/${memberId}`,
      before: { state: sampled.state },
      after: { state: input.outcome },
    });
  });
  return { memberId, outcome: input.outcome };
}

async function byToken(db: Executor, token: string) {
  const sampled = await db.selectFrom('survey_sample').selectAll().where('token', '=', token).executeTakeFirst();
  // An unknown link and a mistyped one look the same: nothing is said about who was sampled.
  if (!sampled) throw notFound('The survey link');
  const survey = await surveyRow(db, sampled.scheme_id, sampled.survey_id);
  return { sampled, survey };
}

/** The questions as the member's own link shows them, in their language when the survey has it. */
export async function publicSurvey(db: Db, token: string, language?: string): Promise<z.infer<typeof PublicSurvey>> {
  const { sampled, survey } = await byToken(db.kysely, token);
  const questions = questionsOf(survey);
  const scheme = await db.kysely
    .selectFrom('scheme')
    .select('languages')
    .where('id', '=', survey.scheme_id)
    .executeTakeFirstOrThrow();
  const shown = questionsIn(questions, [language, ...(JSON.parse(scheme.languages) as string[]), 'en']);
  return {
    name: survey.name,
    language: shown.language,
    state: survey.state,
    answered: sampled.state === 'answered',
    questions: shown.questions,
  };
}

/**
 * The questions in the first wanted language each has (a question not yet translated is shown in
 * the next); the language named is the first wanted one any question is written in.
 */
export function questionsIn(questions: z.infer<typeof Question>[], wanted: (string | undefined)[]) {
  const langs = wanted.filter((l): l is string => Boolean(l));
  const say = (t: Record<string, string | undefined>) =>
    langs.map((l) => t[l]).find(Boolean) ?? Object.values(t).find(Boolean) ?? '';
  const lang = langs.find((l) => questions.some((q) => (q.text as Record<string, string>)[l])) ?? langs[0] ?? 'en';
  return {
    language: lang,
    questions: questions.map((q) => ({
      code: q.code,
      type: q.type,
      text: say(q.text),
      required: q.required,
      ...(q.options ? { options: q.options.map((o) => ({ code: o.code, text: say(o.text) })) } : {}),
    })),
  };
}

export async function answerByLink(db: Db, token: string, answers: Record<string, string | number>) {
  await db.kysely.transaction().execute(async (tx) => {
    const { sampled, survey } = await byToken(tx, token);
    const actor = { userId: null, username: 'survey link', schemeId: survey.scheme_id };
    await keep(tx, actor, survey, sampled, 'web', answers, null);
  });
  return { answered: true };
}

/**
 * A text `S 4 5 Y 2` from a sampled member's phone: the answers in the order of the questions,
 * to the open survey they were last texted. Answers null when the phone was asked nothing (the
 * text is then some other message); throws a named error when an answer is wrong.
 */
export async function answerBySms(tx: Executor, actor: Actor, schemeId: string, phone: string, values: string[]) {
  const key = phoneKey(phone);
  if (key.length < 6) return null;
  const sampled = await tx
    .selectFrom('survey_sample as s')
    .innerJoin('survey as v', (j) => j.onRef('v.scheme_id', '=', 's.scheme_id').onRef('v.id', '=', 's.survey_id'))
    .selectAll('s')
    .where('s.scheme_id', '=', schemeId)
    .where('s.phone_key', '=', key)
    .where('s.state', '=', 'pending')
    .where('s.sms_sent_at', 'is not', null)
    .where('v.state', '=', 'open')
    .orderBy('s.sms_sent_at', 'desc')
    .executeTakeFirst();
  if (!sampled) return null;
  const survey = await surveyRow(tx, schemeId, sampled.survey_id);
  const questions = questionsOf(survey);
  const given = Object.fromEntries(questions.map((q, i) => [q.code, values[i] ?? '']));
  if (values.length !== questions.length) {
    throw invalidFields([{ field: 'answers', reason: `send ${questions.length} answers, one for each question` }]);
  }
  // Named by their number, as the member saw the questions numbered in the text.
  const checked = checkAnswers(questions, given);
  if (!checked.ok) {
    throw invalidFields(
      checked.errors.map((e) => {
        const n = questions.findIndex((q) => `answers.${q.code}` === e.field) + 1;
        return { field: e.field, reason: `answer ${n} ${e.reason}` };
      }),
    );
  }
  await keep(tx, actor, survey, sampled, 'sms', given, null);
  return { surveyId: survey.id, questions: questions.length };
}

/**
 * Texts a short survey's questions to the sampled members with a phone who have not answered,
 * asking them to reply `S` and their answers. What the gateway will not take stays to send again.
 */
export async function sendSurveySms(
  db: Db,
  actor: Actor,
  scope: Scope,
  surveyId: string,
  sender: TextSender | null,
  text: (survey: SurveyTable) => Promise<string>,
  limit: number,
) {
  const survey = await surveyRow(db.kysely, scope.schemeId, surveyId);
  if (!sender) throw conflict('gateway', 'no outbound SMS gateway is configured (RISKPOOL_SMS_GATEWAY)');
  if (survey.state !== 'open') throw conflict('state', `the survey is ${survey.state}: open it first`);
  if (!smsReady(questionsOf(survey))) {
    throw conflict('questions', 'are too many or include free text: this survey is for phone interviews and the web');
  }
  const body = await text(survey);
  const due = await db.kysely
    .selectFrom('survey_sample as s')
    .innerJoin('member as m', (j) => j.onRef('m.scheme_id', '=', 's.scheme_id').onRef('m.id', '=', 's.member_id'))
    .select(['s.member_id', 'm.phone'])
    .where('s.scheme_id', '=', scope.schemeId)
    .where('s.survey_id', '=', surveyId)
    .where('s.state', '=', 'pending')
    .where('s.sms_sent_at', 'is', null)
    .where('m.phone', 'is not', null)
    .orderBy('s.position')
    .limit(limit)
    .execute();
  let sent = 0;
  const failures: { memberId: string; reason: string }[] = [];
  for (const m of due) {
    const result = await sender.send(m.phone!, body).then(
      (r) => r,
      (e: Error) => ({ error: e.message }),
    );
    if ('error' in result) {
      failures.push({ memberId: m.member_id, reason: result.error });
      continue;
    }
    await db.kysely.transaction().execute(async (tx) => {
      const at = nowIso();
      await tx
        .updateTable('survey_sample')
        .set({ sms_sent_at: at })
        .where('scheme_id', '=', scope.schemeId)
        .where('survey_id', '=', surveyId)
        .where('member_id', '=', m.member_id)
        .execute();
      const messageId = newId();
      await tx
        .insertInto('sms_message')
        .values({
          id: messageId,
          scheme_id: scope.schemeId,
          direction: 'out',
          phone: m.phone!,
          text: body,
          gateway_id: result.gatewayId ?? sender.name,
          facility_id: null,
          at,
        })
        .execute();
      await audit(tx, actor, {
        action: 'ask',
        entity: 'survey_sample',
        entityId: `${surveyId}/${m.member_id}`,
        after: { messageId },
      });
    });
    sent += 1;
  }
  return { sent, failed: failures.length, failures };
}
