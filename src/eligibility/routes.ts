import { createRoute, type OpenAPIHono } from '@hono/zod-openapi';
import { scopeOf, type AppEnv, type Deps } from '../platform/http/context.js';
import { requireRight } from '../platform/http/guard.js';
import { json } from '../platform/http/openapi.js';
import { EligibilityAnswer, EligibilityQuery } from './schemas.js';
import { checkEligibility } from './service.js';

export function eligibilityRoutes(app: OpenAPIHono<AppEnv>, { db }: Deps) {
  app.openapi(
    createRoute({
      method: 'get',
      path: '/api/v1/eligibility',
      tags: ['eligibility'],
      summary: 'Is this person covered on the day, until when, and for which care',
      description:
        'By member number (a wrong check digit is answered as invalid), factory card number (with the employer code when cards repeat) or national ID. Waiting periods count from the start of unbroken cover.',
      middleware: [requireRight('member.read')],
      request: { query: EligibilityQuery },
      responses: { 200: json(EligibilityAnswer, 'The answer for each person found (none when nobody is)') },
    }),
    async (c) => c.json(await checkEligibility(db, scopeOf(c), c.req.valid('query')), 200),
  );
}
