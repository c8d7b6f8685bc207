import { createRoute, z, type OpenAPIHono } from '@hono/zod-openapi';
import type { Context } from 'hono';
import { scopeOf, type AppEnv, type Deps } from '../../platform/http/context.js';
import { requireRight } from '../../platform/http/guard.js';
import { json } from '../../platform/http/openapi.js';
import { formatMoney } from '../../platform/money.js';
import type { Db } from '../../platform/db/database.js';
import { incomeAndCost, utilisationReport } from './reports.js';
import { Month } from '../indicators/schemas.js';
import { tablesAnswer, type FileFormat, type Table } from './tables.js';

const Format = z.enum(['json', 'csv', 'xlsx', 'pdf']).default('json');
const TableSchema = z
  .object({
    title: z.string(),
    columns: z.array(z.object({ key: z.string(), label: z.string(), numeric: z.boolean().optional() })),
    rows: z.array(z.record(z.string(), z.union([z.string(), z.number(), z.null()]))),
  })
  .openapi('ReportTable');

async function scheme(db: Db, id: string) {
  return db.kysely
    .selectFrom('scheme')
    .select(['name', 'currency_minor_units'])
    .where('id', '=', id)
    .executeTakeFirstOrThrow();
}

/** A report in the format asked for: JSON for the screen, or a file. */
const answer = (c: Context<AppEnv>, table: Table, format: 'json' | FileFormat, schemeName: string, file: string) =>
  tablesAnswer(c, [table], format, schemeName, file);

export function reportRoutes(app: OpenAPIHono<AppEnv>, { db }: Deps) {
  app.openapi(
    createRoute({
      method: 'get',
      path: '/api/v1/reports/utilisation',
      tags: ['monitoring'],
      summary: 'Use of care by facility or employer: uses, per 1,000 members a year and cost, per care category',
      middleware: [requireRight('report.read')],
      request: {
        query: z.object({
          from: Month,
          to: Month,
          by: z.enum(['facility', 'employer']).default('facility'),
          format: Format,
        }),
      },
      responses: { 200: json(TableSchema, 'The report (or the file asked for)') },
    }),
    async (c) => {
      const { format, ...q } = c.req.valid('query');
      const s = await scheme(db, scopeOf(c).schemeId);
      const table = await utilisationReport(db, scopeOf(c), q, (n) => formatMoney(n, s.currency_minor_units));
      return answer(c, table, format, s.name, `utilisation-${q.by}-${q.from}-${q.to}`) as never;
    },
  );
  app.openapi(
    createRoute({
      method: 'get',
      path: '/api/v1/reports/income-cost',
      tags: ['monitoring'],
      summary: 'Income against cost by quarter, with the running balance',
      middleware: [requireRight('report.read')],
      request: { query: z.object({ from: Month, to: Month, format: Format }) },
      responses: { 200: json(TableSchema, 'The report (or the file asked for)') },
    }),
    async (c) => {
      const { format, ...q } = c.req.valid('query');
      const s = await scheme(db, scopeOf(c).schemeId);
      const table = await incomeAndCost(db, scopeOf(c), q, (n) => formatMoney(n, s.currency_minor_units));
      return answer(c, table, format, s.name, `income-cost-${q.from}-${q.to}`) as never;
    },
  );
}
