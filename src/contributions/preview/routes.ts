import { createRoute, type OpenAPIHono } from '@hono/zod-openapi';
import { scopeOf, type AppEnv, type Deps } from '../../platform/http/context.js';
import { requireRight } from '../../platform/http/guard.js';
import { IdParam, json } from '../../platform/http/openapi.js';
import { Preview, PreviewRequest } from '../../schemes/contribution-rules/schemas.js';
import { previewContribution } from './service.js';

export function previewRoutes(app: OpenAPIHono<AppEnv>, { db }: Deps) {
  app.openapi(
    createRoute({
      method: 'post',
      path: '/api/v1/contribution-rules/{id}/preview',
      tags: ['contribution rules'],
      summary: 'What a member would pay under the rule on a day, and who pays the rest (nothing is written)',
      middleware: [requireRight('product.read')],
      request: { params: IdParam, body: json(PreviewRequest, 'The facts: wage, employer, group, income') },
      responses: { 200: json(Preview, 'The contribution, its parts and how it was found') },
    }),
    async (c) => c.json(await previewContribution(db, scopeOf(c), c.req.valid('param').id, c.req.valid('json')), 200),
  );
}
