import { z } from '@hono/zod-openapi';
import { isoDate } from '../../platform/http/openapi.js';
import { money } from '../../schemes/cases/schemas.js';
import { ICD10, STATUSES } from '../schemas.js';

export const RECEIPT_TYPES = ['image/jpeg', 'image/png', 'application/pdf'] as const;
export const MAX_RECEIPT_BYTES = 5 * 1024 * 1024;

const Line = z.object({
  code: z.string().trim().min(1).max(30).openapi({ description: "A service or medicine of the scheme's tariff list" }),
  quantity: z.number().int().min(1).max(10_000),
  unitPrice: money,
});

export const NewReimbursement = z
  .object({
    memberId: z.string().min(1).max(100).optional(),
    memberNumber: z.string().trim().min(1).max(40).optional(),
    providerName: z.string().trim().min(1).max(200).openapi({ description: 'The provider outside the network' }),
    receiptNumber: z.string().trim().min(1).max(60),
    careOn: isoDate({ max: 'today' }),
    category: z.string().trim().min(1).max(30),
    caseCode: z.string().trim().min(1).max(30).optional(),
    diagnosis: z.string().trim().toUpperCase().regex(ICD10, 'must be an ICD-10 code such as J18.9').optional(),
    lines: z.array(Line).max(200).default([]),
    paidByMember: money.openapi({ description: 'What the member paid, as on the receipt' }),
    receipt: z
      .object({
        contentType: z.enum(RECEIPT_TYPES),
        data: z
          .string()
          .max(Math.ceil(MAX_RECEIPT_BYTES / 3) * 4 + 4, 'must be at most 5 MB')
          .regex(/^[A-Za-z0-9+/]+={0,2}$/, 'must be base64'),
      })
      .openapi({ description: 'The receipt: a photo (JPEG, PNG) or a PDF, base64' }),
  })
  .superRefine((r, ctx) => {
    if (!r.memberId === !r.memberNumber) {
      ctx.addIssue({ code: 'custom', path: ['memberNumber'], message: 'give memberId or memberNumber, one of them' });
    }
    const total = r.lines.reduce((s, l) => s + l.quantity * l.unitPrice, 0);
    if (r.lines.length && total !== r.paidByMember) {
      ctx.addIssue({ code: 'custom', path: ['paidByMember'], message: `is not the sum of the lines (${total})` });
    }
  })
  .openapi('NewReimbursement');

const Reason = z.object({ code: z.string(), message: z.string(), line: z.number().int().optional() });

export const Reimbursement = z
  .object({
    id: z.string(),
    number: z.string(),
    memberId: z.string(),
    memberNumber: z.string(),
    nameLatin: z.string(),
    providerName: z.string(),
    receiptNumber: z.string(),
    careOn: z.string(),
    category: z.string(),
    caseCode: z.string().nullable(),
    diagnosis: z.string().nullable(),
    lines: z.array(Line.extend({ approved: z.number().int() })),
    paidByMember: z.number().int(),
    proposed: z.number().int(),
    approved: z.number().int(),
    status: z.enum(STATUSES),
    reasons: z.array(Reason),
    riskScore: z.number().int(),
    receiptUrl: z.string(),
    submittedAt: z.string(),
    submittedBy: z.string(),
    decidedAt: z.string().nullable(),
    decidedBy: z.string().nullable(),
    paidOn: z.string().nullable(),
    paidReference: z.string().nullable(),
  })
  .openapi('Reimbursement');

export const ReimbursementQuery = z.object({
  status: z.enum(STATUSES).optional(),
  memberId: z.string().min(1).max(100).optional(),
  unpaid: z.enum(['true', 'false']).optional().openapi({ description: 'true: approved and not yet paid back' }),
  limit: z.coerce.number().int().min(1).max(500).default(50),
  cursor: z.string().max(500).optional(),
});

export const PaidBack = z
  .object({ paidOn: isoDate({ max: 'today' }), reference: z.string().trim().min(1).max(100).optional() })
  .openapi('PaidBack');
