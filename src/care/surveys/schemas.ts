import { z } from '@hono/zod-openapi';
import { PageQuery, pageOf } from '../../platform/http/openapi.js';

/** Seed 002's dimensions of members' satisfaction; a scheme may add its own. */
export const DIMENSIONS = [
  'registration',
  'co_payments',
  'contributions',
  'access_to_benefits',
  'awareness',
  'quality_of_care',
] as const;

const LANGUAGES = ['en', 'fr', 'km', 'vi'] as const;

/** A text in several languages: at least one. */
const Text = z
  .partialRecord(z.enum(LANGUAGES), z.string().trim().min(1).max(500))
  .refine((t) => Object.keys(t).length > 0, 'must have a text in at least one language')
  .openapi({ example: { en: 'How easy was it to register?', km: 'ការចុះឈ្មោះងាយស្រួលទេ?' } });

export const Question = z
  .object({
    code: z.string().regex(/^[a-z][a-z0-9_]{0,29}$/, 'must be 1 to 30 lower-case letters, digits or _'),
    dimension: z
      .string()
      .regex(/^[a-z][a-z0-9_]{1,39}$/, 'must be lower-case letters, digits or _')
      .openapi({ description: `One of ${DIMENSIONS.join(', ')}, or the scheme's own` }),
    type: z.enum(['likert', 'yes_no', 'single_choice', 'free_text']),
    text: Text,
    /** For yes/no: which answer is the satisfied one ("were you asked to pay?" is satisfied by no). */
    positive: z.enum(['yes', 'no']).optional(),
    options: z
      .array(
        z.object({
          code: z.string().regex(/^[a-z0-9_]{1,30}$/, 'must be lower-case letters, digits or _'),
          text: Text,
          score: z
            .number()
            .int()
            .min(1)
            .max(5)
            .optional()
            .openapi({ description: 'Its place on the 1-5 scale, if any' }),
        }),
      )
      .min(2)
      .max(12)
      .optional(),
    required: z.boolean().default(true),
  })
  .openapi('SurveyQuestion');

export const NewSurvey = z
  .object({
    name: z.string().trim().min(1).max(200),
    round: z.string().trim().min(1).max(60).openapi({ example: '2026 Q4' }),
    previousId: z.string().max(100).nullish().openapi({ description: 'The round this one is compared with' }),
    questions: z.array(Question).min(1).max(60),
  })
  .openapi('NewSurvey');

export const SurveyPatch = NewSurvey.partial().extend({ version: z.number().int() }).openapi('SurveyPatch');

export const DrawSample = z
  .object({
    size: z.number().int().min(1).max(100_000),
    stratifyBy: z.enum(['none', 'employer', 'province', 'district', 'commune', 'village']).default('none'),
    seed: z
      .number()
      .int()
      .min(0)
      .max(2 ** 31 - 1),
  })
  .openapi('DrawSample');

export const SampleSummary = z.object({
  size: z.number().int(),
  stratifyBy: z.string(),
  seed: z.number().int(),
  population: z.number().int(),
  strata: z.array(
    z.object({ key: z.string(), name: z.string(), population: z.number().int(), drawn: z.number().int() }),
  ),
});

export const Survey = z
  .object({
    id: z.string(),
    name: z.string(),
    round: z.string(),
    previousId: z.string().nullable(),
    state: z.enum(['draft', 'open', 'closed']),
    questions: z.array(Question),
    sample: SampleSummary.nullable(),
    counts: z.object({
      sampled: z.number().int(),
      answered: z.number().int(),
      refused: z.number().int(),
      unreachable: z.number().int(),
      pending: z.number().int(),
    }),
    smsReady: z.boolean().openapi({ description: 'Short enough to be answered in one text (S 4 5 Y …)' }),
    createdAt: z.string(),
    openedAt: z.string().nullable(),
    closedAt: z.string().nullable(),
    version: z.number().int(),
  })
  .openapi('Survey');

export const SurveyPage = pageOf(Survey, 'SurveyPage');

export const SampleQuery = PageQuery.extend({
  state: z.enum(['pending', 'answered', 'refused', 'unreachable']).optional(),
});

export const SampledMember = z
  .object({
    memberId: z.string(),
    position: z.number().int(),
    stratum: z.string(),
    memberNumber: z.string(),
    nameLatin: z.string(),
    nameLocal: z.string().nullable(),
    phone: z.string().nullable(),
    state: z.enum(['pending', 'answered', 'refused', 'unreachable']),
    channel: z.string().nullable(),
    answeredAt: z.string().nullable(),
    link: z.string().openapi({ description: "The member's own web link to answer" }),
  })
  .openapi('SampledMember');

export const SamplePage = pageOf(SampledMember, 'SamplePage');

/** Answers by question code: 1-5 for Likert, yes or no, an option's code, or a text. */
export const Answers = z.record(z.string().max(30), z.union([z.string().max(2000), z.number()]));

export const Interview = z
  .object({
    outcome: z.enum(['answered', 'refused', 'unreachable']),
    answers: Answers.optional(),
  })
  .openapi('SurveyInterview');

export const PublicSurvey = z
  .object({
    name: z.string(),
    language: z.string(),
    state: z.enum(['draft', 'open', 'closed']),
    answered: z.boolean(),
    questions: z.array(
      z.object({
        code: z.string(),
        type: z.enum(['likert', 'yes_no', 'single_choice', 'free_text']),
        text: z.string(),
        required: z.boolean(),
        options: z.array(z.object({ code: z.string(), text: z.string() })).optional(),
      }),
    ),
  })
  .openapi('PublicSurvey');

const Interval = z.object({ low: z.number(), high: z.number() });

export const DimensionResult = z.object({
  dimension: z.string(),
  respondents: z.number().int(),
  meanScore: z.number().nullable(),
  meanInterval: Interval.nullable(),
  satisfiedShare: z.number().nullable(),
  satisfiedInterval: Interval.nullable(),
  previous: z
    .object({
      respondents: z.number().int(),
      meanScore: z.number().nullable(),
      satisfiedShare: z.number().nullable(),
      meanChange: z.number().nullable(),
      satisfiedChange: z.number().nullable(),
      significant: z.boolean().openapi({ description: 'The change in the share satisfied is significant at 5 %' }),
    })
    .nullable(),
});

export const SurveyResults = z
  .object({
    surveyId: z.string(),
    round: z.string(),
    sampled: z.number().int(),
    answered: z.number().int(),
    responseRate: z.number().nullable(),
    dimensions: z.array(DimensionResult),
    questions: z.array(
      z.object({
        code: z.string(),
        dimension: z.string(),
        type: z.string(),
        answers: z.number().int(),
        meanScore: z.number().nullable(),
        distribution: z.record(z.string(), z.number().int()),
      }),
    ),
    comments: z.array(z.object({ question: z.string(), text: z.string() })),
    previousRound: z.string().nullable(),
  })
  .openapi('SurveyResults');
