import { createRoute, z, type OpenAPIHono } from '@hono/zod-openapi';
import { actor, scopeOf, type AppEnv, type Deps } from '../../platform/http/context.js';
import { requireRight } from '../../platform/http/guard.js';
import { json } from '../../platform/http/openapi.js';
import { CareCase, CareCaseChange, CodeParam, NewCareCase } from './schemas.js';
import { createCase, findCase, importCases, listCases, updateCase } from './service.js';
import { invalid, notFound } from '../../platform/http/problem.js';
import { keptMinorUnits } from '../service.js';

export function caseRoutes(app: OpenAPIHono<AppEnv>, { db }: Deps) {
  const tags = ['providers'];
  app.openapi(
    createRoute({
      method: 'get',
      path: '/api/v1/care-cases',
      tags,
      summary: 'The case catalogue: each case with its procedures and agreed average cost',
      middleware: [requireRight('contract.read')],
      request: { query: z.object({ category: z.string().max(30).optional() }) },
      responses: { 200: json(z.object({ items: z.array(CareCase) }), 'The catalogue') },
    }),
    async (c) => c.json(await listCases(db, scopeOf(c), c.req.valid('query').category), 200),
  );
  app.openapi(
    createRoute({
      method: 'post',
      path: '/api/v1/care-cases',
      tags,
      summary: 'Add a case to the catalogue',
      middleware: [requireRight('contract.manage')],
      request: { body: json(NewCareCase, 'The case') },
      responses: { 201: json(CareCase, 'Added') },
    }),
    async (c) => c.json(await createCase(db, actor(c), scopeOf(c), c.req.valid('json')), 201),
  );
  app.openapi(
    createRoute({
      method: 'post',
      path: '/api/v1/care-cases/upload',
      tags,
      summary: 'The catalogue from a CSV file: new codes added, known ones changed; one bad row and nothing changes',
      description: 'Columns: code, name, category, procedures (separated by ;), average_cost (major units, as 120.50).',
      middleware: [requireRight('contract.manage')],
      request: { body: { content: { 'text/csv': { schema: z.string() } }, description: 'The catalogue' } },
      responses: { 200: json(z.object({ created: z.number().int(), updated: z.number().int() }), 'Imported') },
    }),
    async (c) => {
      const scope = scopeOf(c);
      const text = await c.req.text().catch(() => {
        throw invalid('file', 'could not be read');
      });
      return c.json(await importCases(db, actor(c), scope, text, await keptMinorUnits(db, scope.schemeId)), 200);
    },
  );
  app.openapi(
    createRoute({
      method: 'get',
      path: '/api/v1/care-cases/{code}',
      tags,
      summary: 'One case',
      middleware: [requireRight('contract.read')],
      request: { params: CodeParam },
      responses: { 200: json(CareCase, 'The case') },
    }),
    async (c) => {
      const { code } = c.req.valid('param');
      const found = await findCase(db.kysely, scopeOf(c).schemeId, code);
      if (!found) throw notFound(`Case ${code}`);
      return c.json(found, 200);
    },
  );
  app.openapi(
    createRoute({
      method: 'patch',
      path: '/api/v1/care-cases/{code}',
      tags,
      summary: 'Change a case (a new average cost applies to claims decided from then on)',
      middleware: [requireRight('contract.manage')],
      request: { params: CodeParam, body: json(CareCaseChange, 'What changes') },
      responses: { 200: json(CareCase, 'The case as it now is') },
    }),
    async (c) =>
      c.json(await updateCase(db, actor(c), scopeOf(c), c.req.valid('param').code, c.req.valid('json')), 200),
  );
}
