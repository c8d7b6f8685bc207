import { createRoute, z, type OpenAPIHono } from '@hono/zod-openapi';
import { actor, scopeOf, type AppEnv, type Deps } from '../../platform/http/context.js';
import { requireRight } from '../../platform/http/guard.js';
import { IdParam, json, pageOf } from '../../platform/http/openapi.js';
import { Assessment, Contract, ContractEnd, ContractQuery, NewAssessment, NewContract } from './schemas.js';
import { createContract, endContract, getContract, listContracts } from './service.js';
import { addAssessment, listAssessments } from './assessments.js';

export function contractRoutes(app: OpenAPIHono<AppEnv>, { db }: Deps) {
  const tags = ['providers'];
  app.openapi(
    createRoute({
      method: 'get',
      path: '/api/v1/contracts',
      tags,
      summary: "Facilities' contracts: the payment mechanism of each care category, by period",
      middleware: [requireRight('contract.read')],
      request: { query: ContractQuery },
      responses: { 200: json(pageOf(Contract, 'ContractPage'), 'A page of contracts') },
    }),
    async (c) => c.json(await listContracts(db, scopeOf(c), c.req.valid('query')), 200),
  );
  app.openapi(
    createRoute({
      method: 'post',
      path: '/api/v1/contracts',
      tags,
      summary: "A facility's contract from a day on (an open-ended earlier one ends the day before)",
      middleware: [requireRight('contract.manage')],
      request: { body: json(NewContract, 'The contract') },
      responses: { 201: json(Contract, 'Made') },
    }),
    async (c) => c.json(await createContract(db, actor(c), scopeOf(c), c.req.valid('json')), 201),
  );
  app.openapi(
    createRoute({
      method: 'get',
      path: '/api/v1/contracts/{id}',
      tags,
      summary: 'One contract',
      middleware: [requireRight('contract.read')],
      request: { params: IdParam },
      responses: { 200: json(Contract, 'The contract') },
    }),
    async (c) => c.json(await getContract(db.kysely, scopeOf(c), c.req.valid('param').id), 200),
  );
  app.openapi(
    createRoute({
      method: 'post',
      path: '/api/v1/contracts/{id}/end',
      tags,
      summary: 'End a contract on a day',
      middleware: [requireRight('contract.manage')],
      request: { params: IdParam, body: json(ContractEnd, 'The last day') },
      responses: { 200: json(Contract, 'The contract as it now is') },
    }),
    async (c) =>
      c.json(await endContract(db, actor(c), scopeOf(c), c.req.valid('param').id, c.req.valid('json').endsOn), 200),
  );
  app.openapi(
    createRoute({
      method: 'get',
      path: '/api/v1/facilities/{id}/quality-assessments',
      tags,
      summary: "A facility's quality scores, newest first, each with the payment coefficient it gives",
      middleware: [requireRight('contract.read')],
      request: { params: IdParam },
      responses: { 200: json(z.object({ items: z.array(Assessment) }), 'The assessments') },
    }),
    async (c) => c.json(await listAssessments(db, scopeOf(c), c.req.valid('param').id), 200),
  );
  app.openapi(
    createRoute({
      method: 'post',
      path: '/api/v1/facilities/{id}/quality-assessments',
      tags,
      summary: "Record a facility's quality score: claims from that day on are paid by the coefficient it gives",
      middleware: [requireRight('contract.manage')],
      request: { params: IdParam, body: json(NewAssessment, 'The assessment') },
      responses: { 201: json(Assessment, 'Recorded') },
    }),
    async (c) =>
      c.json(await addAssessment(db, actor(c), scopeOf(c), c.req.valid('param').id, c.req.valid('json')), 201),
  );
}
