import { createRoute, type OpenAPIHono } from '@hono/zod-openapi';
import { actor, scopeOf, type AppEnv, type Deps } from '../../platform/http/context.js';
import { requireRight } from '../../platform/http/guard.js';
import { IdParam, json, pageOf } from '../../platform/http/openapi.js';
import { NewPayer, Payer, PayerChange, RuleQuery } from '../contribution-rules/schemas.js';
import { createPayer, listPayers, updatePayer } from './service.js';

export function payerRoutes(app: OpenAPIHono<AppEnv>, { db }: Deps) {
  const tags = ['contribution rules'];
  app.openapi(
    createRoute({
      method: 'get',
      path: '/api/v1/payers',
      tags,
      summary: 'Payers of subsidies (government, donor, local authority, social fund)',
      middleware: [requireRight('product.read')],
      request: { query: RuleQuery },
      responses: { 200: json(pageOf(Payer, 'PayerPage'), 'A page of payers') },
    }),
    async (c) => c.json(await listPayers(db, scopeOf(c), c.req.valid('query')), 200),
  );
  app.openapi(
    createRoute({
      method: 'post',
      path: '/api/v1/payers',
      tags,
      summary: 'Add a payer',
      middleware: [requireRight('product.manage')],
      request: { body: json(NewPayer, 'The payer') },
      responses: { 201: json(Payer, 'Created') },
    }),
    async (c) => c.json(await createPayer(db, actor(c), scopeOf(c), c.req.valid('json')), 201),
  );
  app.openapi(
    createRoute({
      method: 'patch',
      path: '/api/v1/payers/{id}',
      tags,
      summary: 'Change a payer',
      middleware: [requireRight('product.manage')],
      request: { params: IdParam, body: json(PayerChange, 'What changes') },
      responses: { 200: json(Payer, 'The payer as it now is') },
    }),
    async (c) => c.json(await updatePayer(db, actor(c), scopeOf(c), c.req.valid('param').id, c.req.valid('json')), 200),
  );
}
