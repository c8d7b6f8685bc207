import { z } from '@hono/zod-openapi';
import { isoDate } from '../../platform/http/openapi.js';

export const FACILITY_TYPES = [
  'national_hospital',
  'referral_hospital',
  'health_centre',
  'private_clinic',
  'private_hospital',
] as const;

export const Facility = z
  .object({
    id: z.string(),
    code: z.string(),
    name: z.string(),
    nameLocal: z.string().nullable(),
    type: z.enum(FACILITY_TYPES),
    ownership: z.enum(['public', 'private']),
    areaId: z.string().nullable(),
    latitude: z.number().nullable(),
    longitude: z.number().nullable(),
    phoneNumbers: z.array(z.string()),
    contractStart: z.string().nullable(),
  })
  .openapi('Facility');

const phone = z
  .string()
  .trim()
  .regex(/^\+?[0-9 ]{6,20}$/, 'must be a phone number: digits, spaces, an optional leading +')
  .transform((s) => s.replace(/\s/g, ''));

// No defaults: a partial change must leave out what it does not change, not null it.
export const NewFacility = z
  .object({
    code: z
      .string()
      .trim()
      .regex(/^[A-Za-z0-9_-]{1,30}$/, 'must be 1-30 letters, digits, _ or -'),
    name: z.string().trim().min(1).max(200),
    nameLocal: z.string().trim().max(200).nullish(),
    type: z.enum(FACILITY_TYPES),
    ownership: z.enum(['public', 'private']),
    areaId: z.string().nullish(),
    latitude: z.number().min(-90).max(90).nullish(),
    longitude: z.number().min(-180).max(180).nullish(),
    phoneNumbers: z.array(phone).max(50).optional(),
    contractStart: isoDate().nullish(),
  })
  .openapi('NewFacility');

export const FacilityChange = NewFacility.omit({ code: true }).partial().openapi('FacilityChange');

export const FacilityQuery = z.object({
  q: z.string().max(100).optional(),
  type: z.enum(FACILITY_TYPES).optional(),
  limit: z.coerce.number().int().min(1).max(500).default(50),
  cursor: z.string().max(500).optional(),
});
