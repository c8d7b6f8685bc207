import { z } from '@hono/zod-openapi';

const money = z.number().int().min(0).max(Number.MAX_SAFE_INTEGER);
export const period = z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/, 'must be a month as YYYY-MM');

export const DeclarationLineInput = z
  .object({
    memberNumber: z.string().trim().min(1).max(40).optional(),
    memberId: z.string().min(1).max(100).optional(),
    wage: money.nullish().openapi({ description: 'The wage paid for the month, minor units' }),
    daysWorked: z.number().int().min(0).max(31).nullish(),
  })
  .refine((l) => l.memberNumber || l.memberId, {
    message: 'needs the memberNumber or the memberId',
    path: ['memberNumber'],
  });

export const NewDeclaration = z
  .object({
    employerId: z.string().min(1).max(100),
    period,
    lines: z.array(DeclarationLineInput).min(1).max(100_000),
  })
  .openapi('NewDeclaration');

const Parts = {
  amount: z.number().int(),
  memberPart: z.number().int(),
  employerPart: z.number().int(),
};

export const Invoice = z
  .object({
    id: z.string(),
    declarationId: z.string(),
    employerId: z.string(),
    period: z.string(),
    currency: z.string(),
    ...Parts,
    payerParts: z.array(z.object({ payerId: z.string(), amount: z.number().int() })),
    state: z.enum(['open', 'superseded']),
    settledOn: z
      .string()
      .nullable()
      .openapi({ description: "The day the employer's part was paid in full; its workers are covered for the month" }),
    createdAt: z.string(),
  })
  .openapi('Invoice');

export const Declaration = z
  .object({
    id: z.string(),
    employerId: z.string(),
    period: z.string(),
    version: z.number().int(),
    state: z.enum(['current', 'superseded']),
    lineCount: z.number().int(),
    createdAt: z.string(),
    createdBy: z.string().nullable(),
    invoice: Invoice,
  })
  .openapi('Declaration');

export const DeclarationLine = z
  .object({
    line: z.number().int(),
    memberId: z.string(),
    memberNumber: z.string(),
    nameLatin: z.string(),
    wage: z.number().int().nullable(),
    daysWorked: z.number().int().nullable(),
    ...Parts,
    payerPart: z.number().int(),
  })
  .openapi('DeclarationLine');

export const DeclarationQuery = z.object({
  employerId: z.string().max(100).optional(),
  period: period.optional(),
  limit: z.coerce.number().int().min(1).max(500).default(50),
  cursor: z.string().max(500).optional(),
});

export const LinesQuery = z.object({
  limit: z.coerce.number().int().min(1).max(1000).default(200),
  cursor: z.string().max(500).optional(),
});

export const InvoiceQuery = z.object({
  employerId: z.string().max(100).optional(),
  period: period.optional(),
  state: z.enum(['open', 'superseded']).optional(),
  limit: z.coerce.number().int().min(1).max(500).default(50),
  cursor: z.string().max(500).optional(),
});

export const CsvDeclarationQuery = z.object({
  employerId: z.string().min(1).max(100),
  period,
});
