import { createRoute, type OpenAPIHono } from '@hono/zod-openapi';
import { actor, scopeOf, type AppEnv, type Deps } from '../../platform/http/context.js';
import { requireRight } from '../../platform/http/guard.js';
import { IdParam, json, pageOf } from '../../platform/http/openapi.js';
import { Employer, EmployerChange, EmployerQuery, NewEmployer } from './schemas.js';
import { createEmployer, getEmployer, listEmployers, updateEmployer } from './service.js';

export function employerRoutes(app: OpenAPIHono<AppEnv>, { db }: Deps) {
  const tags = ['registry'];
  app.openapi(
    createRoute({
      method: 'get',
      path: '/api/v1/employers',
      tags,
      summary: 'Employers (factories, enterprises)',
      middleware: [requireRight('employer.read')],
      request: { query: EmployerQuery },
      responses: { 200: json(pageOf(Employer, 'EmployerPage'), 'A page of employers') },
    }),
    async (c) => c.json(await listEmployers(db, scopeOf(c), c.req.valid('query')), 200),
  );
  app.openapi(
    createRoute({
      method: 'post',
      path: '/api/v1/employers',
      tags,
      summary: 'Register an employer',
      middleware: [requireRight('employer.manage')],
      request: { body: json(NewEmployer, 'The employer') },
      responses: { 201: json(Employer, 'Created') },
    }),
    async (c) => c.json(await createEmployer(db, actor(c), scopeOf(c), c.req.valid('json')), 201),
  );
  app.openapi(
    createRoute({
      method: 'get',
      path: '/api/v1/employers/{id}',
      tags,
      summary: 'One employer, with its number of members',
      middleware: [requireRight('employer.read')],
      request: { params: IdParam },
      responses: { 200: json(Employer, 'The employer') },
    }),
    async (c) => c.json(await getEmployer(db, scopeOf(c), c.req.valid('param').id), 200),
  );
  app.openapi(
    createRoute({
      method: 'patch',
      path: '/api/v1/employers/{id}',
      tags,
      summary: 'Change an employer',
      middleware: [requireRight('employer.manage')],
      request: { params: IdParam, body: json(EmployerChange, 'What changes') },
      responses: { 200: json(Employer, 'The employer as it now is') },
    }),
    async (c) =>
      c.json(await updateEmployer(db, actor(c), scopeOf(c), c.req.valid('param').id, c.req.valid('json')), 200),
  );
}
