import { createRoute, z, type OpenAPIHono } from '@hono/zod-openapi';
import { actor, scopeOf, type AppEnv, type Deps } from '../../platform/http/context.js';
import { requireRight } from '../../platform/http/guard.js';
import { json } from '../../platform/http/openapi.js';
import { receiveSms } from './service.js';
import { smsSenderFor } from './outbound.js';
import { askFollowUps } from './follow-ups.js';
import type { PhoneCounter } from './phone-limit.js';

/** A message as gateways post it: JSON, or Africa's Talking's form fields (from, to, text, date, id, linkId). */
const Inbound = z
  .object({
    from: z.string().trim().min(3).max(40),
    to: z.string().trim().max(40).optional(),
    // Any text is taken (an empty one, or one of 10,000 characters, is answered with the help).
    text: z.string().max(20_000).default(''),
    id: z.string().max(200).optional(),
    date: z.string().max(60).optional(),
    linkId: z.string().max(200).optional(),
  })
  .openapi('InboundSms');

const Reply = z
  .object({
    to: z.string(),
    message: z.string(),
    sentVia: z
      .string()
      .nullable()
      .openapi({ description: 'The outbound gateway that also sent it, when one is configured' }),
    sendError: z.string().optional().openapi({ description: 'Why the outbound gateway did not send it' }),
  })
  .openapi('SmsReply');

export function smsRoutes(app: OpenAPIHono<AppEnv>, { db, config }: Deps, phones: PhoneCounter) {
  const sender = smsSenderFor(config.smsGateway);
  app.openapi(
    createRoute({
      method: 'post',
      path: '/api/v1/sms/inbound',
      tags: ['interop'],
      summary: 'A text from a health facility asking whether a person is covered, answered in one SMS',
      description:
        'Grammar: the member number; FID <card number> (or FID <employer code> <card number>); NAME <Latin name>. Only phones registered to a facility of the scheme get answers about members. The gateway logs in with its API token (role gateway).',
      middleware: [requireRight('message.receive')],
      request: {
        body: {
          content: {
            'application/json': { schema: Inbound },
            'application/x-www-form-urlencoded': { schema: Inbound },
          },
        },
      },
      responses: { 200: json(Reply, 'The answer to send back') },
    }),
    async (c) => {
      const form = (c.req.header('content-type') ?? '').includes('form');
      const msg = form ? c.req.valid('form') : c.req.valid('json');
      return c.json(await receiveSms(db, actor(c), scopeOf(c), msg, phones, sender), 200);
    },
  );
  app.openapi(
    createRoute({
      method: 'post',
      path: '/api/v1/claim-follow-ups/send',
      tags: ['interop'],
      summary: 'Ask the members drawn after their claims, by SMS through the gateway, about the care claimed for',
      description:
        'Members answer in one text (Y N Y 4: care given, asked to pay, got medicines, a rating of 1 to 5) to the inbound webhook; answers are listed at GET /api/v1/claim-follow-ups.',
      middleware: [requireRight('claim.manage')],
      request: { query: z.object({ limit: z.coerce.number().int().min(1).max(1000).default(200) }) },
      responses: {
        200: json(
          z.object({
            sent: z.number().int(),
            failed: z.number().int(),
            failures: z.array(z.object({ claimId: z.string(), reason: z.string() })),
          }),
          'What was sent, and what the gateway would not take',
        ),
      },
    }),
    async (c) => c.json(await askFollowUps(db, actor(c), scopeOf(c), sender, c.req.valid('query').limit), 200),
  );
}
