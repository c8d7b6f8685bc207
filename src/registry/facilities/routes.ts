import { createRoute, type OpenAPIHono } from '@hono/zod-openapi';
import { actor, scopeOf, type AppEnv, type Deps } from '../../platform/http/context.js';
import { requireRight } from '../../platform/http/guard.js';
import { IdParam, json, pageOf } from '../../platform/http/openapi.js';
import { Facility, FacilityChange, FacilityQuery, NewFacility } from './schemas.js';
import { createFacility, getFacility, listFacilities, updateFacility } from './service.js';

export function facilityRoutes(app: OpenAPIHono<AppEnv>, { db }: Deps) {
  const tags = ['registry'];
  app.openapi(
    createRoute({
      method: 'get',
      path: '/api/v1/facilities',
      tags,
      summary: 'Health facilities the scheme works with',
      middleware: [requireRight('facility.read')],
      request: { query: FacilityQuery },
      responses: { 200: json(pageOf(Facility, 'FacilityPage'), 'A page of facilities') },
    }),
    async (c) => c.json(await listFacilities(db, scopeOf(c), c.req.valid('query')), 200),
  );
  app.openapi(
    createRoute({
      method: 'post',
      path: '/api/v1/facilities',
      tags,
      summary: 'Register a facility',
      middleware: [requireRight('facility.manage')],
      request: { body: json(NewFacility, 'The facility') },
      responses: { 201: json(Facility, 'Created') },
    }),
    async (c) => c.json(await createFacility(db, actor(c), scopeOf(c), c.req.valid('json')), 201),
  );
  app.openapi(
    createRoute({
      method: 'get',
      path: '/api/v1/facilities/{id}',
      tags,
      summary: 'One facility',
      middleware: [requireRight('facility.read')],
      request: { params: IdParam },
      responses: { 200: json(Facility, 'The facility') },
    }),
    async (c) => c.json(await getFacility(db, scopeOf(c), c.req.valid('param').id), 200),
  );
  app.openapi(
    createRoute({
      method: 'patch',
      path: '/api/v1/facilities/{id}',
      tags,
      summary: 'Change a facility',
      middleware: [requireRight('facility.manage')],
      request: { params: IdParam, body: json(FacilityChange, 'What changes') },
      responses: { 200: json(Facility, 'The facility as it now is') },
    }),
    async (c) =>
      c.json(await updateFacility(db, actor(c), scopeOf(c), c.req.valid('param').id, c.req.valid('json')), 200),
  );
}
