import { createRoute, z, type OpenAPIHono } from '@hono/zod-openapi';
import { actor, scopeOf, type AppEnv, type Deps } from '../../platform/http/context.js';
import { requireRight } from '../../platform/http/guard.js';
import { IdParam, json, pageOf } from '../../platform/http/openapi.js';
import { ReviewDecision } from '../schemas.js';
import { NewReimbursement, PaidBack, Reimbursement, ReimbursementQuery } from './schemas.js';
import {
  getReimbursement,
  listReimbursements,
  markPaidBack,
  readReceipt,
  reviewReimbursement,
  submitReimbursement,
} from './service.js';

export function reimbursementRoutes(app: OpenAPIHono<AppEnv>, { db }: Deps) {
  const tags = ['claims'];
  app.openapi(
    createRoute({
      method: 'post',
      path: '/api/v1/reimbursements',
      tags,
      summary: 'Emergency care outside the network, paid by the member: paid back at the tariff, at most what was paid',
      description:
        'Decided at once by the claims rules. The same receipt (member, provider, receipt number) sent again answers the request already made (200); with other content it is refused (409).',
      middleware: [requireRight('benefit.manage')],
      request: { body: json(NewReimbursement, 'The request, with the receipt') },
      responses: { 201: json(Reimbursement, 'Made and decided'), 200: json(Reimbursement, 'Already made') },
    }),
    async (c) => {
      const { reimbursement, repeated } = await submitReimbursement(db, actor(c), scopeOf(c), c.req.valid('json'));
      return repeated ? c.json(reimbursement, 200) : c.json(reimbursement, 201);
    },
  );
  app.openapi(
    createRoute({
      method: 'get',
      path: '/api/v1/reimbursements',
      tags,
      summary: "Members' reimbursements by number; unpaid=true lists those to pay back",
      middleware: [requireRight('claim.read')],
      request: { query: ReimbursementQuery },
      responses: { 200: json(pageOf(Reimbursement, 'ReimbursementPage'), 'A page of reimbursements') },
    }),
    async (c) => c.json(await listReimbursements(db, scopeOf(c), c.req.valid('query')), 200),
  );
  app.openapi(
    createRoute({
      method: 'get',
      path: '/api/v1/reimbursements/{id}',
      tags,
      summary: 'One reimbursement',
      middleware: [requireRight('claim.read')],
      request: { params: IdParam },
      responses: { 200: json(Reimbursement, 'The reimbursement') },
    }),
    async (c) => c.json(await getReimbursement(db, scopeOf(c), c.req.valid('param').id), 200),
  );
  app.openapi(
    createRoute({
      method: 'get',
      path: '/api/v1/reimbursements/{id}/receipt',
      tags,
      summary: 'The receipt, as sent',
      middleware: [requireRight('claim.read')],
      request: { params: IdParam },
      responses: {
        200: {
          description: 'The receipt',
          content: {
            'image/jpeg': { schema: z.string().openapi({ format: 'binary' }) },
            'image/png': { schema: z.string().openapi({ format: 'binary' }) },
            'application/pdf': { schema: z.string().openapi({ format: 'binary' }) },
          },
        },
      },
    }),
    async (c) => {
      const r = await readReceipt(db, scopeOf(c), c.req.valid('param').id);
      return c.body(Buffer.from(r.receipt), 200, {
        'content-type': r.receipt_type,
        'content-disposition': `inline; filename="receipt-${r.number}"`,
      });
    },
  );
  app.openapi(
    createRoute({
      method: 'post',
      path: '/api/v1/reimbursements/{id}/review',
      tags,
      summary: 'Decide a reimbursement in review: approve, adjust (at most what was paid) or reject',
      middleware: [requireRight('claim.review')],
      request: { params: IdParam, body: json(ReviewDecision, 'The decision and its reason') },
      responses: { 200: json(Reimbursement, 'As decided') },
    }),
    async (c) =>
      c.json(await reviewReimbursement(db, actor(c), scopeOf(c), c.req.valid('param').id, c.req.valid('json')), 200),
  );
  app.openapi(
    createRoute({
      method: 'post',
      path: '/api/v1/reimbursements/{id}/paid',
      tags,
      summary: 'Record that the member was paid back',
      middleware: [requireRight('payment.manage')],
      request: { params: IdParam, body: json(PaidBack, 'When, and the transfer reference') },
      responses: { 200: json(Reimbursement, 'Paid') },
    }),
    async (c) =>
      c.json(await markPaidBack(db, actor(c), scopeOf(c), c.req.valid('param').id, c.req.valid('json')), 200),
  );
}
