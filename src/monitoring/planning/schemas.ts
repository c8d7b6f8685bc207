import { z } from '@hono/zod-openapi';
import { isoDate } from '../../platform/http/openapi.js';

const minor = (description: string) => z.number().int().min(0).max(1e13).openapi({ description });
const share = (description: string) => z.number().min(0).max(0.95).openapi({ description });

export const PremiumInput = z
  .object({
    currency: z.string().regex(/^[A-Z]{3}$/, 'must be an ISO 4217 code such as USD'),
    per: z.enum(['month', 'year']).openapi({ description: 'The premium asked for: per member per month or per year' }),
    categories: z
      .array(
        z.object({
          category: z.string().trim().min(1).max(60),
          frequency: z
            .number()
            .min(0)
            .max(100)
            .openapi({ description: 'Uses per member per year (0.02 deliveries, 1.5 consultations)' }),
          averageCost: minor('Average cost of one use, in minor units'),
        }),
      )
      .min(1)
      .max(50),
    loadings: z
      .object({
        runningCosts: share('Share of the premium for running the scheme'),
        collection: share('Share of the premium for collecting it (seed 003: 36.6 %)'),
        reserves: share('Share of the premium put to reserves'),
        safetyMargin: share('Share of the premium kept for what the figures do not foresee'),
      })
      .refine((l) => l.runningCosts + l.collection + l.reserves + l.safetyMargin < 1, {
        message: 'must together be less than the whole premium (under 1)',
      }),
    currentPremium: minor('The premium charged now, per member, per the same period').optional(),
  })
  .openapi('PremiumInput');

export const PremiumResult = z
  .object({
    currency: z.string(),
    per: z.enum(['month', 'year']),
    categories: z.array(
      z.object({
        category: z.string(),
        frequency: z.number(),
        averageCost: z.number().int(),
        costPerMemberYear: z.number().int(),
        share: z.number(),
      }),
    ),
    riskPremiumPerYear: z.number().int().openapi({ description: 'What care costs per member per year' }),
    loadingShare: z.number(),
    grossPremiumPerYear: z.number().int(),
    loadings: z.object({
      runningCosts: z.number().int(),
      collection: z.number().int(),
      reserves: z.number().int(),
      safetyMargin: z.number().int(),
    }),
    premium: z.number().int().openapi({ description: 'Per member, per the period asked for' }),
    riskPremium: z.number().int(),
    currentPremium: z.number().int().nullable(),
    difference: z.number().int().nullable().openapi({ description: 'The premium needed less the current one' }),
    currentCovers: z.number().nullable().openapi({ description: 'The current premium over the one needed' }),
  })
  .openapi('PremiumResult');

export const MeasuredQuery = z.object({
  from: isoDate().openapi({ description: 'First day of the window (a year is usual)' }),
  to: isoDate().openapi({ description: 'Last day of the window' }),
});

export const MeasuredUse = z
  .object({
    from: z.string(),
    to: z.string(),
    memberYears: z.number().openapi({ description: 'Years of cover in the window, summed over members' }),
    categories: z.array(
      z.object({
        category: z.string(),
        claims: z.number().int(),
        approved: z.number().int(),
        frequency: z.number().nullable(),
        averageCost: z.number().int().nullable(),
      }),
    ),
    contributions: z.object({
      income: z
        .number()
        .int()
        .openapi({ description: 'Declared months invoiced and premiums collected in the window' }),
      perMemberMonth: z.number().int().nullable(),
      perMemberYear: z.number().int().nullable(),
    }),
  })
  .openapi('MeasuredUse');

export const ProjectionInput = z
  .object({
    currency: z.string().regex(/^[A-Z]{3}$/, 'must be an ISO 4217 code such as USD'),
    startYear: z.number().int().min(2000).max(2100),
    years: z.number().int().min(1).max(30),
    members: z.number().int().min(0).max(1e9).openapi({ description: 'Members at the start' }),
    growth: z.number().min(0).max(5).openapi({ description: 'New members each year, as a share of the year before' }),
    renewal: z.number().min(0).max(1).openapi({ description: 'Share of members who renew each year' }),
    premiumPerMemberYear: minor('The premium per member per year in the first year'),
    premiumTrend: z.number().min(-0.5).max(1).openapi({ description: 'Yearly change of the premium (0.03 for 3 %)' }),
    costPerMemberYear: minor('What care costs per member per year in the first year'),
    costTrend: z.number().min(-0.5).max(1).openapi({ description: 'Yearly change of the use and cost of care' }),
    runningCostsPerYear: minor('Fixed running costs a year'),
    runningCostPerMember: minor('Running costs per member a year (collection, cards)'),
    subsidy: z
      .object({
        firstYear: minor('The subsidy in the first year'),
        taperYears: z
          .number()
          .int()
          .min(1)
          .max(30)
          .openapi({ description: 'Years over which it falls to nothing, evenly' }),
      })
      .optional(),
    reserves: z.number().int().min(-1e13).max(1e13).openapi({ description: 'Reserves at the start, in minor units' }),
  })
  .openapi('ProjectionInput');

export const Projection = z
  .object({
    currency: z.string(),
    years: z.array(
      z.object({
        year: z.number().int(),
        members: z.number().int(),
        newMembers: z.number().int(),
        renewed: z.number().int(),
        premium: z.number().int(),
        premiumIncome: z.number().int(),
        subsidy: z.number().int(),
        income: z.number().int(),
        careCost: z.number().int(),
        runningCosts: z.number().int(),
        expenses: z.number().int(),
        result: z.number().int(),
        reserves: z.number().int(),
        reserveMonths: z
          .number()
          .nullable()
          .openapi({ description: "Months of the year's expenses the reserves would pay" }),
      }),
    ),
    reservesRunOut: z
      .number()
      .int()
      .nullable()
      .openapi({ description: 'The first year whose reserves end below nothing' }),
  })
  .openapi('Projection');
