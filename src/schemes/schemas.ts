import { z } from '@hono/zod-openapi';

export const LANGUAGES = ['en', 'fr', 'km', 'vi'] as const;

export const Scheme = z
  .object({
    id: z.string(),
    name: z.string(),
    country: z.string(),
    currency: z.string(),
    currencyMinorUnits: z.number().int(),
    languages: z.array(z.enum(LANGUAGES)),
    memberPrefix: z.string(),
    createdAt: z.string(),
    updatedAt: z.string(),
  })
  .openapi('Scheme');

export const SchemeSettings = z
  .object({
    name: z.string().trim().min(1).max(200),
    country: z.string().regex(/^[A-Z]{2}$/, 'must be an ISO 3166 two-letter country code such as KH'),
    currency: z.string().regex(/^[A-Z]{3}$/, 'must be an ISO 4217 currency code such as USD'),
    currencyMinorUnits: z.number().int().min(0).max(4),
    languages: z.array(z.enum(LANGUAGES)).min(1, 'needs at least one language'),
    memberPrefix: z
      .string()
      .regex(/^[A-Z]{0,6}$/, 'must be up to six capital letters A-Z (digits would blur the member number)'),
  })
  .openapi('SchemeSettings');

export const NewScheme = SchemeSettings.extend({
  adminUsername: z.string().regex(/^[a-zA-Z0-9._@-]{3,60}$/, 'must be 3-60 letters, digits or . _ @ -'),
  adminPassword: z.string().max(200).optional(),
}).openapi('NewScheme');
