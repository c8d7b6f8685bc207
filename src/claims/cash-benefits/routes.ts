import { createRoute, type OpenAPIHono } from '@hono/zod-openapi';
import { actor, scopeOf, type AppEnv, type Deps } from '../../platform/http/context.js';
import { requireRight } from '../../platform/http/guard.js';
import { IdParam, json, pageOf } from '../../platform/http/openapi.js';
import { PaidBack } from '../reimbursements/schemas.js';
import { CashBenefit, CashBenefitQuery, NewCashBenefit } from './schemas.js';
import { getCashBenefit, listCashBenefits, markCashPaid, submitCashBenefit } from './service.js';

export function cashBenefitRoutes(app: OpenAPIHono<AppEnv>, { db }: Deps) {
  const tags = ['claims'];
  app.openapi(
    createRoute({
      method: 'post',
      path: '/api/v1/cash-benefits',
      tags,
      summary: 'Sick leave or maternity: the benefit computed at once from the product and the declared wage',
      description:
        'The same certificate sent again answers the benefit already made (200); with other dates it is refused (409).',
      middleware: [requireRight('benefit.manage')],
      request: { body: json(NewCashBenefit, 'The leave and its certificate') },
      responses: { 201: json(CashBenefit, 'Decided'), 200: json(CashBenefit, 'Already made') },
    }),
    async (c) => {
      const { benefit, repeated } = await submitCashBenefit(db, actor(c), scopeOf(c), c.req.valid('json'));
      return repeated ? c.json(benefit, 200) : c.json(benefit, 201);
    },
  );
  app.openapi(
    createRoute({
      method: 'get',
      path: '/api/v1/cash-benefits',
      tags,
      summary: 'Cash benefits by number; unpaid=true lists those to pay',
      middleware: [requireRight('claim.read')],
      request: { query: CashBenefitQuery },
      responses: { 200: json(pageOf(CashBenefit, 'CashBenefitPage'), 'A page of cash benefits') },
    }),
    async (c) => c.json(await listCashBenefits(db, scopeOf(c), c.req.valid('query')), 200),
  );
  app.openapi(
    createRoute({
      method: 'get',
      path: '/api/v1/cash-benefits/{id}',
      tags,
      summary: 'One cash benefit',
      middleware: [requireRight('claim.read')],
      request: { params: IdParam },
      responses: { 200: json(CashBenefit, 'The benefit') },
    }),
    async (c) => c.json(await getCashBenefit(db, scopeOf(c), c.req.valid('param').id), 200),
  );
  app.openapi(
    createRoute({
      method: 'post',
      path: '/api/v1/cash-benefits/{id}/paid',
      tags,
      summary: 'Record that the benefit was paid to the worker',
      middleware: [requireRight('payment.manage')],
      request: { params: IdParam, body: json(PaidBack, 'When, and the transfer reference') },
      responses: { 200: json(CashBenefit, 'Paid') },
    }),
    async (c) =>
      c.json(await markCashPaid(db, actor(c), scopeOf(c), c.req.valid('param').id, c.req.valid('json')), 200),
  );
}
