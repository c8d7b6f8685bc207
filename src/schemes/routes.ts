import { createRoute, z, type OpenAPIHono } from '@hono/zod-openapi';
import { actor, schemeOf, type AppEnv, type Deps } from '../platform/http/context.js';
import { requireRight } from '../platform/http/guard.js';
import { json } from '../platform/http/openapi.js';
import { User } from '../platform/users/schemas.js';
import { NewScheme, Scheme, SchemeSettings } from './schemas.js';
import { createScheme, getScheme, updateScheme } from './service.js';

export function schemeRoutes(app: OpenAPIHono<AppEnv>, { db }: Deps) {
  const tags = ['scheme'];
  app.openapi(
    createRoute({
      method: 'get',
      path: '/api/v1/scheme',
      tags,
      summary: "The caller's scheme and its settings",
      middleware: [requireRight('scheme.read')],
      responses: { 200: json(Scheme, 'The scheme') },
    }),
    async (c) => c.json(await getScheme(db.kysely, schemeOf(c)), 200),
  );

  app.openapi(
    createRoute({
      method: 'patch',
      path: '/api/v1/scheme',
      tags,
      summary: 'Change the scheme settings',
      middleware: [requireRight('scheme.manage')],
      request: { body: json(SchemeSettings.partial(), 'The settings that change') },
      responses: { 200: json(Scheme, 'The scheme as it now is') },
    }),
    async (c) => c.json(await updateScheme(db, actor(c), schemeOf(c), c.req.valid('json')), 200),
  );

  app.openapi(
    createRoute({
      method: 'post',
      path: '/api/v1/schemes',
      tags,
      summary: 'Create another scheme (tenant) with its first administrator',
      middleware: [requireRight('schemes.create')],
      request: { body: json(NewScheme, 'The scheme') },
      responses: {
        201: json(z.object({ scheme: Scheme, admin: User, generatedPassword: z.string().nullable() }), 'Created'),
      },
    }),
    async (c) => c.json(await createScheme(db, actor(c), c.req.valid('json')), 201),
  );
}
