import { createRoute, z, type OpenAPIHono } from '@hono/zod-openapi';
import { actor, principalOf, scopeOf, type AppEnv, type Deps } from '../../platform/http/context.js';
import { requireRight } from '../../platform/http/guard.js';
import { json } from '../../platform/http/openapi.js';
import { Indicator, NewIndicator, ValuesQuery } from '../indicators/schemas.js';
import { indicatorValues } from '../indicators/values.js';
import { dataValueSet } from './exchange.js';
import {
  createFederation,
  federationCatalogue,
  federationOf,
  federationValues,
  setFederationIndicators,
} from './service.js';
import { NewFederation } from './schemas.js';

const DataValueSet = z
  .object({
    dataElementIdScheme: z.literal('CODE'),
    orgUnitIdScheme: z.literal('CODE'),
    dataValues: z.array(
      z.object({ dataElement: z.string(), period: z.string(), orgUnit: z.string(), value: z.string() }),
    ),
  })
  .openapi('Dhis2DataValueSet');

export function federationRoutes(app: OpenAPIHono<AppEnv>, { db }: Deps) {
  app.openapi(
    createRoute({
      method: 'post',
      path: '/api/v1/federations',
      tags: ['monitoring'],
      summary: 'A federation that reads the figures of several schemes, with its first user (platform operator)',
      middleware: [requireRight('schemes.create')],
      request: { body: json(NewFederation, 'Its name, schemes and first user') },
      responses: {
        201: json(
          z.object({
            id: z.string(),
            name: z.string(),
            schemes: z.array(z.object({ id: z.string(), name: z.string() })),
            username: z.string(),
            generatedPassword: z.string().nullable(),
          }),
          'The federation',
        ),
      },
    }),
    async (c) => c.json(await createFederation(db, actor(c), c.req.valid('json')), 201),
  );
  app.openapi(
    createRoute({
      method: 'get',
      path: '/api/v1/federation',
      tags: ['monitoring'],
      summary: 'The caller’s federation and its schemes',
      middleware: [requireRight('report.read')],
      responses: {
        200: json(
          z.object({
            id: z.string(),
            name: z.string(),
            schemes: z.array(z.object({ id: z.string(), name: z.string(), currency: z.string() })),
          }),
          'The federation',
        ),
      },
    }),
    async (c) => c.json(await federationOf(db, principalOf(c)), 200),
  );
  app.openapi(
    createRoute({
      method: 'get',
      path: '/api/v1/federation/indicators',
      tags: ['monitoring'],
      summary: 'The indicators the federation can ask of its schemes: those every scheme has, and its own',
      middleware: [requireRight('report.read')],
      responses: { 200: json(z.object({ items: z.array(Indicator) }), 'The indicators') },
    }),
    async (c) => c.json(await federationCatalogue(db, principalOf(c)), 200),
  );
  app.openapi(
    createRoute({
      method: 'put',
      path: '/api/v1/federation/indicators',
      tags: ['monitoring'],
      summary:
        "The federation's own indicators, the whole list replaced (a supporting organisation's list of eleven, say)",
      description:
        'Each is a formula over the monthly figures every scheme keeps (docs/monitoring.md lists them), computed for each scheme and summed from numerators and denominators.',
      middleware: [requireRight('report.manage')],
      request: { body: json(z.object({ items: z.array(NewIndicator).max(100) }), 'The list') },
      responses: { 200: json(z.object({ items: z.array(Indicator) }), 'The federation’s own indicators') },
    }),
    async (c) => c.json(await setFederationIndicators(db, actor(c), principalOf(c), c.req.valid('json').items), 200),
  );
  app.openapi(
    createRoute({
      method: 'get',
      path: '/api/v1/federation/indicators/values',
      tags: ['monitoring'],
      summary: 'The federation’s schemes’ indicators side by side, and summed from their numerators and denominators',
      middleware: [requireRight('report.read')],
      request: { query: ValuesQuery.omit({ breakdown: true, level: true }) },
      responses: { 200: { description: 'Per scheme and in total' } },
    }),
    async (c) =>
      c.json(
        await federationValues(db, principalOf(c), { ...c.req.valid('query'), breakdown: 'scheme', level: 'district' }),
        200,
      ),
  );
  app.openapi(
    createRoute({
      method: 'get',
      path: '/api/v1/federation/indicators/dhis2',
      tags: ['monitoring'],
      summary:
        'The federation’s schemes’ indicators as a DHIS2 dataValueSets document (each scheme an organisation unit)',
      middleware: [requireRight('report.read')],
      request: { query: ValuesQuery.omit({ breakdown: true, level: true }) },
      responses: { 200: json(DataValueSet, 'For POST /api/dataValueSets of a DHIS2 instance') },
    }),
    async (c) => {
      const v = await federationValues(db, principalOf(c), {
        ...c.req.valid('query'),
        breakdown: 'scheme',
        level: 'district',
      });
      return c.json(
        dataValueSet(
          v.indicators.map((i) => ({
            code: i.code,
            values: i.schemes.flatMap((s) => s.values.map((x) => ({ ...x, key: s.schemeId }))),
          })),
          (key) => key,
        ) as z.infer<typeof DataValueSet>,
        200,
      );
    },
  );
  app.openapi(
    createRoute({
      method: 'get',
      path: '/api/v1/federation/indicators/exchange',
      tags: ['monitoring'],
      summary:
        'The federation’s schemes’ indicators as a plain JSON exchange file: definitions, each scheme’s values and the total, with numerators and denominators',
      middleware: [requireRight('report.read')],
      request: { query: ValuesQuery.omit({ breakdown: true, level: true }) },
      responses: { 200: { description: 'The exchange file (riskpool-federation-indicators/1)' } },
    }),
    async (c) => {
      const v = await federationValues(db, principalOf(c), {
        ...c.req.valid('query'),
        breakdown: 'scheme',
        level: 'district',
      });
      return c.json({ format: 'riskpool-federation-indicators/1', exportedAt: new Date().toISOString(), ...v }, 200, {
        'content-disposition': `attachment; filename="federation-indicators-${v.from}-${v.to}.json"`,
      });
    },
  );
  app.openapi(
    createRoute({
      method: 'get',
      path: '/api/v1/indicators/dhis2',
      tags: ['monitoring'],
      summary:
        'The scheme’s indicators as a DHIS2 dataValueSets document (the scheme, or its areas, as organisation units)',
      description: 'orgUnit: the code of the scheme in DHIS2 (its id when left out); by area, each area’s code.',
      middleware: [requireRight('report.read')],
      request: { query: ValuesQuery.extend({ orgUnit: z.string().max(100).optional() }) },
      responses: { 200: json(DataValueSet, 'For POST /api/dataValueSets of a DHIS2 instance') },
    }),
    async (c) => {
      const { orgUnit, ...q } = c.req.valid('query');
      const scope = scopeOf(c);
      const v = await indicatorValues(db, scope, q);
      const codes = new Map(
        q.breakdown === 'area'
          ? (
              await db.kysely
                .selectFrom('area')
                .select(['id', 'code'])
                .where('scheme_id', '=', scope.schemeId)
                .execute()
            ).map((a) => [a.id, a.code])
          : [],
      );
      return c.json(
        dataValueSet(v.indicators, (key) =>
          key === '' ? (orgUnit ?? scope.schemeId) : (codes.get(key) ?? key),
        ) as z.infer<typeof DataValueSet>,
        200,
      );
    },
  );
  app.openapi(
    createRoute({
      method: 'get',
      path: '/api/v1/indicators/exchange',
      tags: ['monitoring'],
      summary:
        'The scheme’s indicators as a plain JSON exchange file: definitions, values, numerators and denominators',
      middleware: [requireRight('report.read')],
      request: { query: ValuesQuery },
      responses: { 200: { description: 'The exchange file (riskpool-indicators/1)' } },
    }),
    async (c) => {
      const scope = scopeOf(c);
      const v = await indicatorValues(db, scope, c.req.valid('query'));
      const scheme = await db.kysely
        .selectFrom('scheme')
        .select(['id', 'name', 'country', 'currency'])
        .where('id', '=', scope.schemeId)
        .executeTakeFirstOrThrow();
      return c.json({ format: 'riskpool-indicators/1', exportedAt: new Date().toISOString(), scheme, ...v }, 200, {
        'content-disposition': `attachment; filename="indicators-${v.from}-${v.to}.json"`,
      });
    },
  );
}
