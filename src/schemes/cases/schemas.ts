import { z } from '@hono/zod-openapi';

export const money = z.number().int().min(0).max(Number.MAX_SAFE_INTEGER);
export const code = z
  .string()
  .trim()
  .regex(/^[A-Za-z0-9_.-]{1,30}$/, 'must be 1-30 letters, digits, _, . or -');

export const CareCase = z
  .object({
    code: z.string(),
    name: z.string(),
    category: z.string().openapi({ description: 'The care category the case belongs to' }),
    procedures: z.array(z.string()).openapi({ description: 'The standard set of procedures the case includes' }),
    averageCost: z.number().int().openapi({ description: 'The agreed average cost, in minor units' }),
  })
  .openapi('CareCase');

export const NewCareCase = z
  .object({
    code,
    name: z.string().trim().min(1).max(200),
    category: z.string().trim().min(1).max(30),
    procedures: z.array(z.string().trim().min(1).max(200)).max(100).default([]),
    averageCost: money,
  })
  .openapi('NewCareCase');

export const CareCaseChange = NewCareCase.omit({ code: true }).partial().openapi('CareCaseChange');

export const CodeParam = z.object({ code: z.string().min(1).max(30) });
