import { createRoute, type OpenAPIHono } from '@hono/zod-openapi';
import { actor, scopeOf, type AppEnv, type Deps } from '../../platform/http/context.js';
import { requireRight } from '../../platform/http/guard.js';
import { IdParam, json, pageOf } from '../../platform/http/openapi.js';
import { NewPriceList, PriceList, PriceListChange, PriceListQuery } from './schemas.js';
import { createPriceList, findPriceList, listPriceLists, updatePriceList } from './service.js';

export function priceListRoutes(app: OpenAPIHono<AppEnv>, { db }: Deps) {
  const tags = ['providers'];
  app.openapi(
    createRoute({
      method: 'get',
      path: '/api/v1/price-lists',
      tags,
      summary: 'Price lists of services and medicines, for fee-for-service contracts',
      middleware: [requireRight('contract.read')],
      request: { query: PriceListQuery },
      responses: { 200: json(pageOf(PriceList, 'PriceListPage'), 'A page of price lists') },
    }),
    async (c) => c.json(await listPriceLists(db, scopeOf(c), c.req.valid('query')), 200),
  );
  app.openapi(
    createRoute({
      method: 'post',
      path: '/api/v1/price-lists',
      tags,
      summary: 'Add a price list',
      middleware: [requireRight('contract.manage')],
      request: { body: json(NewPriceList, 'The list') },
      responses: { 201: json(PriceList, 'Added') },
    }),
    async (c) => c.json(await createPriceList(db, actor(c), scopeOf(c), c.req.valid('json')), 201),
  );
  app.openapi(
    createRoute({
      method: 'get',
      path: '/api/v1/price-lists/{id}',
      tags,
      summary: 'One price list',
      middleware: [requireRight('contract.read')],
      request: { params: IdParam },
      responses: { 200: json(PriceList, 'The list') },
    }),
    async (c) => c.json(await findPriceList(db.kysely, scopeOf(c).schemeId, c.req.valid('param').id), 200),
  );
  app.openapi(
    createRoute({
      method: 'patch',
      path: '/api/v1/price-lists/{id}',
      tags,
      summary: 'Change a price list (new prices apply to claims decided from then on)',
      middleware: [requireRight('contract.manage')],
      request: { params: IdParam, body: json(PriceListChange, 'What changes') },
      responses: { 200: json(PriceList, 'The list as it now is') },
    }),
    async (c) =>
      c.json(await updatePriceList(db, actor(c), scopeOf(c), c.req.valid('param').id, c.req.valid('json')), 200),
  );
}
