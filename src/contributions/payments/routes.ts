import { createRoute, z, type OpenAPIHono } from '@hono/zod-openapi';
import { createMiddleware } from 'hono/factory';
import type { Selectable } from 'kysely';
import type { PaymentChannelTable } from '../../platform/db/schema.js';
import { systemActor } from '../../platform/audit/audit.js';
import { actor, scopeOf, type AppEnv, type Deps } from '../../platform/http/context.js';
import { requireRight } from '../../platform/http/guard.js';
import { IdParam, json, pageOf } from '../../platform/http/openapi.js';
import { employerArrears, memberArrears } from './arrears.js';
import { closeChannel, createChannel, listChannels, verifiedChannel } from './channels.js';
import {
  Arrears,
  ArrearsQuery,
  Assignment,
  Channel,
  MemberArrears,
  NewChannel,
  NewPayment,
  Notification,
  Payment,
  PaymentQuery,
} from './schemas.js';
import { assignPayment, getPayment, listPayments, receivePayment } from './service.js';

/** The channel whose signature a notification's request carries, found by the middleware that checked it. */
const verified = new WeakMap<Request, Selectable<PaymentChannelTable>>();

export function paymentRoutes(app: OpenAPIHono<AppEnv>, { db }: Deps) {
  const tags = ['contributions'];
  app.openapi(
    createRoute({
      method: 'post',
      path: '/api/v1/payments',
      tags,
      summary: 'Record a payment and apply it to what is owed, oldest month first',
      description:
        'A payment whose debtor is not named and whose reference matches nobody waits in suspense. The same transaction (method and externalId) again is answered with the first payment, marked a duplicate, and applied once.',
      middleware: [requireRight('payment.manage')],
      request: { body: json(NewPayment, 'The payment') },
      responses: { 201: json(Payment, 'Recorded'), 200: json(Payment, 'Received before: the duplicate answered') },
    }),
    async (c) => {
      const p = await receivePayment(db, actor(c), scopeOf(c), c.req.valid('json'));
      return p.duplicate ? c.json(p, 200) : c.json(p, 201);
    },
  );
  app.openapi(
    createRoute({
      method: 'get',
      path: '/api/v1/payments',
      tags,
      summary: 'Payments, newest first; state=suspense gives the suspense list',
      middleware: [requireRight('contribution.read')],
      request: { query: PaymentQuery },
      responses: { 200: json(pageOf(Payment, 'PaymentPage'), 'A page of payments') },
    }),
    async (c) => c.json(await listPayments(db, scopeOf(c), c.req.valid('query')), 200),
  );
  app.openapi(
    createRoute({
      method: 'get',
      path: '/api/v1/payments/{id}',
      tags,
      summary: 'One payment with what it paid',
      middleware: [requireRight('contribution.read')],
      request: { params: IdParam },
      responses: { 200: json(Payment, 'The payment') },
    }),
    async (c) => c.json(await getPayment(db, scopeOf(c), c.req.valid('param').id), 200),
  );
  app.openapi(
    createRoute({
      method: 'post',
      path: '/api/v1/payments/{id}/assign',
      tags,
      summary: 'Settle a payment in suspense by naming whose it is',
      middleware: [requireRight('payment.manage')],
      request: { params: IdParam, body: json(Assignment, 'The employer, payer or member') },
      responses: { 200: json(Payment, 'Assigned and applied') },
    }),
    async (c) =>
      c.json(await assignPayment(db, actor(c), scopeOf(c), c.req.valid('param').id, c.req.valid('json')), 200),
  );
  app.openapi(
    createRoute({
      method: 'get',
      path: '/api/v1/arrears/employers',
      tags,
      summary: 'Employers with months unpaid or part-paid',
      middleware: [requireRight('contribution.read')],
      request: { query: ArrearsQuery },
      responses: { 200: json(pageOf(Arrears, 'EmployerArrearsPage'), 'A page of employers in arrears') },
    }),
    async (c) => c.json(await employerArrears(db, scopeOf(c), c.req.valid('query')), 200),
  );
  app.openapi(
    createRoute({
      method: 'get',
      path: '/api/v1/members/{id}/arrears',
      tags,
      summary: "A worker's months whose contribution is not yet paid",
      middleware: [requireRight('contribution.read')],
      request: { params: IdParam },
      responses: { 200: json(MemberArrears, "The member's unpaid months") },
    }),
    async (c) => c.json(await memberArrears(db, scopeOf(c), c.req.valid('param').id), 200),
  );
  app.openapi(
    createRoute({
      method: 'post',
      path: '/api/v1/payment-channels',
      tags,
      summary: 'Add a bank or mobile-money channel that notifies payments; its secret is shown once',
      middleware: [requireRight('payment.manage')],
      request: { body: json(NewChannel, 'The channel') },
      responses: { 201: json(Channel, 'Added, with its secret') },
    }),
    async (c) => c.json(await createChannel(db, actor(c), scopeOf(c), c.req.valid('json')), 201),
  );
  app.openapi(
    createRoute({
      method: 'get',
      path: '/api/v1/payment-channels',
      tags,
      summary: 'Payment channels (without their secrets)',
      middleware: [requireRight('payment.manage')],
      responses: { 200: json(z.object({ items: z.array(Channel) }), 'The channels') },
    }),
    async (c) => c.json({ items: await listChannels(db, scopeOf(c)) }, 200),
  );
  app.openapi(
    createRoute({
      method: 'post',
      path: '/api/v1/payment-channels/{id}/close',
      tags,
      summary: 'Stop taking notifications from a channel',
      middleware: [requireRight('payment.manage')],
      request: { params: IdParam },
      responses: { 200: json(Channel, 'Closed') },
    }),
    async (c) => c.json(await closeChannel(db, actor(c), scopeOf(c), c.req.valid('param').id), 200),
  );
  app.openapi(
    createRoute({
      method: 'post',
      path: '/api/v1/payment-notifications/{id}',
      tags,
      summary: 'A payment notification from a bank or mobile-money channel, signed with its secret',
      description:
        'Headers: x-riskpool-timestamp (Unix seconds, within five minutes) and x-riskpool-signature (hex HMAC-SHA256 of "timestamp.body" with the channel secret). The reference (an employer or payer code, a member number) says whose debt it pays; a notification sent twice is applied once.',
      // The signature is checked before anything else, so an unsigned caller learns nothing more.
      middleware: [
        createMiddleware<AppEnv>(async (c, next) => {
          const body = await c.req.text();
          const id = c.req.param('id') ?? '';
          const timestamp = c.req.header('x-riskpool-timestamp');
          verified.set(c.req.raw, await verifiedChannel(db, id, timestamp, c.req.header('x-riskpool-signature'), body));
          await next();
        }),
      ],
      request: { params: IdParam, body: json(Notification, 'The notification') },
      responses: { 201: json(Payment, 'Recorded'), 200: json(Payment, 'Received before: the duplicate answered') },
    }),
    async (c) => {
      const channel = verified.get(c.req.raw)!;
      const n = { data: c.req.valid('json') };
      const scope = { schemeId: channel.scheme_id, areaPaths: [] };
      const who = { ...systemActor(channel.scheme_id, `channel:${channel.name}`), requestId: c.get('requestId') };
      const p = await receivePayment(
        db,
        who,
        scope,
        {
          method: channel.method,
          externalId: n.data.transactionId,
          amount: n.data.amount,
          currency: n.data.currency,
          paidOn: n.data.paidOn,
          reference: n.data.reference,
          payerName: n.data.payerName,
        },
        channel.id,
      );
      return p.duplicate ? c.json(p, 200) : c.json(p, 201);
    },
  );
}
