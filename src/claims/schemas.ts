import { z } from '@hono/zod-openapi';
import { isoDate } from '../platform/http/openapi.js';
import { money } from '../schemes/cases/schemas.js';

const Line = z.object({
  code: z.string().trim().min(1).max(30).openapi({ description: 'A service or medicine of the price list' }),
  quantity: z.number().int().min(1).max(10_000),
  unitPrice: money,
});

export const ICD10 = /^[A-TV-Z][0-9][0-9AB](\.[0-9A-TV-Z]{1,4})?$/;

export const NewClaim = z
  .object({
    facilityId: z.string().min(1).max(100),
    externalId: z
      .string()
      .trim()
      .min(1)
      .max(60)
      .openapi({ description: "The facility's own number for the claim: sent again, the claim already made answers" }),
    memberId: z.string().min(1).max(100).optional(),
    memberNumber: z.string().trim().min(1).max(40).optional().openapi({ description: 'Check digit included' }),
    visitNumber: z
      .string()
      .trim()
      .min(1)
      .max(60)
      .optional()
      .openapi({ description: 'The visit checked in at the desk' }),
    category: z.string().trim().min(1).max(30),
    caseCode: z.string().trim().min(1).max(30).optional(),
    diagnosis: z.string().trim().toUpperCase().regex(ICD10, 'must be an ICD-10 code such as J18.9').optional(),
    admittedOn: isoDate({ max: 'today' }).openapi({ description: 'The day of care, or of admission' }),
    dischargedOn: isoDate({ max: 'today' }).optional(),
    claimed: money.openapi({ description: 'The amount claimed, in minor units' }),
    lines: z.array(Line).max(200).default([]),
  })
  .superRefine((c, ctx) => {
    if (!c.memberId && !c.memberNumber && !c.visitNumber) {
      ctx.addIssue({ code: 'custom', path: ['memberNumber'], message: 'name the member, or the visit' });
    }
    if (c.memberId && c.memberNumber) {
      ctx.addIssue({ code: 'custom', path: ['memberId'], message: 'give memberId or memberNumber, not both' });
    }
    if (c.dischargedOn && c.dischargedOn < c.admittedOn) {
      ctx.addIssue({ code: 'custom', path: ['dischargedOn'], message: 'is before admittedOn' });
    }
    const total = c.lines.reduce((s, l) => s + l.quantity * l.unitPrice, 0);
    if (c.lines.length && total !== c.claimed) {
      ctx.addIssue({ code: 'custom', path: ['claimed'], message: `is not the sum of the lines (${total})` });
    }
  })
  .openapi('NewClaim');

export type NewClaimInput = z.infer<typeof NewClaim>;

const Reason = z.object({ code: z.string(), message: z.string(), line: z.number().int().optional() });

export const STATUSES = ['approved', 'partly_approved', 'rejected', 'review'] as const;

export const Claim = z
  .object({
    id: z.string(),
    number: z.string(),
    externalId: z.string(),
    facilityId: z.string(),
    facilityName: z.string(),
    memberId: z.string(),
    memberNumber: z.string(),
    nameLatin: z.string(),
    visitId: z.string().nullable(),
    category: z.string(),
    caseCode: z.string().nullable(),
    diagnosis: z.string().nullable(),
    admittedOn: z.string(),
    dischargedOn: z.string().nullable(),
    claimed: z.number().int(),
    proposed: z.number().int().openapi({ description: 'What the rules would pay' }),
    approved: z.number().int().openapi({ description: 'What is approved; nothing while in review' }),
    memberPays: z.number().int(),
    mechanism: z.string().nullable(),
    status: z.enum(STATUSES),
    reasons: z.array(Reason),
    riskScore: z.number().int(),
    audit: z.enum(['none', 'drawn', 'audited']),
    lines: z.array(Line.extend({ claimed: z.number().int(), approved: z.number().int(), reasons: z.array(Reason) })),
    reviews: z.array(
      z.object({
        kind: z.enum(['review', 'audit']),
        action: z.string(),
        amount: z.number().int(),
        reason: z.string(),
        reviewedAt: z.string(),
        reviewedBy: z.string(),
      }),
    ),
    submittedAt: z.string(),
    submittedBy: z.string(),
    decidedAt: z.string().nullable(),
    decidedBy: z.string().nullable(),
    paymentRunId: z.string().nullable().openapi({ description: 'The monthly payment run that pays the claim' }),
  })
  .openapi('Claim');

export const ClaimBatch = z
  .object({ claims: z.array(z.unknown()).min(1).max(500).openapi({ description: 'Each a NewClaim' }) })
  .openapi('ClaimBatch');

export const ClaimBatchResult = z
  .object({
    results: z.array(
      z.object({
        index: z.number().int(),
        status: z.number().int().openapi({ description: '201 made, 200 already made, 4xx refused' }),
        claim: Claim.optional(),
        errors: z.array(z.object({ field: z.string(), reason: z.string() })).optional(),
      }),
    ),
  })
  .openapi('ClaimBatchResult');

export const ClaimUploadQuery = z.object({
  facilityId: z.string().min(1).max(100).openapi({ description: 'The facility whose claims the file holds' }),
});

export const ClaimUploadResult = z
  .object({
    results: z.array(
      z.object({
        line: z.number().int(),
        status: z.number().int().openapi({ description: '201 made, 200 already made, 4xx refused' }),
        claim: Claim.optional(),
        errors: z.array(z.object({ field: z.string(), reason: z.string() })).optional(),
      }),
    ),
  })
  .openapi('ClaimUploadResult');

export const ClaimQuery = z.object({
  status: z.enum(STATUSES).optional().openapi({ description: 'review lists the queue, riskiest first' }),
  audit: z.enum(['drawn', 'audited']).optional(),
  facilityId: z.string().min(1).max(100).optional(),
  memberId: z.string().min(1).max(100).optional(),
  from: isoDate().optional().openapi({ description: 'Care on or after this day' }),
  to: isoDate().optional().openapi({ description: 'Care on or before this day' }),
  limit: z.coerce.number().int().min(1).max(500).default(50),
  cursor: z.string().max(500).optional(),
});

export const ReviewDecision = z
  .object({
    action: z.enum(['approve', 'adjust', 'reject']),
    amount: money.optional().openapi({ description: 'With adjust: the amount approved' }),
    reason: z.string().trim().min(1).max(1000),
  })
  .refine((r) => r.action !== 'adjust' || r.amount !== undefined, {
    message: 'give the amount approved',
    path: ['amount'],
  })
  .openapi('ReviewDecision');

export const AuditFindings = z
  .object({
    facilityId: z.string().min(1).max(100),
    from: isoDate(),
    to: isoDate(),
    apply: z.boolean().default(false).openapi({ description: 'false shows what would change; true changes it' }),
  })
  .refine((a) => a.from <= a.to, { message: 'is after to', path: ['from'] })
  .openapi('AuditFindings');

export const AuditFindingsResult = z
  .object({
    audited: z.number().int().openapi({ description: 'Sampled claims audited' }),
    approvedBefore: z.number().int(),
    approvedAfterAudit: z.number().int(),
    ratioBp: z.number().int().openapi({ description: 'What the audit kept of what was approved, in basis points' }),
    claims: z.number().int().openapi({ description: 'Other approved claims the ratio applies to' }),
    approved: z.number().int().openapi({ description: 'What those claims have approved' }),
    adjusted: z.number().int().openapi({ description: 'What they would have (or now have) approved' }),
    applied: z.boolean(),
  })
  .openapi('AuditFindingsResult');
