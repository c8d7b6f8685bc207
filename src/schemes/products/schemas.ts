import { z } from '@hono/zod-openapi';
import { isoDate } from '../../platform/http/openapi.js';

const money = z.number().int().min(0).max(Number.MAX_SAFE_INTEGER);
const basisPoints = z.number().int().min(0).max(10_000);
const days = z.number().int().min(0).max(3650);
const code = z
  .string()
  .trim()
  .regex(/^[A-Za-z0-9_-]{1,30}$/, 'must be 1-30 letters, digits, _ or -');

export const SETTINGS = ['outpatient', 'inpatient', 'other'] as const;

export const CareCategory = z
  .object({ code: z.string(), name: z.string(), setting: z.enum(SETTINGS) })
  .openapi('CareCategory');
export const NewCareCategory = z
  .object({ code, name: z.string().trim().min(1).max(200), setting: z.enum(SETTINGS) })
  .openapi('NewCareCategory');

/** One care category in a product: covered or excluded, and on what terms. */
const CategoryTerms = z.object({
  category: z.string().min(1).max(30).openapi({ description: "A code of the scheme's care categories" }),
  covered: z.boolean(),
  waitingDays: days.default(0).openapi({ description: 'Days from the start of cover before this care is paid' }),
  copayment: z
    .object({ shareBp: basisPoints.default(0), fixed: money.default(0) })
    .default({ shareBp: 0, fixed: 0 })
    .openapi({ description: 'What the member pays at each use: a share of the cost and/or a fixed amount' }),
  deductible: money.default(0).openapi({ description: 'Paid by the member each year before the scheme pays' }),
  ceilingPerMember: money.nullable().default(null).openapi({ description: 'The most paid a year per member' }),
  maxUses: z
    .object({ count: z.number().int().min(1).max(10_000), per: z.enum(['month', 'year']) })
    .nullable()
    .default(null),
});

const Term = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('monthly') }),
  z.object({
    kind: z.literal('yearly'),
    cycleStarts: z
      .array(z.string().regex(/^(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/, 'must be a day of the year as MM-DD'))
      .min(1)
      .max(12)
      .openapi({ description: 'The days of the year cover cycles start, as MM-DD' }),
  }),
]);

export const ProductDefinition = z
  .object({
    covers: z.enum(['member', 'household']).openapi({ description: 'The worker alone, or the household' }),
    dependants: z
      .object({
        relations: z.array(z.enum(['spouse', 'child', 'parent', 'other'])).min(1),
        childMaxAge: z.number().int().min(0).max(30).nullable().default(null),
      })
      .nullable()
      .default(null),
    term: Term,
    grace: z
      .object({ enrolmentDays: days.default(0), renewalDays: days.default(0), paymentDays: days.default(0) })
      .default({ enrolmentDays: 0, renewalDays: 0, paymentDays: 0 }),
    registrationFee: money.default(0),
    householdPricing: z
      .object({
        includedMembers: z.number().int().min(1).max(100),
        extraMemberAmount: money,
      })
      .nullable()
      .default(null)
      .openapi({ description: 'Members beyond includedMembers each pay extraMemberAmount' }),
    earlyEnrolmentDiscount: z
      .object({ shareBp: basisPoints, daysBefore: days })
      .nullable()
      .default(null)
      .openapi({ description: 'Off the contribution for enrolling this many days before the cycle starts' }),
    contributionRuleId: z
      .string()
      .max(100)
      .nullable()
      .default(null)
      .openapi({ description: 'The rule that prices it' }),
    ceilings: z
      .object({
        perMember: money.nullable().default(null),
        perHousehold: money.nullable().default(null),
        inpatientPerMember: money.nullable().default(null),
        outpatientPerMember: money.nullable().default(null),
      })
      .default({ perMember: null, perHousehold: null, inpatientPerMember: null, outpatientPerMember: null })
      .openapi({ description: 'Yearly ceilings' }),
    categories: z
      .array(CategoryTerms)
      .max(200)
      .refine((c) => new Set(c.map((x) => x.category)).size === c.length, 'names a category more than once'),
    cashBenefits: z
      .object({
        sickLeave: z
          .object({ dailyWageShareBp: basisPoints, waitingDays: days, maxDays: days })
          .nullable()
          .default(null),
        maternity: z
          .object({ weeks: z.number().int().min(1).max(52), wageShareBp: basisPoints })
          .nullable()
          .default(null),
      })
      .default({ sickLeave: null, maternity: null }),
  })
  .refine((d) => d.covers === 'household' || d.dependants === null, {
    message: 'a product covering the member alone has no dependants',
    path: ['dependants'],
  })
  .openapi('ProductDefinition');

export const NewProductVersion = z
  .object({ effectiveFrom: isoDate(), definition: ProductDefinition })
  .openapi('NewProductVersion');

export const Product = z
  .object({
    id: z.string(),
    code: z.string(),
    name: z.string(),
    versions: z.array(
      z.object({
        id: z.string(),
        effectiveFrom: z.string(),
        definition: ProductDefinition,
        createdAt: z.string(),
        createdBy: z.string().nullable(),
      }),
    ),
  })
  .openapi('Product');

export const NewProduct = z
  .object({ code, name: z.string().trim().min(1).max(200), version: NewProductVersion })
  .openapi('NewProduct');

export const ProductQuery = z.object({
  q: z.string().max(100).optional(),
  limit: z.coerce.number().int().min(1).max(500).default(50),
  cursor: z.string().max(500).optional(),
});

export const InForceQuery = z.object({
  date: isoDate().optional().openapi({ description: 'The day; today when absent' }),
});
