import { createRoute, type OpenAPIHono } from '@hono/zod-openapi';
import { actor, scopeOf, type AppEnv, type Deps } from '../../platform/http/context.js';
import { requireRight } from '../../platform/http/guard.js';
import { IdParam, json, pageOf } from '../../platform/http/openapi.js';
import { NewRule, NewVersion, Rule, RuleQuery } from './schemas.js';
import { addVersion, createRule, getRule, listRules } from './service.js';

export function contributionRuleRoutes(app: OpenAPIHono<AppEnv>, { db }: Deps) {
  const tags = ['contribution rules'];
  app.openapi(
    createRoute({
      method: 'get',
      path: '/api/v1/contribution-rules',
      tags,
      summary: 'Contribution rules, each with its versions by effective date',
      middleware: [requireRight('product.read')],
      request: { query: RuleQuery },
      responses: { 200: json(pageOf(Rule, 'ContributionRulePage'), 'A page of rules') },
    }),
    async (c) => c.json(await listRules(db, scopeOf(c), c.req.valid('query')), 200),
  );
  app.openapi(
    createRoute({
      method: 'post',
      path: '/api/v1/contribution-rules',
      tags,
      summary: 'Create a contribution rule with its first version',
      middleware: [requireRight('product.manage')],
      request: { body: json(NewRule, 'The rule') },
      responses: { 201: json(Rule, 'Created') },
    }),
    async (c) => c.json(await createRule(db, actor(c), scopeOf(c), c.req.valid('json')), 201),
  );
  app.openapi(
    createRoute({
      method: 'get',
      path: '/api/v1/contribution-rules/{id}',
      tags,
      summary: 'One rule with all its versions, oldest first',
      middleware: [requireRight('product.read')],
      request: { params: IdParam },
      responses: { 200: json(Rule, 'The rule') },
    }),
    async (c) => c.json(await getRule(db, scopeOf(c), c.req.valid('param').id), 200),
  );
  app.openapi(
    createRoute({
      method: 'post',
      path: '/api/v1/contribution-rules/{id}/versions',
      tags,
      summary: 'Change a rule from a day on (a new version; versions are never edited)',
      middleware: [requireRight('product.manage')],
      request: { params: IdParam, body: json(NewVersion, 'The version') },
      responses: { 201: json(Rule, 'The rule with the new version') },
    }),
    async (c) => c.json(await addVersion(db, actor(c), scopeOf(c), c.req.valid('param').id, c.req.valid('json')), 201),
  );
}
