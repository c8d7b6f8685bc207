import { createRoute, z, type OpenAPIHono } from '@hono/zod-openapi';
import { actor, scopeOf, type AppEnv, type Deps } from '../../platform/http/context.js';
import { requireRight } from '../../platform/http/guard.js';
import { IdParam, json, pageOf } from '../../platform/http/openapi.js';
import { invalid } from '../../platform/http/problem.js';
import { declarationLinesFromCsv } from './csv.js';
import {
  CsvDeclarationQuery,
  Declaration,
  DeclarationLine,
  DeclarationQuery,
  Invoice,
  InvoiceQuery,
  LinesQuery,
  NewDeclaration,
} from './schemas.js';
import { declarationLines, declare, getDeclaration, getInvoice, listDeclarations, listInvoices } from './service.js';

const IdempotencyHeader = z.object({
  'idempotency-key': z
    .string()
    .min(1)
    .max(200)
    .optional()
    .openapi({ description: 'A retry with the same key answers the first result again and declares nothing twice' }),
});

export function declarationRoutes(app: OpenAPIHono<AppEnv>, { db }: Deps) {
  const tags = ['contributions'];
  app.openapi(
    createRoute({
      method: 'post',
      path: '/api/v1/declarations',
      tags,
      summary: "Declare an employer's payroll for a month (a month declared again is a correction: a new version)",
      middleware: [requireRight('contribution.manage')],
      request: { headers: IdempotencyHeader, body: json(NewDeclaration, 'The employer, the month and the lines') },
      responses: { 201: json(Declaration, 'Declared, with its invoice'), 200: json(Declaration, 'The same key again') },
    }),
    async (c) => {
      const result = await declare(
        db,
        actor(c),
        scopeOf(c),
        c.req.valid('json'),
        c.req.valid('header')['idempotency-key'],
      );
      return result.replayed ? c.json(result.declaration, 200) : c.json(result.declaration, 201);
    },
  );
  app.openapi(
    createRoute({
      method: 'post',
      path: '/api/v1/declarations/csv',
      tags,
      summary: 'Declare from a payroll file (CSV: member_number, wage, days_worked)',
      middleware: [requireRight('contribution.manage')],
      request: {
        headers: IdempotencyHeader,
        query: CsvDeclarationQuery,
        body: { content: { 'text/csv': { schema: z.string() } }, description: 'The payroll file' },
      },
      responses: { 201: json(Declaration, 'Declared, with its invoice'), 200: json(Declaration, 'The same key again') },
    }),
    async (c) => {
      const { employerId, period } = c.req.valid('query');
      const scheme = await db.kysely
        .selectFrom('scheme')
        .select('currency_minor_units')
        .where('id', '=', scopeOf(c).schemeId)
        .executeTakeFirstOrThrow();
      const text = await c.req.text().catch(() => {
        throw invalid('file', 'could not be read');
      });
      const lines = declarationLinesFromCsv(text, scheme.currency_minor_units);
      const result = await declare(
        db,
        actor(c),
        scopeOf(c),
        { employerId, period, lines },
        c.req.valid('header')['idempotency-key'],
      );
      return result.replayed ? c.json(result.declaration, 200) : c.json(result.declaration, 201);
    },
  );
  app.openapi(
    createRoute({
      method: 'get',
      path: '/api/v1/declarations',
      tags,
      summary: 'Declarations, newest month first',
      middleware: [requireRight('contribution.read')],
      request: { query: DeclarationQuery },
      responses: { 200: json(pageOf(Declaration, 'DeclarationPage'), 'A page of declarations') },
    }),
    async (c) => c.json(await listDeclarations(db, scopeOf(c), c.req.valid('query')), 200),
  );
  app.openapi(
    createRoute({
      method: 'get',
      path: '/api/v1/declarations/{id}',
      tags,
      summary: 'One declaration with its invoice',
      middleware: [requireRight('contribution.read')],
      request: { params: IdParam },
      responses: { 200: json(Declaration, 'The declaration') },
    }),
    async (c) => c.json(await getDeclaration(db, scopeOf(c), c.req.valid('param').id), 200),
  );
  app.openapi(
    createRoute({
      method: 'get',
      path: '/api/v1/declarations/{id}/lines',
      tags,
      summary: "A declaration's lines, each worker's contribution split by party",
      middleware: [requireRight('contribution.read')],
      request: { params: IdParam, query: LinesQuery },
      responses: { 200: json(pageOf(DeclarationLine, 'DeclarationLinePage'), 'A page of lines') },
    }),
    async (c) => c.json(await declarationLines(db, scopeOf(c), c.req.valid('param').id, c.req.valid('query')), 200),
  );
  app.openapi(
    createRoute({
      method: 'get',
      path: '/api/v1/invoices',
      tags,
      summary: 'Invoices, newest month first',
      middleware: [requireRight('contribution.read')],
      request: { query: InvoiceQuery },
      responses: { 200: json(pageOf(Invoice, 'InvoicePage'), 'A page of invoices') },
    }),
    async (c) => c.json(await listInvoices(db, scopeOf(c), c.req.valid('query')), 200),
  );
  app.openapi(
    createRoute({
      method: 'get',
      path: '/api/v1/invoices/{id}',
      tags,
      summary: 'One invoice',
      middleware: [requireRight('contribution.read')],
      request: { params: IdParam },
      responses: { 200: json(Invoice, 'The invoice') },
    }),
    async (c) => c.json(await getInvoice(db, scopeOf(c), c.req.valid('param').id), 200),
  );
}
