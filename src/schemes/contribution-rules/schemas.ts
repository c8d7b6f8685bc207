import { z } from '@hono/zod-openapi';
import { isoDate } from '../../platform/http/openapi.js';

/** An amount in minor units of the scheme's currency (cents, riel): a whole number, never negative. */
const money = z.number().int().min(0).max(Number.MAX_SAFE_INTEGER);
/** A rate or share in basis points: 1 % is 100, the whole is 10,000. */
const basisPoints = z.number().int().min(0).max(10_000);
const period = z.enum(['month', 'year']);

const Subsidy = z
  .object({
    payerId: z.string().min(1).max(100),
    shareBp: basisPoints.optional().openapi({ description: "Share of the member's part, in basis points" }),
    fixed: money.optional().openapi({ description: "At most this much of the member's part" }),
  })
  .refine((s) => s.shareBp !== undefined || s.fixed !== undefined, {
    message: 'needs a shareBp, a fixed amount, or both',
  });

const common = {
  employerShareBp: basisPoints
    .default(0)
    .openapi({ description: "The employer's share in basis points (5000: half); the member pays the rest" }),
  employersPayingAll: z
    .array(z.string().min(1).max(100))
    .max(10_000)
    .default([])
    .openapi({ description: 'Employers that pay the whole contribution themselves' }),
  subsidies: z.array(Subsidy).max(20).default([]),
};

const ascending = <T>(items: T[], key: (t: T) => number) =>
  items.every((t, i) => i === 0 || key(t) > key(items[i - 1]!));

export const RuleDefinition = z
  .discriminatedUnion('kind', [
    z.object({ kind: z.literal('flat'), period, amount: money, ...common }),
    z.object({
      kind: z.literal('percent-of-wage'),
      rateBp: basisPoints.refine((r) => r > 0, 'must be more than 0'),
      wageFloor: money.nullable().default(null),
      wageCeiling: money.nullable().default(null),
      ...common,
    }),
    z.object({
      kind: z.literal('group-enrolment'),
      period,
      tiers: z
        .array(z.object({ fromRateBp: basisPoints, amount: money }))
        .min(1)
        .max(50)
        .refine((t) => ascending(t, (x) => x.fromRateBp), 'must go up by fromRateBp, each rate once'),
      minimumRateBp: basisPoints.nullable().default(null),
      ...common,
    }),
    z.object({
      kind: z.literal('income-bands'),
      period,
      bands: z
        .array(z.object({ upTo: money.nullable(), amount: money }))
        .min(1)
        .max(50)
        .refine(
          (b) => b.every((x, i) => (i === b.length - 1) === (x.upTo === null)),
          'every band but the last needs upTo; the last has none (it has no upper bound)',
        )
        .refine((b) => ascending(b.slice(0, -1), (x) => x.upTo!), 'must go up by upTo'),
      ...common,
    }),
  ])
  .refine(
    (d) =>
      !(d.kind === 'percent-of-wage' && d.wageFloor !== null && d.wageCeiling !== null && d.wageFloor > d.wageCeiling),
    {
      message: 'the wage floor is above the ceiling',
      path: ['wageFloor'],
    },
  )
  .openapi('ContributionRuleDefinition');

export const NewVersion = z
  .object({
    effectiveFrom: isoDate().openapi({ description: 'The day from which this version applies' }),
    definition: RuleDefinition,
  })
  .openapi('NewContributionRuleVersion');

export const RuleVersion = z
  .object({
    id: z.string(),
    effectiveFrom: z.string(),
    definition: RuleDefinition,
    createdAt: z.string(),
    createdBy: z.string().nullable(),
  })
  .openapi('ContributionRuleVersion');

export const Rule = z
  .object({
    id: z.string(),
    code: z.string(),
    name: z.string(),
    /** Oldest first. */
    versions: z.array(RuleVersion),
  })
  .openapi('ContributionRule');

const code = z
  .string()
  .trim()
  .regex(/^[A-Za-z0-9_-]{1,30}$/, 'must be 1-30 letters, digits, _ or -');

export const NewRule = z
  .object({ code, name: z.string().trim().min(1).max(200), version: NewVersion })
  .openapi('NewContributionRule');

export const RuleQuery = z.object({
  q: z.string().max(100).optional().openapi({ description: 'Part of the name or the code' }),
  limit: z.coerce.number().int().min(1).max(500).default(50),
  cursor: z.string().max(500).optional(),
});

export const PreviewRequest = z
  .object({
    date: isoDate().optional().openapi({ description: 'The day the contribution is for; today when absent' }),
    wage: money.optional().openapi({ description: 'Monthly wage, minor units' }),
    employerId: z.string().max(100).optional(),
    groupId: z.string().max(100).optional().openapi({ description: 'The group whose enrolment rate sets the premium' }),
    enrolmentRateBp: basisPoints.optional().openapi({ description: "The group's enrolment rate, if not from groupId" }),
    income: money.optional(),
  })
  .openapi('ContributionPreviewRequest');

const Reason = z.object({ code: z.string() }).catchall(z.unknown());

export const Preview = z
  .object({
    ruleId: z.string(),
    versionId: z.string(),
    effectiveFrom: z.string(),
    currency: z.string(),
    due: z.boolean(),
    period: period.optional(),
    amount: z.number().int().optional(),
    parts: z
      .array(
        z.object({
          party: z.enum(['member', 'employer', 'payer']),
          payerId: z.string().optional(),
          amount: z.number().int(),
        }),
      )
      .optional(),
    enrolmentRateBp: z.number().int().optional(),
    reasons: z.array(Reason),
  })
  .openapi('ContributionPreview');

export const PAYER_KINDS = ['government', 'donor', 'local_authority', 'social_fund', 'other'] as const;

export const Payer = z
  .object({ id: z.string(), code: z.string(), name: z.string(), kind: z.enum(PAYER_KINDS) })
  .openapi('Payer');

export const NewPayer = z
  .object({ code, name: z.string().trim().min(1).max(200), kind: z.enum(PAYER_KINDS) })
  .openapi('NewPayer');

export const PayerChange = NewPayer.omit({ code: true }).partial().openapi('PayerChange');
