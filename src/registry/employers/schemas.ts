import { z } from '@hono/zod-openapi';

export const Employer = z
  .object({
    id: z.string(),
    code: z.string(),
    name: z.string(),
    registrationNumber: z.string().nullable(),
    sector: z.string().nullable(),
    address: z.string().nullable(),
    areaId: z.string().nullable(),
    latitude: z.number().nullable(),
    longitude: z.number().nullable(),
    contactName: z.string().nullable(),
    contactPhone: z.string().nullable(),
    enrolmentMode: z.enum(['voluntary', 'automatic']),
    productId: z.string().nullable().openapi({ description: "The product the employer's workers are enrolled in" }),
    memberCount: z.number().int().optional(),
  })
  .openapi('Employer');

// No defaults: a partial change must leave out what it does not change, not null it.
const text = (max: number) => z.string().trim().max(max).nullish();

export const NewEmployer = z
  .object({
    code: z
      .string()
      .trim()
      .regex(/^[A-Za-z0-9_-]{1,30}$/, 'must be 1-30 letters, digits, _ or -'),
    name: z.string().trim().min(1).max(200),
    registrationNumber: text(60),
    sector: text(100),
    address: text(500),
    areaId: z.string().nullish(),
    latitude: z.number().min(-90).max(90).nullish(),
    longitude: z.number().min(-180).max(180).nullish(),
    contactName: text(200),
    contactPhone: text(30),
    enrolmentMode: z.enum(['voluntary', 'automatic']).optional(),
    productId: z.string().max(100).nullish(),
  })
  .openapi('NewEmployer');

export const EmployerChange = NewEmployer.omit({ code: true }).partial().openapi('EmployerChange');

export const EmployerQuery = z.object({
  q: z.string().max(100).optional().openapi({ description: 'Part of the name or the code' }),
  areaId: z.string().max(100).optional(),
  limit: z.coerce.number().int().min(1).max(500).default(50),
  cursor: z.string().max(500).optional(),
});
