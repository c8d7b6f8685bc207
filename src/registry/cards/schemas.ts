import { z } from '@hono/zod-openapi';
import { isoDate } from '../../platform/http/openapi.js';

export const Card = z
  .object({
    id: z.string(),
    memberId: z.string(),
    validFrom: z.string(),
    validUntil: z.string(),
    issuedAt: z.string(),
    kid: z.string().openapi({ description: 'The key that signed it' }),
    code: z.string().openapi({ description: "The QR code's text: MOSIP Claim 169, Base45" }),
    revokedAt: z.string().nullable(),
    revokedReason: z.string().nullable(),
  })
  .openapi('Card');

export const NewCard = z.object({
  validUntil: isoDate().optional().openapi({ description: 'Five years from today when absent' }),
});

export const EmployerCards = z.object({
  employerId: z.string().min(1).max(60).openapi({ description: 'Cards for its workers and their households' }),
});

export const Revocation = z.object({
  reason: z.string().trim().min(1).max(200).openapi({ description: 'Lost, stolen, damaged, left the scheme...' }),
});

export const CardKeys = z
  .object({
    algorithm: z.literal('EdDSA'),
    keys: z.array(
      z.object({ kid: z.string(), publicKey: z.string().openapi({ description: 'Raw Ed25519 key, base64url' }) }),
    ),
  })
  .openapi('CardKeys');

export const PrintQuery = z
  .object({ memberId: z.string().min(1).max(60).optional(), employerId: z.string().min(1).max(60).optional() })
  .refine((q) => Boolean(q.memberId) !== Boolean(q.employerId), {
    message: 'give a member or an employer',
    path: ['memberId'],
  });
