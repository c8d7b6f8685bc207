import { z } from '@hono/zod-openapi';
import { isoDate } from '../../platform/http/openapi.js';

export const CheckIn = z
  .object({
    memberId: z.string().min(1).max(60),
    facilityId: z.string().min(1).max(60),
    date: isoDate({ max: 'today' }).optional().openapi({ description: 'The day of the visit; today when absent' }),
    category: z.string().trim().min(1).max(30).optional().openapi({ description: 'The care asked for' }),
    card: z
      .string()
      .trim()
      .min(1)
      .max(8000)
      .optional()
      .openapi({ description: "The card's QR code, when the member showed it: checked and kept with the visit" }),
  })
  .openapi('CheckIn');

export const Visit = z
  .object({
    id: z.string(),
    number: z.string().openapi({ description: 'What the patient form and the claim refer to' }),
    memberId: z.string(),
    memberNumber: z.string(),
    nameLatin: z.string(),
    nameLocal: z.string().nullable(),
    birthDate: z.string(),
    sex: z.string(),
    facilityId: z.string(),
    facilityName: z.string(),
    visitedOn: z.string(),
    category: z.string().nullable(),
    coveredUntil: z.string().nullable(),
    cardId: z.string().nullable(),
    checkedInAt: z.string(),
    checkedInBy: z.string(),
  })
  .openapi('Visit');

export const VisitQuery = z.object({
  facilityId: z.string().min(1).max(60).optional(),
  memberId: z.string().min(1).max(60).optional(),
  date: isoDate().optional(),
  limit: z.coerce.number().int().min(1).max(500).default(100),
  cursor: z.string().max(500).optional(),
});
