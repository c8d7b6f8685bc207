import { createRoute, type OpenAPIHono } from '@hono/zod-openapi';
import { scopeOf, type AppEnv, type Deps } from '../../platform/http/context.js';
import { requireRight } from '../../platform/http/guard.js';
import { json } from '../../platform/http/openapi.js';
import { measuredUse } from './measured.js';
import { premiumNeeded } from './premium.js';
import { project } from './projection.js';
import { premiumTables, projectionTables } from './export.js';
import { FormatQuery, tablesAnswer } from '../reports/tables.js';
import { MeasuredQuery, MeasuredUse, PremiumInput, PremiumResult, Projection, ProjectionInput } from './schemas.js';

export function planningRoutes(app: OpenAPIHono<AppEnv>, { db }: Deps) {
  app.openapi(
    createRoute({
      method: 'get',
      path: '/api/v1/planning/measured',
      tags: ['monitoring'],
      summary: "How often members used each kind of care and what a use cost, from the scheme's own claims",
      middleware: [requireRight('report.read')],
      request: { query: MeasuredQuery },
      responses: {
        200: json(MeasuredUse, 'Uses per member per year and average cost, per category; contributions per member'),
      },
    }),
    async (c) => c.json(await measuredUse(db, scopeOf(c), c.req.valid('query')), 200),
  );
  app.openapi(
    createRoute({
      method: 'post',
      path: '/api/v1/planning/premium',
      tags: ['monitoring'],
      summary:
        'The premium needed: the cost of care per member plus loadings for running, collection, reserves and a margin',
      middleware: [requireRight('report.read')],
      request: { query: FormatQuery, body: json(PremiumInput, 'Use and cost per category, and the loadings') },
      responses: { 200: json(PremiumResult, 'The premium needed, beside the current one (or the file asked for)') },
    }),
    async (c) => {
      const result = premiumNeeded(c.req.valid('json'));
      const { format } = c.req.valid('query');
      if (format === 'json') return c.json(result, 200);
      return tablesAnswer(c, premiumTables(result), format, 'The premium needed', 'premium') as never;
    },
  );
  app.openapi(
    createRoute({
      method: 'post',
      path: '/api/v1/planning/projection',
      tags: ['monitoring'],
      summary:
        'Income, expenses and reserves over the years ahead, with growth, renewal, trends and a tapering subsidy',
      middleware: [requireRight('report.read')],
      request: { query: FormatQuery, body: json(ProjectionInput, 'Where the scheme starts, and its assumptions') },
      responses: { 200: json(Projection, 'Year by year (or the file asked for)') },
    }),
    async (c) => {
      const result = project(c.req.valid('json'));
      const { format } = c.req.valid('query');
      if (format === 'json') return c.json(result, 200);
      return tablesAnswer(c, projectionTables(result), format, 'Financial projection', 'projection') as never;
    },
  );
}
