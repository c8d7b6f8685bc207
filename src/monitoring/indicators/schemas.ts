import { z } from '@hono/zod-openapi';
import { AREA_LEVELS } from '../../registry/areas/schemas.js';

/** A month as the figures are kept: YYYY-MM. */
export const Month = z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/, 'must be a month as YYYY-MM');

export const UNITS = ['count', 'percent', 'per_1000_year', 'amount', 'days', 'hours', 'score', 'ratio'] as const;

export const Indicator = z
  .object({
    code: z.string(),
    name: z.string(),
    description: z.string(),
    numerator: z.string(),
    denominator: z.string(),
    scale: z.number(),
    unit: z.enum(UNITS),
    change: z.boolean().optional(),
    builtIn: z.boolean(),
  })
  .openapi('Indicator');

export const NewIndicator = z
  .object({
    code: z
      .string()
      .regex(/^[a-z][a-z0-9_]{1,39}$/, 'must be 2 to 40 lower-case letters, digits or _')
      .openapi({ example: 'mas_pilote_7' }),
    name: z.string().trim().min(1).max(200),
    description: z.string().trim().min(1).max(2000).openapi({ description: 'Its definition, shown beside it' }),
    numerator: z.string().trim().min(1).max(500).openapi({ example: 'claims_approved_amount + running_costs' }),
    denominator: z.string().trim().min(1).max(500).openapi({ example: 'contributions_due', description: '1 for none' }),
    scale: z
      .number()
      .positive()
      .max(1e6)
      .default(1)
      .openapi({ description: '100 for a percentage, 12000 per 1,000 members a year over member_months' }),
    unit: z.enum(UNITS),
  })
  .openapi('NewIndicator');

export const ValuesQuery = z.object({
  codes: z
    .string()
    .max(2000)
    .optional()
    .openapi({ description: 'Indicator codes, comma-separated; the built-in ones when left out' }),
  period: z.enum(['month', 'quarter', 'year']).default('month'),
  from: Month,
  to: Month,
  breakdown: z.enum(['scheme', 'employer', 'group', 'facility', 'area']).default('scheme'),
  level: z.enum(AREA_LEVELS).default('district').openapi({ description: 'For the area breakdown' }),
});

const Value = z.object({
  period: z.string(),
  key: z.string().openapi({ description: "The employer's, group's, facility's or area's id; '' for the scheme" }),
  name: z.string().nullable(),
  numerator: z.number(),
  denominator: z.number(),
  value: z.number().nullable(),
});

export const IndicatorValues = z
  .object({
    period: z.string(),
    from: z.string(),
    to: z.string(),
    breakdown: z.string(),
    level: z.string().optional(),
    periods: z.array(z.string()),
    indicators: z.array(
      z.object({
        code: z.string(),
        name: z.string(),
        description: z.string(),
        unit: z.string(),
        values: z.array(Value),
      }),
    ),
  })
  .openapi('IndicatorValues');

export const FinancialEntries = z
  .object({
    month: Month,
    entries: z
      .object({
        running_costs: z.number().int().min(0).max(1e13),
        assets: z.number().int().min(0).max(1e13),
        liabilities: z.number().int().min(0).max(1e13),
        current_assets: z.number().int().min(0).max(1e13),
        current_liabilities: z.number().int().min(0).max(1e13),
      })
      .partial()
      .openapi({ description: 'Amounts in minor units; running costs of the month, balances at its end' }),
  })
  .openapi('FinancialEntries');

export const Refresh = z.object({ from: Month, to: Month }).openapi('FigureRefresh');
