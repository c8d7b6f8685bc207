import { createRoute, z, type OpenAPIHono } from '@hono/zod-openapi';
import { actor, scopeOf, type AppEnv, type Deps } from '../../platform/http/context.js';
import { requireRight } from '../../platform/http/guard.js';
import { IdParam, json } from '../../platform/http/openapi.js';
import { CheckIn, Visit, VisitQuery } from './schemas.js';
import { checkIn, getVisit, listVisits } from './service.js';

export function visitRoutes(app: OpenAPIHono<AppEnv>, { db }: Deps) {
  const tags = ['eligibility'];
  app.openapi(
    createRoute({
      method: 'post',
      path: '/api/v1/visits',
      tags,
      summary: 'Check a member in at the desk: the visit number is what the claim will refer to',
      description:
        'Refused (409) when the member is not covered that day or not for the care asked. Checking the same member in again the same day, at the same facility, for the same care answers the visit already recorded (200).',
      middleware: [requireRight('visit.record')],
      request: { body: json(CheckIn, 'Who, where, and for what') },
      responses: { 201: json(Visit, 'Recorded'), 200: json(Visit, 'Already recorded') },
    }),
    async (c) => {
      const { visit, repeated } = await checkIn(db, actor(c), scopeOf(c), c.req.valid('json'));
      return repeated ? c.json(visit, 200) : c.json(visit, 201);
    },
  );
  app.openapi(
    createRoute({
      method: 'get',
      path: '/api/v1/visits',
      tags,
      summary: "A facility's or a member's visits, by number",
      middleware: [requireRight('visit.read')],
      request: { query: VisitQuery },
      responses: { 200: json(z.object({ items: z.array(Visit), nextCursor: z.string().nullable() }), 'The visits') },
    }),
    async (c) => c.json(await listVisits(db, scopeOf(c), c.req.valid('query')), 200),
  );
  app.openapi(
    createRoute({
      method: 'get',
      path: '/api/v1/visits/{id}',
      tags,
      summary: 'A visit, with what the patient form prints',
      middleware: [requireRight('visit.read')],
      request: { params: IdParam },
      responses: { 200: json(Visit, 'The visit') },
    }),
    async (c) => c.json(await getVisit(db, scopeOf(c), c.req.valid('param').id), 200),
  );
}
