import { createRoute, z, type OpenAPIHono } from '@hono/zod-openapi';
import { actor, scopeOf, type AppEnv, type Deps } from '../../platform/http/context.js';
import { requireRight } from '../../platform/http/guard.js';
import { json, noContent } from '../../platform/http/openapi.js';
import { allIndicators } from './catalogue.js';
import { createIndicator, deleteIndicator, enterFinancials, refreshNow } from './service.js';
import { indicatorValues } from './values.js';
import { definitionsTable, valuesPdf, valuesTable } from './export.js';
import { fileAnswer, tableCsv, tableXlsx } from '../reports/tables.js';
import { FinancialEntries, Indicator, IndicatorValues, NewIndicator, Refresh, ValuesQuery } from './schemas.js';

export function indicatorRoutes(app: OpenAPIHono<AppEnv>, { db }: Deps) {
  app.openapi(
    createRoute({
      method: 'get',
      path: '/api/v1/indicators',
      tags: ['monitoring'],
      summary:
        'The indicators: built-in, per care category and satisfaction dimension, and the scheme’s own, each with its definition',
      middleware: [requireRight('report.read')],
      responses: { 200: json(z.object({ items: z.array(Indicator) }), 'The indicators') },
    }),
    async (c) => c.json({ items: await allIndicators(db, scopeOf(c).schemeId) }, 200),
  );
  app.openapi(
    createRoute({
      method: 'get',
      path: '/api/v1/indicators/values',
      tags: ['monitoring'],
      summary: 'Indicator values per month, quarter or year, for the scheme or by employer, group, facility or area',
      description:
        'Each value keeps its numerator and denominator. Read from the monthly figures (refreshed every few minutes).',
      middleware: [requireRight('report.read')],
      request: { query: ValuesQuery },
      responses: { 200: json(IndicatorValues, 'The values') },
    }),
    async (c) => c.json(await indicatorValues(db, scopeOf(c), c.req.valid('query')), 200),
  );
  app.openapi(
    createRoute({
      method: 'get',
      path: '/api/v1/indicators/export',
      tags: ['monitoring'],
      summary: 'The same values as a file: CSV, XLSX (with the definitions) or a printable PDF',
      middleware: [requireRight('report.read')],
      request: { query: ValuesQuery.extend({ format: z.enum(['csv', 'xlsx', 'pdf']) }) },
      responses: { 200: { description: 'The file' } },
    }),
    async (c) => {
      const { format, ...q } = c.req.valid('query');
      const scope = scopeOf(c);
      const values = await indicatorValues(db, scope, q);
      const scheme = await db.kysely
        .selectFrom('scheme')
        .select('name')
        .where('id', '=', scope.schemeId)
        .executeTakeFirstOrThrow();
      const name = `indicators-${q.from}-${q.to}`;
      if (format === 'csv') return fileAnswer(c, format, name, tableCsv(valuesTable(values)));
      if (format === 'xlsx')
        return fileAnswer(c, format, name, await tableXlsx(valuesTable(values), definitionsTable(values)));
      return fileAnswer(c, format, name, await valuesPdf(values, scheme.name));
    },
  );
  app.openapi(
    createRoute({
      method: 'post',
      path: '/api/v1/indicators',
      tags: ['monitoring'],
      summary: 'Define an indicator of the scheme’s own: a sum of figures over a sum of figures, times a scale',
      middleware: [requireRight('report.manage')],
      request: { body: json(NewIndicator, 'The indicator') },
      responses: { 201: json(Indicator, 'The indicator') },
    }),
    async (c) => c.json(await createIndicator(db, actor(c), scopeOf(c), c.req.valid('json')), 201),
  );
  app.openapi(
    createRoute({
      method: 'delete',
      path: '/api/v1/indicators/{code}',
      tags: ['monitoring'],
      summary: 'Remove an indicator of the scheme’s own',
      middleware: [requireRight('report.manage')],
      request: { params: z.object({ code: z.string().min(1).max(60) }) },
      responses: noContent,
    }),
    async (c) => {
      await deleteIndicator(db, actor(c), scopeOf(c), c.req.valid('param').code);
      return c.body(null, 204);
    },
  );
  app.openapi(
    createRoute({
      method: 'put',
      path: '/api/v1/financial-entries',
      tags: ['monitoring'],
      summary: 'Enter a month’s running costs and balances (for the expense ratios, solvency and liquidity)',
      middleware: [requireRight('report.manage')],
      request: { body: json(FinancialEntries, 'The month and its amounts') },
      responses: { 200: json(FinancialEntries, 'What is entered') },
    }),
    async (c) => c.json(await enterFinancials(db, actor(c), scopeOf(c), c.req.valid('json')), 200),
  );
  app.openapi(
    createRoute({
      method: 'post',
      path: '/api/v1/figures/refresh',
      tags: ['monitoring'],
      summary:
        'Make the monthly figures of some months again now (the server does the recent months every few minutes)',
      middleware: [requireRight('report.manage')],
      request: { body: json(Refresh, 'The months') },
      responses: { 200: json(z.object({ months: z.number().int(), rows: z.number().int() }), 'What was made') },
    }),
    async (c) => {
      const { from, to } = c.req.valid('json');
      return c.json(await refreshNow(db, actor(c), scopeOf(c), from, to), 200);
    },
  );
}
