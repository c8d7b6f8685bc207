import { createRoute, type OpenAPIHono } from '@hono/zod-openapi';
import { actor, scopeOf, type AppEnv, type Deps } from '../../platform/http/context.js';
import { requireRight } from '../../platform/http/guard.js';
import { IdParam, json, pageOf } from '../../platform/http/openapi.js';
import { Area, AreaChange, AreaQuery, NewArea } from './schemas.js';
import { createArea, getArea, listAreas, updateArea } from './service.js';

export function areaRoutes(app: OpenAPIHono<AppEnv>, { db }: Deps) {
  const tags = ['registry'];
  app.openapi(
    createRoute({
      method: 'get',
      path: '/api/v1/areas',
      tags,
      summary: 'Areas: provinces, districts, communes, villages',
      middleware: [requireRight('area.read')],
      request: { query: AreaQuery },
      responses: { 200: json(pageOf(Area, 'AreaPage'), 'A page of areas') },
    }),
    async (c) => c.json(await listAreas(db, scopeOf(c), c.req.valid('query')), 200),
  );
  app.openapi(
    createRoute({
      method: 'post',
      path: '/api/v1/areas',
      tags,
      summary: 'Add an area under its parent',
      middleware: [requireRight('area.manage')],
      request: { body: json(NewArea, 'The area') },
      responses: { 201: json(Area, 'Created') },
    }),
    async (c) => c.json(await createArea(db, actor(c), scopeOf(c), c.req.valid('json')), 201),
  );
  app.openapi(
    createRoute({
      method: 'get',
      path: '/api/v1/areas/{id}',
      tags,
      summary: 'One area',
      middleware: [requireRight('area.read')],
      request: { params: IdParam },
      responses: { 200: json(Area, 'The area') },
    }),
    async (c) => c.json(await getArea(db, scopeOf(c), c.req.valid('param').id), 200),
  );
  app.openapi(
    createRoute({
      method: 'patch',
      path: '/api/v1/areas/{id}',
      tags,
      summary: 'Rename an area or set its population',
      middleware: [requireRight('area.manage')],
      request: { params: IdParam, body: json(AreaChange, 'What changes') },
      responses: { 200: json(Area, 'The area as it now is') },
    }),
    async (c) => c.json(await updateArea(db, actor(c), scopeOf(c), c.req.valid('param').id, c.req.valid('json')), 200),
  );
}
