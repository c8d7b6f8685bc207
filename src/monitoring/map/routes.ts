import { createRoute, z, type OpenAPIHono } from '@hono/zod-openapi';
import { actor, scopeOf, type AppEnv, type Deps } from '../../platform/http/context.js';
import { requireRight } from '../../platform/http/guard.js';
import { json } from '../../platform/http/openapi.js';
import { mapOf, uploadBoundaries } from './service.js';
import { AREA_LEVELS } from '../../registry/areas/schemas.js';

const Upload = z
  .object({ type: z.literal('FeatureCollection'), features: z.array(z.record(z.string(), z.unknown())).max(20_000) })
  .passthrough()
  .openapi('AreaBoundaries');

export function mapRoutes(app: OpenAPIHono<AppEnv>, { db }: Deps) {
  app.openapi(
    createRoute({
      method: 'put',
      path: '/api/v1/areas/boundaries',
      tags: ['monitoring'],
      summary: "Upload the areas' boundaries: a GeoJSON FeatureCollection, each feature's area by its code",
      description:
        'All or nothing; a feature whose code is not an area, or whose geometry is not a Polygon or MultiPolygon, is named by its index.',
      middleware: [requireRight('area.manage')],
      request: {
        query: z.object({
          codeProperty: z
            .string()
            .min(1)
            .max(60)
            .default('code')
            .openapi({ description: 'The property holding the area code' }),
        }),
        body: json(Upload, 'The boundaries'),
      },
      responses: { 200: json(z.object({ areas: z.number().int() }), 'How many areas got a boundary') },
    }),
    async (c) =>
      c.json(
        await uploadBoundaries(db, actor(c), scopeOf(c), c.req.valid('json'), c.req.valid('query').codeProperty),
        200,
      ),
  );
  app.openapi(
    createRoute({
      method: 'get',
      path: '/api/v1/map',
      tags: ['monitoring'],
      summary: 'The map at a level: areas with their members and distance to care, facilities and employers',
      middleware: [requireRight('report.read')],
      request: {
        query: z.object({ level: z.enum(AREA_LEVELS).default('district') }),
      },
      responses: { 200: { description: 'Areas as GeoJSON, facilities and employers as points' } },
    }),
    async (c) => c.json(await mapOf(db, scopeOf(c), c.req.valid('query').level), 200),
  );
}
