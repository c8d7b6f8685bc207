import { z } from '@hono/zod-openapi';

const minor = (description: string) => z.number().int().min(0).max(1e13).openapi({ description });

export const FixedCost = z.object({
  name: z.string().trim().min(1).max(200),
  group: z.enum(['direct', 'indirect']),
  units: z.number().min(0).max(1e9),
  unitCost: minor('Cost of one unit, in minor units'),
  monthlyCost: minor(
    'In minor units; units × unitCost when left out (give it where the month is not that product: a motorcycle spread over its life, per diem by days)',
  ).optional(),
  allocation: z
    .number()
    .min(0)
    .max(1)
    .openapi({ description: 'The share of the line that goes to collecting premiums (0 to 1)' }),
});

export const CollectionCostingInput = z
  .object({
    currency: z.string().regex(/^[A-Z]{3}$/, 'must be an ISO 4217 code such as USD'),
    fixedCosts: z.array(FixedCost).min(1).max(200),
    variableRates: z
      .array(
        z.object({
          name: z.string().trim().min(1).max(200),
          rate: z.number().min(0).max(1).openapi({ description: 'Share of each premium (0.05 for 5 %)' }),
        }),
      )
      .max(50)
      .default([]),
    periods: z
      .array(
        z.object({
          label: z.string().trim().min(1).max(60),
          months: z.number().int().min(1).max(120),
          premiumsPaid: z.number().int().min(0).max(1e10),
          premiumIncome: minor('Premiums collected in the period, in minor units'),
          providerPayments: minor('Paid to providers in the period (user fees, claims), in minor units').optional(),
        }),
      )
      .min(1)
      .max(240),
  })
  .openapi('CollectionCostingInput');

const Line = z.object({
  name: z.string(),
  group: z.enum(['direct', 'indirect']),
  monthlyCost: z.number().int(),
  allocation: z.number(),
  proportionalCost: z
    .number()
    .int()
    .openapi({ description: 'Its monthly cost × allocation: what collecting premiums costs of it each month' }),
  share: z.number().openapi({ description: 'Of the monthly fixed cost' }),
});

const Period = z.object({
  label: z.string(),
  months: z.number().int(),
  premiumsPaid: z.number().int(),
  premiumIncome: z.number().int(),
  fixedCost: z.number().int(),
  variableCost: z.number().int(),
  collectionCost: z.number().int(),
  providerPayments: z.number().int(),
  totalCost: z.number().int(),
  balance: z.number().int().openapi({ description: 'Premium income less the total cost of the period' }),
  cumulativeBalance: z.number().int(),
  breakEvenPremiums: z
    .number()
    .int()
    .nullable()
    .openapi({ description: 'Premiums the period needs to pay its fixed collection cost' }),
  aboveBreakEven: z.boolean().nullable(),
});

export const CollectionCosting = z
  .object({
    currency: z.string(),
    lines: z.array(Line),
    directMonthlyCost: z.number().int(),
    indirectMonthlyCost: z.number().int(),
    monthlyFixedCost: z.number().int(),
    fixedCostPerPeriod: z.array(z.object({ label: z.string(), amount: z.number().int() })),
    months: z.number().int(),
    premiumsPaid: z.number().int(),
    premiumIncome: z.number().int(),
    fixedCost: z.number().int(),
    variableRate: z.number(),
    variableCost: z.number().int(),
    totalCollectionCost: z.number().int(),
    averagePremium: z.number().int().nullable(),
    costPerPremium: z.number().int().nullable(),
    collectionCostShare: z.number().nullable().openapi({ description: 'Collection cost over premium income' }),
    unitContributionMargin: z
      .number()
      .int()
      .nullable()
      .openapi({ description: 'Average premium less its variable cost' }),
    breakEvenPremiums: z.array(z.object({ label: z.string(), premiums: z.number().int().nullable() })),
    breakEvenPremiumsPerMonth: z.number().nullable(),
    providerPayments: z.number().int(),
    totalCost: z.number().int(),
    deficit: z.number().int().openapi({ description: 'Total cost less premium income; negative for a surplus' }),
    deficitPerPremium: z.number().int().nullable(),
    costShares: z.object({
      fixed: z.number().nullable(),
      variable: z.number().nullable(),
      providerPayments: z.number().nullable(),
    }),
    periods: z.array(Period),
    notes: z.array(z.string()),
  })
  .openapi('CollectionCosting');
