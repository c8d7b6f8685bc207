import { createRoute, z, type OpenAPIHono } from '@hono/zod-openapi';
import { actor, scopeOf, type AppEnv, type Deps } from '../../platform/http/context.js';
import { requireRight } from '../../platform/http/guard.js';
import { IdParam, json, PageQuery, pageOf } from '../../platform/http/openapi.js';
import { createCampaign, getCampaign, listCampaigns, recordIntention } from './campaigns.js';
import {
  createCollector,
  getBalance,
  getCollector,
  listCollectors,
  listRemittances,
  remit,
  updateCollector,
} from './collectors.js';
import { collectPremium, getPremium, listPremiums, quotePremium } from './premiums.js';
import { renewalsDue } from './renewals.js';
import {
  Balance,
  Campaign,
  Collector,
  CollectorChange,
  ListQuery,
  NewCampaign,
  NewCollector,
  NewIntention,
  NewPremium,
  NewRemittance,
  PremiumQuery,
  PremiumView,
  Quote,
  QuoteQuery,
  Remittance,
  Renewal,
  RenewalQuery,
} from './schemas.js';

export function collectionRoutes(app: OpenAPIHono<AppEnv>, { db }: Deps) {
  const tags = ['collection'];
  const read = requireRight('contribution.read');
  const organise = requireRight('collection.organise');
  const collect = requireRight('collection.manage');

  app.openapi(
    createRoute({
      method: 'get',
      path: '/api/v1/collectors',
      tags,
      summary: 'Collectors, by name',
      middleware: [read],
      request: { query: ListQuery },
      responses: { 200: json(pageOf(Collector, 'CollectorPage'), 'A page of collectors') },
    }),
    async (c) => c.json(await listCollectors(db, scopeOf(c), c.req.valid('query')), 200),
  );
  app.openapi(
    createRoute({
      method: 'post',
      path: '/api/v1/collectors',
      tags,
      summary: 'Add a collector with their commission',
      middleware: [organise],
      request: { body: json(NewCollector, 'The collector') },
      responses: { 201: json(Collector, 'Added') },
    }),
    async (c) => c.json(await createCollector(db, actor(c), scopeOf(c), c.req.valid('json')), 201),
  );
  app.openapi(
    createRoute({
      method: 'get',
      path: '/api/v1/collectors/{id}',
      tags,
      summary: 'One collector',
      middleware: [read],
      request: { params: IdParam },
      responses: { 200: json(Collector, 'The collector') },
    }),
    async (c) => c.json(await getCollector(db, scopeOf(c), c.req.valid('param').id), 200),
  );
  app.openapi(
    createRoute({
      method: 'patch',
      path: '/api/v1/collectors/{id}',
      tags,
      summary: "Change a collector's commission, user or standing",
      middleware: [organise],
      request: { params: IdParam, body: json(CollectorChange, 'What changes') },
      responses: { 200: json(Collector, 'Changed') },
    }),
    async (c) =>
      c.json(await updateCollector(db, actor(c), scopeOf(c), c.req.valid('param').id, c.req.valid('json')), 200),
  );
  app.openapi(
    createRoute({
      method: 'get',
      path: '/api/v1/collectors/{id}/balance',
      tags,
      summary: 'What a collector collected, kept as commission, remitted, and holds',
      middleware: [read],
      request: { params: IdParam },
      responses: { 200: json(Balance, 'The balance') },
    }),
    async (c) => c.json(await getBalance(db, scopeOf(c), c.req.valid('param').id), 200),
  );
  app.openapi(
    createRoute({
      method: 'get',
      path: '/api/v1/collectors/{id}/remittances',
      tags,
      summary: "A collector's remittances, newest first",
      middleware: [read],
      request: { params: IdParam, query: PageQuery },
      responses: { 200: json(pageOf(Remittance, 'RemittancePage'), 'A page of remittances') },
    }),
    async (c) => c.json(await listRemittances(db, scopeOf(c), c.req.valid('param').id, c.req.valid('query')), 200),
  );
  app.openapi(
    createRoute({
      method: 'post',
      path: '/api/v1/collectors/{id}/remittances',
      tags,
      summary: 'Record cash a collector handed to the scheme',
      middleware: [requireRight('payment.manage')],
      request: { params: IdParam, body: json(NewRemittance, 'The remittance') },
      responses: { 201: json(Remittance, 'Recorded') },
    }),
    async (c) => c.json(await remit(db, actor(c), scopeOf(c), c.req.valid('param').id, c.req.valid('json')), 201),
  );

  app.openapi(
    createRoute({
      method: 'get',
      path: '/api/v1/campaigns',
      tags,
      summary: 'Collection campaigns with their progress against the threshold, newest cycle first',
      middleware: [read],
      request: { query: PageQuery.extend({ groupId: z.string().max(100).optional() }) },
      responses: { 200: json(pageOf(Campaign, 'CampaignPage'), 'A page of campaigns') },
    }),
    async (c) => c.json(await listCampaigns(db, scopeOf(c), c.req.valid('query')), 200),
  );
  app.openapi(
    createRoute({
      method: 'post',
      path: '/api/v1/campaigns',
      tags,
      summary: 'Open a campaign to enrol a group for a cycle of a yearly product',
      middleware: [organise],
      request: { body: json(NewCampaign, 'The campaign') },
      responses: { 201: json(Campaign, 'Opened') },
    }),
    async (c) => c.json(await createCampaign(db, actor(c), scopeOf(c), c.req.valid('json')), 201),
  );
  app.openapi(
    createRoute({
      method: 'get',
      path: '/api/v1/campaigns/{id}',
      tags,
      summary: 'One campaign and its progress',
      middleware: [read],
      request: { params: IdParam },
      responses: { 200: json(Campaign, 'The campaign') },
    }),
    async (c) => c.json(await getCampaign(db, scopeOf(c), c.req.valid('param').id), 200),
  );
  app.openapi(
    createRoute({
      method: 'post',
      path: '/api/v1/campaigns/{id}/intentions',
      tags,
      summary: 'Record that a household intends to enrol',
      middleware: [collect],
      request: { params: IdParam, body: json(NewIntention, 'The household') },
      responses: { 200: json(Campaign, 'Recorded; the progress after it') },
    }),
    async (c) =>
      c.json(await recordIntention(db, actor(c), scopeOf(c), c.req.valid('param').id, c.req.valid('json')), 200),
  );

  app.openapi(
    createRoute({
      method: 'get',
      path: '/api/v1/premiums/quote',
      tags,
      summary: 'What a household owes for its next cycle, and whom it covers',
      middleware: [collect],
      request: { query: QuoteQuery },
      responses: { 200: json(Quote, 'The premium due') },
    }),
    async (c) => c.json(await quotePremium(db, scopeOf(c), c.req.valid('query')), 200),
  );
  app.openapi(
    createRoute({
      method: 'post',
      path: '/api/v1/premiums',
      tags,
      summary: "Collect a household's premium in cash and give a receipt",
      middleware: [collect],
      request: { body: json(NewPremium, 'The premium') },
      responses: { 201: json(PremiumView, 'Collected, with its receipt number') },
    }),
    async (c) => c.json(await collectPremium(db, actor(c), scopeOf(c), c.req.valid('json')), 201),
  );
  app.openapi(
    createRoute({
      method: 'get',
      path: '/api/v1/premiums',
      tags,
      summary: 'Premiums, newest first',
      middleware: [read],
      request: { query: PremiumQuery },
      responses: { 200: json(pageOf(PremiumView, 'PremiumPage'), 'A page of premiums') },
    }),
    async (c) => c.json(await listPremiums(db, scopeOf(c), c.req.valid('query')), 200),
  );
  app.openapi(
    createRoute({
      method: 'get',
      path: '/api/v1/premiums/{id}',
      tags,
      summary: 'One premium',
      middleware: [read],
      request: { params: IdParam },
      responses: { 200: json(PremiumView, 'The premium') },
    }),
    async (c) => c.json(await getPremium(db, scopeOf(c), c.req.valid('param').id), 200),
  );
  app.openapi(
    createRoute({
      method: 'get',
      path: '/api/v1/renewals',
      tags,
      summary: 'Households whose yearly cover ends soon and who have not renewed',
      middleware: [read],
      request: { query: RenewalQuery },
      responses: { 200: json(pageOf(Renewal, 'RenewalPage'), 'A page of households to renew') },
    }),
    async (c) => c.json(await renewalsDue(db, scopeOf(c), c.req.valid('query')), 200),
  );
}
