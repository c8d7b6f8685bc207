import { z } from '@hono/zod-openapi';
import { isoDate } from '../../platform/http/openapi.js';

export const METHODS = ['bank_transfer', 'mobile_money', 'savings_debit', 'cash'] as const;

const id = z.string().min(1).max(100);

/** Whose debt a payment pays: an employer's months, a payer's subsidies, or a household's premium. */
const Debtor = {
  employerId: id.optional(),
  payerId: id.optional(),
  memberNumber: z
    .string()
    .trim()
    .min(1)
    .max(40)
    .optional()
    .openapi({ description: 'A member of the household whose yearly premium this pays' }),
};

const oneDebtor = (d: { employerId?: string; payerId?: string; memberNumber?: string }) =>
  [d.employerId, d.payerId, d.memberNumber].filter(Boolean).length <= 1;

export const NewPayment = z
  .object({
    method: z.enum(METHODS),
    externalId: z
      .string()
      .trim()
      .min(1)
      .max(100)
      .openapi({ description: "The payer's own transaction id; the same one twice is applied once" }),
    amount: z.number().int().min(1).max(Number.MAX_SAFE_INTEGER),
    currency: z.string().regex(/^[A-Z]{3}$/, 'must be an ISO 4217 currency code such as USD'),
    paidOn: isoDate({ max: 'today' }),
    reference: z
      .string()
      .trim()
      .max(200)
      .optional()
      .openapi({ description: "What the payer wrote: an employer's code, a payer's code or a member number" }),
    payerName: z.string().trim().max(200).optional(),
    ...Debtor,
  })
  .refine(oneDebtor, { message: 'name at most one of employerId, payerId and memberNumber', path: ['employerId'] })
  .openapi('NewPayment');

export const Assignment = z
  .object(Debtor)
  .refine((d) => oneDebtor(d) && (d.employerId || d.payerId || d.memberNumber), {
    message: 'name exactly one of employerId, payerId and memberNumber',
    path: ['employerId'],
  })
  .openapi('PaymentAssignment');

export const Payment = z
  .object({
    id: z.string(),
    method: z.enum(METHODS),
    externalId: z.string(),
    amount: z.number().int(),
    currency: z.string(),
    paidOn: z.string(),
    reference: z.string().nullable(),
    payerName: z.string().nullable(),
    employerId: z.string().nullable(),
    payerId: z.string().nullable(),
    householdId: z.string().nullable(),
    state: z.enum(['applied', 'suspense']),
    suspenseReason: z.string().nullable(),
    unapplied: z.number().int().openapi({ description: 'Left over once all that was owed is paid: a credit' }),
    allocations: z.array(
      z.object({
        employerId: z.string(),
        period: z.string(),
        payerId: z.string().nullable(),
        amount: z.number().int(),
      }),
    ),
    premiumId: z.string().nullable(),
    duplicate: z.boolean().openapi({ description: 'True when this transaction had been received already' }),
    createdAt: z.string(),
    assignedAt: z.string().nullable(),
    assignedBy: z.string().nullable(),
  })
  .openapi('Payment');

export const PaymentQuery = z.object({
  state: z.enum(['applied', 'suspense']).optional(),
  employerId: id.optional(),
  payerId: id.optional().openapi({ description: "A subsidising payer's payments: what each paid for whom" }),
  limit: z.coerce.number().int().min(1).max(500).default(50),
  cursor: z.string().max(500).optional(),
});

export const Arrears = z
  .object({
    employerId: z.string(),
    employerCode: z.string(),
    employerName: z.string(),
    months: z.array(z.object({ period: z.string(), owed: z.number().int(), paid: z.number().int() })),
    total: z.number().int(),
  })
  .openapi('EmployerArrears');

export const ArrearsQuery = z.object({
  employerId: id.optional(),
  limit: z.coerce.number().int().min(1).max(500).default(50),
  cursor: z.string().max(500).optional(),
});

export const MemberArrears = z
  .object({
    memberId: z.string(),
    months: z.array(
      z.object({
        period: z.string(),
        employerId: z.string(),
        contribution: z.number().int(),
        state: z.enum(['unpaid', 'part-paid']),
      }),
    ),
  })
  .openapi('MemberArrears');

export const NewChannel = z
  .object({ name: z.string().trim().min(1).max(200), method: z.enum(METHODS) })
  .openapi('NewPaymentChannel');

export const Channel = z
  .object({
    id: z.string(),
    name: z.string(),
    method: z.enum(METHODS),
    active: z.boolean(),
    createdAt: z.string(),
    secret: z.string().optional().openapi({ description: 'Shown once, when the channel is made' }),
  })
  .openapi('PaymentChannel');

/** What a bank or mobile-money operator sends; signed with the channel's secret. */
export const Notification = z
  .object({
    transactionId: z.string().trim().min(1).max(100),
    amount: z.number().int().min(1).max(Number.MAX_SAFE_INTEGER),
    currency: z.string().regex(/^[A-Z]{3}$/, 'must be an ISO 4217 currency code such as USD'),
    paidOn: isoDate({ max: 'today' }),
    reference: z.string().trim().max(200).optional(),
    payerName: z.string().trim().max(200).optional(),
  })
  .openapi('PaymentNotification');
