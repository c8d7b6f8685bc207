import { createRoute, z, type OpenAPIHono } from '@hono/zod-openapi';
import { actor, scopeOf, type AppEnv, type Deps } from '../platform/http/context.js';
import { requireRight } from '../platform/http/guard.js';
import { IdParam, json } from '../platform/http/openapi.js';
import { CoverageQuery, MemberCoverage, NewRun, Run } from './schemas.js';
import { getRun, memberCoverage, startMonthRun } from './service.js';

export function coverageRoutes(app: OpenAPIHono<AppEnv>, { db, logger }: Deps) {
  const tags = ['coverage'];
  app.openapi(
    createRoute({
      method: 'get',
      path: '/api/v1/members/{id}/coverage',
      tags,
      summary: "A member's periods of cover, each with its state on the day and why",
      middleware: [requireRight('member.read')],
      request: { params: IdParam, query: CoverageQuery },
      responses: { 200: json(MemberCoverage, 'The cover') },
    }),
    async (c) => c.json(await memberCoverage(db, scopeOf(c), c.req.valid('param').id, c.req.valid('query').date), 200),
  );
  app.openapi(
    createRoute({
      method: 'post',
      path: '/api/v1/coverage/runs',
      tags,
      summary: "The monthly run: every worker's month of cover rebuilt from the month's invoices and payments",
      description: 'Answers at once with the job (202); poll GET /api/v1/coverage/runs/{id}, or send wait=true.',
      middleware: [requireRight('payment.manage')],
      request: {
        query: z.object({ wait: z.enum(['true', 'false']).optional() }),
        body: json(NewRun, 'The month'),
      },
      responses: { 202: json(Run, 'Started'), 200: json(Run, 'Done (with wait=true)') },
    }),
    async (c) => {
      const scope = scopeOf(c);
      const { job, running } = await startMonthRun(db, actor(c), scope, c.req.valid('json').period);
      if (c.req.valid('query').wait === 'true') {
        await running.catch(() => undefined);
        return c.json(await getRun(db, scope, job.id), 200);
      }
      running.catch((err) => logger.warn({ err, jobId: job.id }, 'coverage run failed'));
      return c.json(await getRun(db, scope, job.id), 202);
    },
  );
  app.openapi(
    createRoute({
      method: 'get',
      path: '/api/v1/coverage/runs/{id}',
      tags,
      summary: 'How a monthly run is going',
      middleware: [requireRight('contribution.read')],
      request: { params: IdParam },
      responses: { 200: json(Run, 'The run') },
    }),
    async (c) => c.json(await getRun(db, scopeOf(c), c.req.valid('param').id), 200),
  );
}
