import { createRoute, z, type OpenAPIHono } from '@hono/zod-openapi';
import { schemeOf, type AppEnv, type Deps } from '../http/context.js';
import { requireRight } from '../http/guard.js';
import { json, pageOf, PageQuery } from '../http/openapi.js';
import { readAuditLog } from './log.js';

const AuditEntry = z
  .object({
    id: z.string(),
    at: z.string(),
    userId: z.string().nullable(),
    username: z.string().nullable(),
    action: z.string(),
    entity: z.string(),
    entityId: z.string().nullable(),
    before: z.unknown(),
    after: z.unknown(),
    requestId: z.string().nullable(),
  })
  .openapi('AuditEntry');

/** The audit log can only be read: there is no route that changes or deletes an entry. */
export function auditRoutes(app: OpenAPIHono<AppEnv>, { db }: Deps) {
  app.openapi(
    createRoute({
      method: 'get',
      path: '/api/v1/audit',
      tags: ['audit'],
      summary: 'The audit log, newest first',
      middleware: [requireRight('audit.read')],
      request: {
        query: PageQuery.extend({
          entity: z.string().max(60).optional(),
          entityId: z.string().max(100).optional(),
        }),
      },
      responses: { 200: json(pageOf(AuditEntry, 'AuditPage'), 'A page of entries') },
    }),
    async (c) => c.json(await readAuditLog(db.kysely, schemeOf(c), c.req.valid('query')), 200),
  );
}
