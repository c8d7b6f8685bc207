import { z } from '@hono/zod-openapi';
import { isoDate } from '../../platform/http/openapi.js';

export const NewCashBenefit = z
  .object({
    memberId: z.string().min(1).max(100).optional(),
    memberNumber: z.string().trim().min(1).max(40).optional(),
    kind: z.enum(['sick_leave', 'maternity']),
    certificate: z.string().trim().min(1).max(60).openapi({ description: "The medical certificate's number" }),
    startsOn: isoDate().openapi({ description: 'The first day off' }),
    endsOn: isoDate().optional().openapi({ description: 'The last day off, for sick leave' }),
  })
  .superRefine((b, ctx) => {
    if (!b.memberId === !b.memberNumber) {
      ctx.addIssue({ code: 'custom', path: ['memberNumber'], message: 'give memberId or memberNumber, one of them' });
    }
    if (b.kind === 'sick_leave' && !b.endsOn) {
      ctx.addIssue({ code: 'custom', path: ['endsOn'], message: 'is needed for sick leave' });
    }
    if (b.kind === 'maternity' && b.endsOn) {
      ctx.addIssue({ code: 'custom', path: ['endsOn'], message: "follows from the product's weeks for maternity" });
    }
    if (b.endsOn && b.endsOn < b.startsOn)
      ctx.addIssue({ code: 'custom', path: ['endsOn'], message: 'is before startsOn' });
    if (b.endsOn && b.endsOn > `${Number(b.startsOn.slice(0, 4)) + 1}${b.startsOn.slice(4)}`) {
      ctx.addIssue({ code: 'custom', path: ['endsOn'], message: 'is more than a year after startsOn' });
    }
  })
  .openapi('NewCashBenefit');

export const CashBenefit = z
  .object({
    id: z.string(),
    number: z.string(),
    memberId: z.string(),
    memberNumber: z.string(),
    nameLatin: z.string(),
    kind: z.enum(['sick_leave', 'maternity']),
    certificate: z.string(),
    startsOn: z.string(),
    endsOn: z.string(),
    days: z.number().int(),
    paidDays: z.number().int(),
    monthlyWage: z.number().int(),
    dailyAmount: z.number().int(),
    amount: z.number().int(),
    status: z.enum(['approved', 'rejected']),
    reasons: z.array(z.object({ code: z.string(), message: z.string() })),
    submittedAt: z.string(),
    submittedBy: z.string(),
    paidOn: z.string().nullable(),
    paidReference: z.string().nullable(),
  })
  .openapi('CashBenefit');

export const CashBenefitQuery = z.object({
  memberId: z.string().min(1).max(100).optional(),
  kind: z.enum(['sick_leave', 'maternity']).optional(),
  unpaid: z.enum(['true', 'false']).optional().openapi({ description: 'true: approved and not yet paid' }),
  limit: z.coerce.number().int().min(1).max(500).default(50),
  cursor: z.string().max(500).optional(),
});
