import { createRoute, z, type OpenAPIHono } from '@hono/zod-openapi';
import { actor, scopeOf, type AppEnv, type Deps } from '../platform/http/context.js';
import { requireRight } from '../platform/http/guard.js';
import { IdParam, json, pageOf } from '../platform/http/openapi.js';
import type { Db } from '../platform/db/database.js';
import { getScheme } from '../schemes/service.js';
import {
  Adjustment,
  DocumentQuery,
  NewPaymentRun,
  Paid,
  PaymentRun,
  PaymentRunSummary,
  RunQuery,
  StatementParams,
} from './schemas.js';
import {
  addAdjustment,
  approveRun,
  createRun,
  getRun,
  listRuns,
  markPaid,
  recomputeRun,
  statementOf,
} from './service.js';
import { statementPdf, statementsCsv, type Scheme } from './documents.js';

const documents = {
  200: {
    description: 'A PDF, or CSV with format=csv',
    content: {
      'application/pdf': { schema: z.string().openapi({ format: 'binary' }) },
      'text/csv': { schema: z.string() },
    },
  },
};

async function schemeFor(db: Db, schemeId: string): Promise<Scheme> {
  const s = await getScheme(db.kysely, schemeId);
  return { name: s.name, currency: s.currency, minorUnits: s.currencyMinorUnits };
}

const csvResponse = (text: string, name: string) =>
  new Response(text, {
    status: 200,
    headers: { 'content-type': 'text/csv; charset=utf-8', 'content-disposition': `attachment; filename="${name}.csv"` },
  });

export function paymentRunRoutes(app: OpenAPIHono<AppEnv>, { db }: Deps) {
  const tags = ['provider payments'];
  const byId = { params: IdParam };
  const draftAction = (
    path: string,
    summary: string,
    right: 'payrun.manage' | 'payrun.approve',
    run: typeof approveRun,
  ) =>
    app.openapi(
      createRoute({
        method: 'post',
        path,
        tags,
        summary,
        middleware: [requireRight(right)],
        request: byId,
        responses: { 200: json(PaymentRun, 'The run') },
      }),
      async (c) => c.json(await run(db, actor(c), scopeOf(c), c.req.valid('param').id), 200),
    );

  app.openapi(
    createRoute({
      method: 'get',
      path: '/api/v1/payment-runs',
      tags,
      summary: 'Monthly payment runs, newest month first',
      middleware: [requireRight('payrun.read')],
      request: { query: RunQuery },
      responses: { 200: json(pageOf(PaymentRunSummary, 'PaymentRunPage'), 'A page of runs') },
    }),
    async (c) => c.json(await listRuns(db, scopeOf(c), c.req.valid('query')), 200),
  );
  app.openapi(
    createRoute({
      method: 'post',
      path: '/api/v1/payment-runs',
      tags,
      summary: "A month's payment run, computed at once as a draft",
      middleware: [requireRight('payrun.manage')],
      request: { body: json(NewPaymentRun, 'The month') },
      responses: { 201: json(PaymentRun, 'The draft') },
    }),
    async (c) => c.json(await createRun(db, actor(c), scopeOf(c), c.req.valid('json').period), 201),
  );
  app.openapi(
    createRoute({
      method: 'get',
      path: '/api/v1/payment-runs/{id}',
      tags,
      summary: 'A run with its statement per facility',
      middleware: [requireRight('payrun.read')],
      request: byId,
      responses: { 200: json(PaymentRun, 'The run') },
    }),
    async (c) => c.json(await getRun(db, scopeOf(c), c.req.valid('param').id), 200),
  );
  draftAction(
    '/api/v1/payment-runs/{id}/recompute',
    'Compute a draft again from the facts as they now stand',
    'payrun.manage',
    recomputeRun,
  );
  draftAction(
    '/api/v1/payment-runs/{id}/approve',
    'Approve a draft as computed (refused if the facts changed since): it never changes again',
    'payrun.approve',
    approveRun,
  );
  app.openapi(
    createRoute({
      method: 'post',
      path: '/api/v1/payment-runs/{id}/adjustments',
      tags,
      summary: "Add to (or recover from) a facility's amount in a draft, with a reason",
      middleware: [requireRight('payrun.manage')],
      request: { ...byId, body: json(Adjustment, 'The adjustment') },
      responses: { 200: json(PaymentRun, 'The draft computed again') },
    }),
    async (c) =>
      c.json(await addAdjustment(db, actor(c), scopeOf(c), c.req.valid('param').id, c.req.valid('json')), 200),
  );
  app.openapi(
    createRoute({
      method: 'post',
      path: '/api/v1/payment-runs/{id}/paid',
      tags,
      summary: "Record that an approved run's money went out to the facilities",
      middleware: [requireRight('payrun.approve')],
      request: { ...byId, body: json(Paid, 'When, and the bank reference') },
      responses: { 200: json(PaymentRun, 'The run') },
    }),
    async (c) => c.json(await markPaid(db, actor(c), scopeOf(c), c.req.valid('param').id, c.req.valid('json')), 200),
  );
  app.openapi(
    createRoute({
      method: 'get',
      path: '/api/v1/payment-runs/{id}/statements.csv',
      tags,
      summary: "Every facility's statement lines of a run, as CSV",
      middleware: [requireRight('payrun.read')],
      request: byId,
      responses: { 200: { description: 'CSV', content: { 'text/csv': { schema: z.string() } } } },
    }),
    async (c) => {
      const scope = scopeOf(c);
      const run = await getRun(db, scope, c.req.valid('param').id);
      return csvResponse(
        statementsCsv(await schemeFor(db, scope.schemeId), run, run.statements),
        `statements-${run.period}`,
      );
    },
  );
  app.openapi(
    createRoute({
      method: 'get',
      path: '/api/v1/payment-runs/{id}/statements/{facilityId}',
      tags,
      summary: "One facility's statement of a run, to print (PDF) or as CSV",
      middleware: [requireRight('payrun.read')],
      request: { params: StatementParams, query: DocumentQuery },
      responses: documents,
    }),
    async (c) => {
      const scope = scopeOf(c);
      const { id, facilityId } = c.req.valid('param');
      const { run, statement } = await statementOf(db, scope, id, facilityId);
      const scheme = await schemeFor(db, scope.schemeId);
      const name = `statement-${statement.facilityCode}-${run.period}`;
      if (c.req.valid('query').format === 'csv') return csvResponse(statementsCsv(scheme, run, [statement]), name);
      const pdf = await statementPdf(scheme, run, statement);
      return c.body(new Uint8Array(pdf), 200, {
        'content-type': 'application/pdf',
        'content-disposition': `inline; filename="${name}.pdf"`,
      });
    },
  );
}
