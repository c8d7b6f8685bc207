import { z } from '@hono/zod-openapi';
import { isoDate } from '../../platform/http/openapi.js';

const id = z.string().min(1).max(100);
const basisPoints = z.number().int().min(0).max(10_000);
const money = z.number().int().min(0).max(Number.MAX_SAFE_INTEGER);
const code = z
  .string()
  .trim()
  .regex(/^[A-Za-z0-9_-]{1,30}$/, 'must be 1-30 letters, digits, _ or -');

export const KINDS = ['commune_council', 'hef_operator', 'agent'] as const;

export const NewCollector = z
  .object({
    code,
    name: z.string().trim().min(1).max(200),
    kind: z.enum(KINDS).openapi({ description: 'A commune council member, a health-equity-fund operator, an agent' }),
    commissionBp: basisPoints.openapi({ description: 'Of each premium collected, in basis points (10 % = 1000)' }),
    phone: z.string().trim().max(40).nullish(),
    areaId: id.nullish(),
    username: z.string().trim().max(100).nullish().openapi({ description: 'The user who collects as this collector' }),
  })
  .openapi('NewCollector');

export const CollectorChange = z
  .object({
    name: z.string().trim().min(1).max(200).optional(),
    commissionBp: basisPoints.optional(),
    phone: z.string().trim().max(40).nullish(),
    username: z.string().trim().max(100).nullish(),
    active: z.boolean().optional(),
  })
  .openapi('CollectorChange');

export const Collector = z
  .object({
    id: z.string(),
    code: z.string(),
    name: z.string(),
    kind: z.enum(KINDS),
    commissionBp: z.number().int(),
    phone: z.string().nullable(),
    areaId: z.string().nullable(),
    username: z.string().nullable(),
    active: z.boolean(),
  })
  .openapi('Collector');

export const Balance = z
  .object({
    collectorId: z.string(),
    collected: z.number().int(),
    commission: z.number().int(),
    remitted: z.number().int(),
    balance: z.number().int().openapi({ description: 'Cash the collector holds for the scheme' }),
    receipts: z.number().int(),
  })
  .openapi('CollectorBalance');

export const NewRemittance = z
  .object({
    amount: money.min(1),
    remittedOn: isoDate({ max: 'today' }),
    reference: z.string().trim().max(200).nullish(),
  })
  .openapi('NewRemittance');

export const Remittance = z
  .object({
    id: z.string(),
    collectorId: z.string(),
    amount: z.number().int(),
    remittedOn: z.string(),
    reference: z.string().nullable(),
    createdAt: z.string(),
  })
  .openapi('Remittance');

export const NewCampaign = z
  .object({
    name: z.string().trim().min(1).max(200),
    groupId: id.openapi({ description: 'The village (or commune, cooperative) the campaign enrols' }),
    productId: id,
    cycleStart: isoDate().openapi({ description: 'The first day of the cover it sells' }),
    opensOn: isoDate(),
    closesOn: isoDate(),
    thresholdBp: basisPoints.openapi({
      description: "Households that must intend to enrol, of the group's, before collecting",
    }),
  })
  .refine((c) => c.opensOn <= c.closesOn, { message: 'must not be before opensOn', path: ['closesOn'] })
  .openapi('NewCampaign');

export const Campaign = z
  .object({
    id: z.string(),
    name: z.string(),
    groupId: z.string(),
    groupName: z.string(),
    productId: z.string(),
    cycleStart: z.string(),
    opensOn: z.string(),
    closesOn: z.string(),
    thresholdBp: z.number().int(),
    progress: z.object({
      households: z.number().int().openapi({ description: 'Households registered in the group' }),
      intending: z.number().int(),
      intendingPersons: z.number().int(),
      intentionRateBp: z.number().int(),
      thresholdMet: z.boolean(),
      paid: z.number().int().openapi({ description: 'Households that have paid' }),
      paidPersons: z.number().int(),
      collected: z.number().int(),
    }),
  })
  .openapi('Campaign');

export const NewIntention = z
  .object({
    memberNumber: z.string().trim().min(1).max(40).openapi({ description: 'Any member of the household' }),
    collectorId: id.nullish(),
  })
  .openapi('NewIntention');

const Household = {
  memberNumber: z.string().trim().min(1).max(40).openapi({ description: 'Any member of the household' }),
};

export const QuoteQuery = z.object({
  ...Household,
  campaignId: id.optional(),
  productId: id.optional(),
  date: isoDate().optional().openapi({ description: 'The day of collection; today when absent' }),
});

export const Quote = z
  .object({
    householdId: z.string(),
    productId: z.string(),
    campaignId: z.string().nullable(),
    coverFrom: z.string(),
    coverTo: z.string(),
    persons: z.number().int(),
    members: z.array(z.object({ id: z.string(), memberNumber: z.string(), nameLatin: z.string() })),
    contribution: z.number().int(),
    registrationFee: z.number().int(),
    discount: z.number().int(),
    amount: z.number().int(),
    reasons: z.array(z.record(z.string(), z.unknown())),
  })
  .openapi('PremiumQuote');

export const NewPremium = z
  .object({
    ...Household,
    campaignId: id.optional(),
    productId: id.optional(),
    collectorId: id.optional().openapi({ description: 'Yourself when you are a collector' }),
    amount: money.min(1).openapi({ description: 'What was handed over: it must be the premium due' }),
    collectedOn: isoDate({ max: 'today' }),
    receiptNumber: z
      .string()
      .trim()
      .min(1)
      .max(40)
      .optional()
      .openapi({ description: "The paper receipt's number; one is given when absent" }),
  })
  .openapi('NewPremium');

export const PremiumView = z
  .object({
    id: z.string(),
    householdId: z.string(),
    productId: z.string(),
    campaignId: z.string().nullable(),
    collectorId: z.string().nullable(),
    paymentId: z.string().nullable(),
    receiptNumber: z.string().nullable(),
    coverFrom: z.string(),
    coverTo: z.string(),
    persons: z.number().int(),
    amount: z.number().int(),
    registrationFee: z.number().int(),
    discount: z.number().int(),
    commission: z.number().int(),
    collectedOn: z.string(),
    createdAt: z.string(),
  })
  .openapi('Premium');

export const PremiumQuery = z.object({
  collectorId: id.optional(),
  campaignId: id.optional(),
  limit: z.coerce.number().int().min(1).max(500).default(50),
  cursor: z.string().max(500).optional(),
});

export const RenewalQuery = z.object({
  collectorId: id.optional(),
  withinDays: z.coerce.number().int().min(0).max(366).default(30),
  date: isoDate().optional(),
  limit: z.coerce.number().int().min(1).max(500).default(100),
  cursor: z.string().max(500).optional(),
});

export const Renewal = z
  .object({
    householdId: z.string(),
    headName: z.string().nullable(),
    memberNumber: z.string().nullable(),
    phone: z.string().nullable(),
    productId: z.string(),
    coverTo: z.string(),
    collectorId: z.string().nullable(),
    collectorName: z.string().nullable(),
  })
  .openapi('Renewal');

export const ListQuery = z.object({
  q: z.string().max(100).optional(),
  limit: z.coerce.number().int().min(1).max(500).default(50),
  cursor: z.string().max(500).optional(),
});
