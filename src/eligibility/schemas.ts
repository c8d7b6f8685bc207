import { z } from '@hono/zod-openapi';
import { isoDate } from '../platform/http/openapi.js';

export const EligibilityQuery = z
  .object({
    member: z
      .string()
      .trim()
      .min(1)
      .max(40)
      .optional()
      .openapi({ description: 'The member number, check digit included' }),
    fid: z.string().trim().min(1).max(60).optional().openapi({ description: 'A factory ID card number' }),
    employer: z.string().trim().min(1).max(60).optional().openapi({ description: "The employer's code, with fid" }),
    nid: z.string().trim().min(1).max(60).optional().openapi({ description: 'A national ID number' }),
    name: z
      .string()
      .trim()
      .min(1)
      .max(200)
      .optional()
      .openapi({ description: 'The Latin name; spelling variants match' }),
    card: z.string().trim().min(1).max(8000).optional().openapi({
      description: "The text of the card's QR code (MOSIP Claim 169): signature, dates and revocation checked",
    }),
    date: isoDate().optional().openapi({ description: 'The day of care; today when absent' }),
    category: z.string().trim().min(1).max(30).optional().openapi({ description: 'One care category to answer for' }),
  })
  .refine((q) => [q.member, q.fid, q.nid, q.name, q.card].filter(Boolean).length === 1, {
    message: 'give exactly one of member, fid, nid, name and card',
    path: ['member'],
  });

const Answer = z.object({
  memberId: z.string(),
  memberNumber: z.string(),
  nameLatin: z.string(),
  nameLocal: z.string().nullable(),
  birthDate: z.string(),
  sex: z.enum(['F', 'M']),
  photoUrl: z.string().nullable(),
  date: z.string(),
  covered: z.boolean(),
  state: z.string(),
  coveredSince: z.string().nullable(),
  coveredUntil: z.string().nullable(),
  productId: z.string().nullable(),
  card: z
    .object({ id: z.string(), validFrom: z.string(), validUntil: z.string() })
    .nullable()
    .openapi({ description: 'The card checked, when the check was by card' }),
  categories: z.array(
    z.object({
      category: z.string(),
      covered: z.boolean(),
      waitingUntil: z.string().nullable(),
      ceilingPerMember: z.number().int().nullable(),
      ceilingLeft: z
        .number()
        .int()
        .nullable()
        .openapi({ description: 'What is left this calendar year under the ceilings that apply; null when none does' }),
    }),
  ),
});

export const EligibilityAnswer = z
  .object({ matches: z.array(Answer).openapi({ description: 'One member, or several when an ID is shared' }) })
  .openapi('Eligibility');
