import { randomUUID } from 'node:crypto';
import { OpenAPIHono } from '@hono/zod-openapi';
import { getCookie } from 'hono/cookie';
import { authenticate } from '../auth/service.js';
import type { AppEnv, Deps } from './context.js';
import { mountDocs } from './docs.js';
import { errorMapper, problemResponse, validationProblem } from './errors.js';
import { Problem } from './problem.js';
import { mountWeb } from './web.js';
import { SESSION_COOKIE } from '../auth/cookie.js';
import { authRoutes } from '../auth/routes.js';
import { userRoutes } from '../users/routes.js';
import { auditRoutes } from '../audit/routes.js';
import { schemeRoutes } from '../../schemes/routes.js';
import { areaRoutes } from '../../registry/areas/routes.js';
import { employerRoutes } from '../../registry/employers/routes.js';
import { groupRoutes } from '../../registry/groups/routes.js';
import { facilityRoutes } from '../../registry/facilities/routes.js';
import { memberRoutes } from '../../registry/members/routes.js';
import { importRoutes } from '../../registry/imports/routes.js';
import { cardRoutes } from '../../registry/cards/routes.js';
import { contributionRuleRoutes } from '../../schemes/contribution-rules/routes.js';
import { payerRoutes } from '../../schemes/payers/routes.js';
import { productRoutes } from '../../schemes/products/routes.js';
import { previewRoutes } from '../../contributions/preview/routes.js';
import { declarationRoutes } from '../../contributions/declarations/routes.js';
import { paymentRoutes } from '../../contributions/payments/routes.js';
import { collectionRoutes } from '../../contributions/collection/routes.js';
import { coverageRoutes } from '../../coverage/routes.js';
import { eligibilityRoutes } from '../../eligibility/routes.js';
import { visitRoutes } from '../../eligibility/visits/routes.js';
import { smsRoutes } from '../../interop/sms/routes.js';
import { ussdRoutes } from '../../interop/ussd/routes.js';
import { caseRoutes } from '../../schemes/cases/routes.js';
import { priceListRoutes } from '../../schemes/price-lists/routes.js';
import { contractRoutes } from '../../claims/contracts/routes.js';
import { claimRoutes } from '../../claims/routes.js';
import { reimbursementRoutes } from '../../claims/reimbursements/routes.js';
import { cashBenefitRoutes } from '../../claims/cash-benefits/routes.js';
import { paymentRunRoutes } from '../../payments/routes.js';
import { countedBy } from '../../interop/sms/phone-limit.js';
import { ticketRoutes } from '../../care/tickets/routes.js';
import { costingRoutes } from '../../monitoring/costing/routes.js';
import { planningRoutes } from '../../monitoring/planning/routes.js';
import { indicatorRoutes } from '../../monitoring/indicators/routes.js';
import { reportRoutes } from '../../monitoring/reports/routes.js';
import { federationRoutes } from '../../monitoring/federations/routes.js';
import { mapRoutes } from '../../monitoring/map/routes.js';
import { smsSenderFor } from '../../interop/sms/outbound.js';
import { replyFor, surveyText } from '../../interop/sms/reply.js';
import { surveyRoutes } from '../../care/surveys/routes.js';
import { questionsIn } from '../../care/surveys/responses.js';
import { questionsOf } from '../../care/surveys/service.js';
import { schemeLanguage } from '../../interop/sms/service.js';
import { fhirRoutes } from '../../interop/fhir/routes.js';

/** Builds the whole HTTP app from its dependencies; nothing is read from module state. */
export function createApp(deps: Deps) {
  const app = new OpenAPIHono<AppEnv>({
    defaultHook: (result) => {
      if (!result.success) throw validationProblem(result.error, targetName(result.target));
    },
  });

  app.use('*', async (c, next) => {
    const requestId = c.req.header('x-request-id')?.slice(0, 64) || randomUUID();
    c.set('requestId', requestId);
    // Set before the answer is made, so it goes into it: set after, Hono would copy the whole
    // answer to change its headers, and that copy cost more than a desk check itself.
    c.header('x-request-id', requestId);
    const started = performance.now();
    await next();
    // Answers made without the context (static files) get it the slow way.
    if (!c.res.headers.has('x-request-id')) c.header('x-request-id', requestId);
    deps.logger.info(
      {
        requestId,
        method: c.req.method,
        path: c.req.path,
        status: c.res.status,
        ms: Math.round((performance.now() - started) * 10) / 10,
        user: c.get('principal')?.username,
      },
      'request',
    );
  });

  app.use('/api/*', async (c, next) => {
    const header = c.req.header('authorization');
    const token = header?.match(/^Bearer\s+(\S+)$/i)?.[1] ?? getCookie(c, SESSION_COOKIE);
    c.set('token', token);
    c.set('principal', token ? await authenticate(deps.db, token) : undefined);
    await next();
  });

  app.get('/health', (c) => c.json({ status: 'ok', version: deps.version, database: deps.db.engine }));

  authRoutes(app, deps);
  userRoutes(app, deps);
  auditRoutes(app, deps);
  schemeRoutes(app, deps);
  areaRoutes(app, deps);
  employerRoutes(app, deps);
  groupRoutes(app, deps);
  facilityRoutes(app, deps);
  memberRoutes(app, deps);
  importRoutes(app, deps);
  cardRoutes(app, deps);
  contributionRuleRoutes(app, deps);
  payerRoutes(app, deps);
  productRoutes(app, deps);
  previewRoutes(app, deps);
  declarationRoutes(app, deps);
  paymentRoutes(app, deps);
  collectionRoutes(app, deps);
  coverageRoutes(app, deps);
  eligibilityRoutes(app, deps);
  visitRoutes(app, deps);
  caseRoutes(app, deps);
  priceListRoutes(app, deps);
  contractRoutes(app, deps);
  claimRoutes(app, deps);
  reimbursementRoutes(app, deps);
  cashBenefitRoutes(app, deps);
  paymentRunRoutes(app, deps);
  const sender = smsSenderFor(deps.config.smsGateway);
  surveyRoutes(app, deps, {
    sender,
    surveyText: async (survey) => {
      const lang = await schemeLanguage(deps.db, survey.scheme_id);
      // The questions in that language, as the member's web link would show them.
      return surveyText(lang, survey.name, questionsIn(questionsOf(survey), [lang, 'en']).questions);
    },
  });
  ticketRoutes(app, deps, {
    sender,
    resolvedText: async (schemeId, number, resolution) =>
      replyFor(await schemeLanguage(deps.db, schemeId), { kind: 'resolved', number, resolution }),
  });
  costingRoutes(app, deps);
  planningRoutes(app, deps);
  indicatorRoutes(app, deps);
  reportRoutes(app, deps);
  federationRoutes(app, deps);
  mapRoutes(app, deps);
  // One count of questions per phone for both channels (and for all of a server's processes).
  const phones = countedBy(deps.db.peers);
  smsRoutes(app, deps, phones);
  ussdRoutes(app, deps, phones);
  fhirRoutes(app, deps);
  mountDocs(app, deps.version);

  app.all('/api/*', (c) => problemResponse(c, new Problem(404, 'Not found', `No route ${c.req.method} ${c.req.path}`)));
  mountWeb(app);
  app.onError(errorMapper(deps.logger));
  return app;
}

export type App = ReturnType<typeof createApp>;

function targetName(target: string): string {
  return target === 'json'
    ? 'request body'
    : target === 'query'
      ? 'query string'
      : target === 'param'
        ? 'path'
        : target;
}
