import { createRoute, z, type OpenAPIHono } from '@hono/zod-openapi';
import { schemeOf, type AppEnv, type Deps } from '../http/context.js';
import { requireRight } from '../http/guard.js';
import { decodeCursor, json, page, pageOf, PageQuery } from '../http/openapi.js';

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
    async (c) => {
      const q = c.req.valid('query');
      const before = decodeCursor(q.cursor, 1)?.[0] as string | undefined;
      let query = db.kysely.selectFrom('audit_entry').selectAll().where('scheme_id', '=', schemeOf(c));
      if (q.entity) query = query.where('entity', '=', q.entity);
      if (q.entityId) query = query.where('entity_id', '=', q.entityId);
      if (before) query = query.where('id', '<', before);
      const rows = await query
        .orderBy('id', 'desc')
        .limit(q.limit + 1)
        .execute();
      const result = page(rows, q.limit, (r) => [r.id]);
      return c.json(
        {
          items: result.items.map((r) => ({
            id: r.id,
            at: r.at,
            userId: r.user_id,
            username: r.username,
            action: r.action,
            entity: r.entity,
            entityId: r.entity_id,
            before: r.before_json ? JSON.parse(r.before_json) : null,
            after: r.after_json ? JSON.parse(r.after_json) : null,
            requestId: r.request_id,
          })),
          nextCursor: result.nextCursor,
        },
        200,
      );
    },
  );
}
