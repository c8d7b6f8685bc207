import { z } from '@hono/zod-openapi';

export const AREA_LEVELS = ['province', 'district', 'commune', 'village'] as const;

export const Area = z
  .object({
    id: z.string(),
    parentId: z.string().nullable(),
    level: z.enum(AREA_LEVELS),
    code: z.string(),
    name: z.string(),
    nameLocal: z.string().nullable(),
    population: z.number().int().nullable(),
  })
  .openapi('Area');

export const NewArea = z
  .object({
    parentId: z.string().nullish(),
    level: z.enum(AREA_LEVELS),
    code: z.string().trim().min(1).max(40),
    name: z.string().trim().min(1).max(200),
    nameLocal: z.string().trim().max(200).nullish(),
    population: z.number().int().min(0).nullish(),
  })
  .openapi('NewArea');

export const AreaChange = NewArea.pick({ name: true, nameLocal: true, population: true })
  .partial()
  .openapi('AreaChange');

export const AreaQuery = z.object({
  parentId: z.string().max(100).optional().openapi({ description: 'Children of this area; "root" for the top level' }),
  level: z.enum(AREA_LEVELS).optional(),
  limit: z.coerce.number().int().min(1).max(1000).default(200),
  cursor: z.string().max(500).optional(),
});
