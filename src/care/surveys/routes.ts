import { createRoute, z, type OpenAPIHono } from '@hono/zod-openapi';
import type { SurveyTable } from '../../platform/db/schema.js';
import { actor, scopeOf, type AppEnv, type Deps } from '../../platform/http/context.js';
import { requireRight } from '../../platform/http/guard.js';
import { IdParam, PageQuery, json } from '../../platform/http/openapi.js';
import type { TextSender } from '../tickets/service.js';
import { closeSurvey, createSurvey, getSurvey, listSurveys, openSurvey, updateSurvey } from './service.js';
import { drawSample, listSample } from './sample.js';
import { answerByLink, publicSurvey, recordInterview, sendSurveySms } from './responses.js';
import { surveyResults } from './results.js';
import {
  Answers,
  DrawSample,
  Interview,
  NewSurvey,
  PublicSurvey,
  SamplePage,
  SampleQuery,
  Survey,
  SurveyPage,
  SurveyPatch,
  SurveyResults,
} from './schemas.js';

/** How a short survey reaches members' phones: the gateway and the text in the scheme's language (interop/sms). */
export interface SurveyTexting {
  sender: TextSender | null;
  surveyText(survey: SurveyTable): Promise<string>;
}

const Version = z.object({ version: z.number().int() }).openapi('SurveyVersion');
const TokenParam = z.object({ token: z.string().min(10).max(100) });

