import { createRoute, z, type OpenAPIHono } from '@hono/zod-openapi';
import { actor, scopeOf, type AppEnv, type Deps } from '../../platform/http/context.js';
import { requireRight } from '../../platform/http/guard.js';
import { answerPhone } from '../sms/service.js';
import type { PhoneCounter } from '../sms/phone-limit.js';
import { step } from './menu.js';

const Session = z
  .object({
    sessionId: z.string().trim().min(1).max(200),
    serviceCode: z.string().max(40).optional(),
    phoneNumber: z.string().trim().min(3).max(40),
    networkCode: z.string().max(40).optional(),
    text: z.string().max(2000).default(''),
  })
  .openapi('UssdSession');

export function ussdRoutes(app: OpenAPIHono<AppEnv>, { db }: Deps, phones: PhoneCounter) {
  app.openapi(
    createRoute({
      method: 'post',
      path: '/api/v1/ussd',
      tags: ['interop'],
      summary: 'A USSD session step: the menu of cover checks, CON to go on, END to finish',
      middleware: [requireRight('message.receive')],
      request: {
        body: {
          content: {
            'application/x-www-form-urlencoded': { schema: Session },
            'application/json': { schema: Session },
          },
        },
      },
      responses: {
        200: { description: 'The screen, as text/plain', content: { 'text/plain': { schema: z.string() } } },
      },
    }),
    async (c) => {
      const form = (c.req.header('content-type') ?? '').includes('form');
      const s = form ? c.req.valid('form') : c.req.valid('json');
      const next = step(s.text);
      if ('screen' in next) return c.text(next.screen, 200);
      const { reply } = await answerPhone(
        phones,
        db,
        actor(c),
        scopeOf(c),
        s.phoneNumber,
        next.query,
        `USSD ${s.text}`,
        s.sessionId,
      );
      return c.text(`END ${reply}`, 200);
    },
  );
}
