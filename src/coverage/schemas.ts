import { z } from '@hono/zod-openapi';
import { isoDate } from '../platform/http/openapi.js';
import { period } from '../contributions/declarations/schemas.js';

const STATES = ['waiting', 'active', 'in_grace', 'suspended', 'lapsed', 'ended'] as const;

export const CoverageQuery = z.object({
  date: isoDate().optional().openapi({ description: 'The day asked about; today when absent' }),
});

export const CoveragePeriod = z
  .object({
    startsOn: z.string(),
    endsOn: z.string(),
    source: z
      .enum(['declaration', 'premium'])
      .openapi({ description: "An employer's declared month, or a household's premium" }),
    sourceId: z.string().openapi({ description: 'The invoice or the premium' }),
    productId: z.string(),
    productName: z.string().nullable(),
    paidOn: z.string().nullable(),
    graceDays: z.number().int(),
    state: z.enum(STATES),
    covered: z.boolean(),
    reason: z
      .object({ code: z.string() })
      .catchall(z.string())
      .openapi({ description: 'Why: a code (paid, payment-grace, unpaid, renewal-grace, …) and its dates' }),
  })
  .openapi('CoveragePeriod');

export const MemberCoverage = z
  .object({
    memberId: z.string(),
    date: z.string(),
    covered: z.boolean(),
    state: z.enum([...STATES, 'none']),
    coveredSince: z.string().nullable().openapi({ description: 'The first day of the unbroken cover the day lies in' }),
    periods: z.array(CoveragePeriod),
  })
  .openapi('MemberCoverage');

export const NewRun = z.object({ period }).openapi('NewCoverageRun');

export const Run = z
  .object({
    id: z.string(),
    state: z.enum(['queued', 'running', 'done', 'failed']),
    period: z.string(),
    done: z.number().int().openapi({ description: 'Invoices done' }),
    total: z.number().int().openapi({ description: 'Invoices of the month' }),
    result: z
      .object({
        invoices: z.number().int(),
        settled: z.number().int(),
        members: z.number().int().openapi({ description: 'Covered by the month: workers and their dependants' }),
        paidMembers: z.number().int(),
      })
      .nullable(),
    error: z.string().nullable(),
    createdAt: z.string(),
    updatedAt: z.string(),
  })
  .openapi('CoverageRun');
