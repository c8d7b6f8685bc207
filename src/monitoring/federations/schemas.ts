import { z } from '@hono/zod-openapi';

export const NewFederation = z
  .object({
    name: z.string().trim().min(1).max(200),
    schemeIds: z.array(z.string().min(1).max(100)).min(1).max(500),
    user: z.object({
      username: z.string().regex(/^[A-Za-z0-9._@-]{3,60}$/, 'must be 3-60 letters, digits or . _ @ -'),
      displayName: z.string().trim().min(1).max(200),
      password: z.string().max(200).optional().openapi({ description: 'Generated and answered once when left out' }),
    }),
  })
  .openapi('NewFederation');