export function surveyRoutes(app: OpenAPIHono<AppEnv>, { db }: Deps, texting: SurveyTexting) {
  app.openapi(
    createRoute({
      method: 'get',
      path: '/api/v1/surveys',
      tags: ['care'],
      summary: 'Satisfaction surveys, newest first',
      middleware: [requireRight('care.figures')],
      request: { query: PageQuery },
      responses: { 200: json(SurveyPage, 'A page of surveys') },
    }),
    async (c) => c.json(await listSurveys(db, scopeOf(c), c.req.valid('query')), 200),
  );
  app.openapi(
    createRoute({
      method: 'post',
      path: '/api/v1/surveys',
      tags: ['care'],
      summary: 'A new survey round (a draft): its questions, each with a dimension and a type, in several languages',
      middleware: [requireRight('care.manage')],
      request: { body: json(NewSurvey, 'The questionnaire') },
      responses: { 201: json(Survey, 'The draft') },
    }),
    async (c) => c.json(await createSurvey(db, actor(c), scopeOf(c), c.req.valid('json')), 201),
  );
  app.openapi(
    createRoute({
      method: 'get',
      path: '/api/v1/surveys/{id}',
      tags: ['care'],
      summary: 'A survey with its questions, sample and counts',
      middleware: [requireRight('care.figures')],
      request: { params: IdParam },
      responses: { 200: json(Survey, 'The survey') },
    }),
    async (c) => c.json(await getSurvey(db, scopeOf(c), c.req.valid('param').id), 200),
  );
  app.openapi(
    createRoute({
      method: 'patch',
      path: '/api/v1/surveys/{id}',
      tags: ['care'],
      summary: 'Change a draft survey (name, round, previous round, questions)',
      middleware: [requireRight('care.manage')],
      request: { params: IdParam, body: json(SurveyPatch, 'What changes, and the version you saw') },
      responses: { 200: json(Survey, 'The survey') },
    }),
    async (c) =>
      c.json(await updateSurvey(db, actor(c), scopeOf(c), c.req.valid('param').id, c.req.valid('json')), 200),
  );
  app.openapi(
    createRoute({
      method: 'post',
      path: '/api/v1/surveys/{id}/sample',
      tags: ['care'],
      summary: 'Draw the sample from the active members, stratified by employer or area, reproducibly from its seed',
      middleware: [requireRight('care.manage')],
      request: { params: IdParam, body: json(DrawSample, 'Size, strata and seed') },
      responses: { 200: json(Survey, 'The survey with its sample') },
    }),
    async (c) => c.json(await drawSample(db, actor(c), scopeOf(c), c.req.valid('param').id, c.req.valid('json')), 200),
  );
  app.openapi(
    createRoute({
      method: 'get',
      path: '/api/v1/surveys/{id}/sample',
      tags: ['care'],
      summary: 'The sample in the order drawn: the list for phone interviewers, with each member’s web link',
      middleware: [requireRight('survey.interview')],
      request: { params: IdParam, query: SampleQuery },
      responses: { 200: json(SamplePage, 'A page of the sample') },
    }),
    async (c) => c.json(await listSample(db, scopeOf(c), c.req.valid('param').id, c.req.valid('query')), 200),
  );
  for (const [verb, run, summary] of [
    ['open', openSurvey, 'Open the survey for answers (its sample drawn)'],
    ['close', closeSurvey, 'Close the survey: no more answers'],
  ] as const) {
    app.openapi(
      createRoute({
        method: 'post',
        path: `/api/v1/surveys/{id}/${verb}`,
        tags: ['care'],
        summary,
        middleware: [requireRight('care.manage')],
        request: { params: IdParam, body: json(Version, 'The version you saw') },
        responses: { 200: json(Survey, 'The survey') },
      }),
      async (c) =>
        c.json(await run(db, actor(c), scopeOf(c), c.req.valid('param').id, c.req.valid('json').version), 200),
    );
  }
  app.openapi(
    createRoute({
      method: 'post',
      path: '/api/v1/surveys/{id}/interviews',
      tags: ['care'],
      summary: 'A phone interview’s outcome: the member’s answers, or refused, or unreachable',
      middleware: [requireRight('survey.interview')],
      request: {
        params: IdParam,
        body: json(Interview.extend({ memberId: z.string().min(1).max(100) }), 'The member and the outcome'),
      },
      responses: {
        200: json(z.object({ memberId: z.string(), outcome: z.string() }), 'Kept'),
      },
    }),
    async (c) => {
      const { memberId, ...input } = c.req.valid('json');
      return c.json(await recordInterview(db, actor(c), scopeOf(c), c.req.valid('param').id, memberId, input), 200);
    },
  );
  app.openapi(
    createRoute({
      method: 'post',
      path: '/api/v1/surveys/{id}/send-sms',
      tags: ['care'],
      summary: 'Text a short survey to the sampled members with a phone; they answer S and their answers',
      middleware: [requireRight('care.manage')],
      request: {
        params: IdParam,
        query: z.object({ limit: z.coerce.number().int().min(1).max(5000).default(500) }),
      },
      responses: {
        200: json(
          z.object({
            sent: z.number().int(),
            failed: z.number().int(),
            failures: z.array(z.object({ memberId: z.string(), reason: z.string() })),
          }),
          'What was sent, and what the gateway would not take',
        ),
      },
    }),
    async (c) =>
      c.json(
        await sendSurveySms(
          db,
          actor(c),
          scopeOf(c),
          c.req.valid('param').id,
          texting.sender,
          texting.surveyText,
          c.req.valid('query').limit,
        ),
        200,
      ),
  );
  app.openapi(
    createRoute({
      method: 'get',
      path: '/api/v1/surveys/{id}/results',
      tags: ['care'],
      summary: 'Results per dimension with 95 % intervals, the response rate and the change since the previous round',
      middleware: [requireRight('care.figures')],
      request: { params: IdParam },
      responses: { 200: json(SurveyResults, 'The results') },
    }),
    async (c) => c.json(await surveyResults(db, scopeOf(c), c.req.valid('param').id), 200),
  );
  app.openapi(
    createRoute({
      method: 'get',
      path: '/api/v1/survey-links/{token}',
      tags: ['care'],
      summary: 'A sampled member’s own link: the questions in their language (no login)',
      request: {
        params: TokenParam,
        query: z.object({ lang: z.enum(['en', 'fr', 'km', 'vi']).optional() }),
      },
      responses: { 200: json(PublicSurvey, 'The questions') },
    }),
    async (c) => c.json(await publicSurvey(db, c.req.valid('param').token, c.req.valid('query').lang), 200),
  );
  app.openapi(
    createRoute({
      method: 'post',
      path: '/api/v1/survey-links/{token}',
      tags: ['care'],
      summary: 'A sampled member’s answers through their own link (no login)',
      request: { params: TokenParam, body: json(z.object({ answers: Answers }), 'The answers by question code') },
      responses: { 200: json(z.object({ answered: z.boolean() }), 'Kept') },
    }),
    async (c) => c.json(await answerByLink(db, c.req.valid('param').token, c.req.valid('json').answers), 200),
  );
}
