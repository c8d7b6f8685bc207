import { z } from '@hono/zod-openapi';
import { code, money } from '../cases/schemas.js';

/** A service or medicine paid for by fee for service, with who may have it and how often. */
export const PriceItem = z
  .object({
    code,
    name: z.string().trim().min(1).max(200),
    kind: z.enum(['service', 'medicine']),
    price: money.openapi({ description: 'Per unit, in minor units' }),
    sex: z.enum(['F', 'M']).nullable().default(null).openapi({ description: 'Only for patients of this sex' }),
    minAge: z.number().int().min(0).max(130).nullable().default(null),
    maxAge: z.number().int().min(0).max(130).nullable().default(null),
    minIntervalDays: z
      .number()
      .int()
      .min(1)
      .max(3650)
      .nullable()
      .default(null)
      .openapi({ description: 'Days that must pass between two uses by the same member' }),
  })
  .refine((i) => i.minAge === null || i.maxAge === null || i.minAge <= i.maxAge, {
    message: 'minAge is above maxAge',
    path: ['minAge'],
  })
  .openapi('PriceItem');

const items = z
  .array(PriceItem)
  .max(5000)
  .refine((l) => new Set(l.map((i) => i.code)).size === l.length, 'names an item code more than once');

export const PriceList = z
  .object({ id: z.string(), code: z.string(), name: z.string(), items: z.array(PriceItem) })
  .openapi('PriceList');

export const NewPriceList = z.object({ code, name: z.string().trim().min(1).max(200), items }).openapi('NewPriceList');

export const PriceListChange = z
  .object({ name: z.string().trim().min(1).max(200).optional(), items: items.optional() })
  .openapi('PriceListChange');

export const PriceListQuery = z.object({
  q: z.string().max(100).optional(),
  limit: z.coerce.number().int().min(1).max(500).default(50),
  cursor: z.string().max(500).optional(),
});
