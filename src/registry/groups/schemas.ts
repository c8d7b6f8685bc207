import { z } from '@hono/zod-openapi';

export const GROUP_KINDS = ['village', 'commune', 'cooperative', 'savings_bank', 'other'] as const;

export const Group = z
  .object({
    id: z.string(),
    code: z.string(),
    name: z.string(),
    kind: z.enum(GROUP_KINDS),
    areaId: z.string().nullable(),
    population: z.number().int().nullable(),
    memberCount: z.number().int().optional(),
  })
  .openapi('Group');

export const NewGroup = z
  .object({
    code: z
      .string()
      .trim()
      .regex(/^[A-Za-z0-9_-]{1,30}$/, 'must be 1-30 letters, digits, _ or -'),
    name: z.string().trim().min(1).max(200),
    kind: z.enum(GROUP_KINDS),
    areaId: z.string().nullish(),
    population: z.number().int().min(0).nullish(),
  })
  .openapi('NewGroup');

export const GroupChange = NewGroup.omit({ code: true }).partial().openapi('GroupChange');

export const GroupQuery = z.object({
  q: z.string().max(100).optional(),
  kind: z.enum(GROUP_KINDS).optional(),
  areaId: z.string().max(100).optional(),
  limit: z.coerce.number().int().min(1).max(500).default(50),
  cursor: z.string().max(500).optional(),
});
