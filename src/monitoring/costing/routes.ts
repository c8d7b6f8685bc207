import { createRoute, type OpenAPIHono } from '@hono/zod-openapi';
import type { AppEnv, Deps } from '../../platform/http/context.js';
import { requireRight } from '../../platform/http/guard.js';
import { json } from '../../platform/http/openapi.js';
import { collectionCosting } from './collection.js';
import { angkorChum } from './example.js';
import { costingTables } from './export.js';
import { FormatQuery, tablesAnswer } from '../reports/tables.js';
import { CollectionCosting, CollectionCostingInput } from './schemas.js';

export function costingRoutes(app: OpenAPIHono<AppEnv>, _deps: Deps) {
  app.openapi(
    createRoute({
      method: 'post',
      path: '/api/v1/costing/collection',
      tags: ['monitoring'],
      summary: 'What collecting premiums costs, the cost per premium and the break-even point (seed 003, Table 1)',
      description:
        'Amounts in minor units. Each fixed line costs its monthly cost (units × unitCost unless given) times its allocation to premium collection; variable rates are shares of each premium. Nothing is stored.',
      middleware: [requireRight('report.read')],
      request: {
        query: FormatQuery,
        body: json(CollectionCostingInput, 'Fixed costs, variable rates, and the periods’ premiums'),
      },
      responses: { 200: json(CollectionCosting, 'The costing (or the file asked for)') },
    }),
    async (c) => {
      const result = collectionCosting(c.req.valid('json'));
      const { format } = c.req.valid('query');
      if (format === 'json') return c.json(result, 200);
      return tablesAnswer(
        c,
        costingTables(result),
        format,
        'Cost of premium collection',
        'collection-costing',
      ) as never;
    },
  );
  app.openapi(
    createRoute({
      method: 'get',
      path: '/api/v1/costing/collection/example',
      tags: ['monitoring'],
      summary: 'The Angkor Chum scheme’s figures (seed 003), as an input to start from',
      middleware: [requireRight('report.read')],
      responses: { 200: json(CollectionCostingInput, 'The example input') },
    }),
    (c) => c.json(CollectionCostingInput.parse(angkorChum()), 200),
  );
}
