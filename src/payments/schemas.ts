import { z } from '@hono/zod-openapi';
import { isoDate } from '../platform/http/openapi.js';

const period = z
  .string()
  .regex(/^\d{4}-(0[1-9]|1[0-2])$/, 'must be a month as YYYY-MM')
  .openapi({ description: 'The month, YYYY-MM' });

export const NewPaymentRun = z.object({ period }).openapi('NewPaymentRun');

const Line = z.object({
  category: z.string().nullable(),
  mechanism: z.string(),
  claims: z.number().int(),
  basis: z.string().openapi({ description: 'How the amount was reached' }),
  amount: z.number().int(),
});

export const Statement = z
  .object({
    facilityId: z.string(),
    facilityCode: z.string(),
    facilityName: z.string(),
    capitation: z.number().int(),
    caseBased: z.number().int(),
    lumpSum: z.number().int(),
    feeForService: z.number().int(),
    relative: z.number().int(),
    adjustments: z.number().int(),
    total: z.number().int(),
    claims: z.number().int(),
    lines: z.array(Line),
  })
  .openapi('Statement');

export const PaymentRun = z
  .object({
    id: z.string(),
    period: z.string(),
    status: z.enum(['draft', 'approved', 'paid']),
    total: z.number().int(),
    contributions: z.number().int().openapi({ description: "The month's contributions received" }),
    computedAt: z.string().nullable(),
    createdAt: z.string(),
    createdBy: z.string(),
    approvedAt: z.string().nullable(),
    approvedBy: z.string().nullable(),
    paidOn: z.string().nullable(),
    paidReference: z.string().nullable(),
    statements: z.array(Statement),
  })
  .openapi('PaymentRun');

export const PaymentRunSummary = PaymentRun.omit({ statements: true }).openapi('PaymentRunSummary');

export const Adjustment = z
  .object({
    facilityId: z.string().min(1).max(100),
    amount: z
      .number()
      .int()
      .refine((n) => n !== 0, 'must not be zero')
      .openapi({ description: 'Signed, in minor units: a recovery is negative' }),
    reason: z.string().trim().min(1).max(500),
  })
  .openapi('PaymentAdjustment');

export const Paid = z
  .object({ paidOn: isoDate({ max: 'today' }), reference: z.string().trim().min(1).max(100).optional() })
  .openapi('PaymentRunPaid');

export const StatementParams = z.object({ id: z.string().min(1).max(100), facilityId: z.string().min(1).max(100) });

export const DocumentQuery = z.object({ format: z.enum(['pdf', 'csv']).default('pdf') });

export const RunQuery = z.object({
  limit: z.coerce.number().int().min(1).max(500).default(50),
  cursor: z.string().max(500).optional(),
});
