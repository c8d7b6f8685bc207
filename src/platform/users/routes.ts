import { createRoute, z, type OpenAPIHono } from '@hono/zod-openapi';
import { actor, principalOf, schemeOf, type AppEnv, type Deps } from '../http/context.js';
import { requireRight } from '../http/guard.js';
import { IdParam, json, noContent, pageOf, PageQuery } from '../http/openapi.js';
import { ApiToken, NewApiToken, NewRole, NewUser, Role, RoleChange, User, UserChange } from './schemas.js';
import * as users from './service.js';

export function userRoutes(app: OpenAPIHono<AppEnv>, { db }: Deps) {
  const tags = ['users'];
  app.openapi(
    createRoute({
      method: 'get',
      path: '/api/v1/users',
      tags,
      summary: "The scheme's users",
      middleware: [requireRight('user.read')],
      request: { query: PageQuery },
      responses: { 200: json(pageOf(User, 'UserPage'), 'A page of users') },
    }),
    async (c) => {
      const q = c.req.valid('query');
      return c.json(await users.listUsers(db, schemeOf(c), q.limit, q.cursor), 200);
    },
  );

  app.openapi(
    createRoute({
      method: 'post',
      path: '/api/v1/users',
      tags,
      summary: 'Create a user; a password left out is generated and answered once',
      middleware: [requireRight('user.manage')],
      request: { body: json(NewUser, 'The user') },
      responses: {
        201: json(z.object({ user: User, generatedPassword: z.string().nullable() }), 'Created'),
      },
    }),
    async (c) => {
      const body = c.req.valid('json');
      return c.json(await users.createUser(db, actor(c), schemeOf(c), body, principalOf(c)), 201);
    },
  );

  app.openapi(
    createRoute({
      method: 'get',
      path: '/api/v1/users/{id}',
      tags,
      summary: 'One user',
      middleware: [requireRight('user.read')],
      request: { params: IdParam },
      responses: { 200: json(User, 'The user') },
    }),
    async (c) => c.json(await users.getUser(db, schemeOf(c), c.req.valid('param').id), 200),
  );

  app.openapi(
    createRoute({
      method: 'patch',
      path: '/api/v1/users/{id}',
      tags,
      summary: 'Change roles, areas, language, or deactivate',
      middleware: [requireRight('user.manage')],
      request: { params: IdParam, body: json(UserChange, 'What changes') },
      responses: { 200: json(User, 'The user as it now is') },
    }),
    async (c) => {
      const { id } = c.req.valid('param');
      const change = c.req.valid('json');
      return c.json(await users.updateUser(db, actor(c), schemeOf(c), id, change, principalOf(c)), 200);
    },
  );

  app.openapi(
    createRoute({
      method: 'post',
      path: '/api/v1/users/{id}/password',
      tags,
      summary: "Reset a user's password (and lift a lock-out)",
      middleware: [requireRight('user.manage')],
      request: {
        params: IdParam,
        body: json(z.object({ password: z.string().max(200).optional() }), 'A password, or none to generate one'),
      },
      responses: { 200: json(z.object({ generatedPassword: z.string().nullable() }), 'Reset') },
    }),
    async (c) => {
      const { id } = c.req.valid('param');
      const { password } = c.req.valid('json');
      return c.json(await users.resetPassword(db, actor(c), schemeOf(c), id, password), 200);
    },
  );

  app.openapi(
    createRoute({
      method: 'get',
      path: '/api/v1/roles',
      tags,
      summary: "Built-in roles and the scheme's own",
      middleware: [requireRight('user.read')],
      responses: { 200: json(z.object({ items: z.array(Role) }), 'Roles') },
    }),
    async (c) => c.json({ items: await users.listRoles(db, schemeOf(c)) }, 200),
  );

  app.openapi(
    createRoute({
      method: 'post',
      path: '/api/v1/roles',
      tags,
      summary: "A role of the scheme's own, from the same rights",
      middleware: [requireRight('user.manage')],
      request: { body: json(NewRole, 'The role') },
      responses: { 201: json(Role, 'Created') },
    }),
    async (c) => c.json(await users.createRole(db, actor(c), schemeOf(c), c.req.valid('json')), 201),
  );

  app.openapi(
    createRoute({
      method: 'patch',
      path: '/api/v1/roles/{code}',
      tags,
      summary: 'Rename a custom role or change its rights',
      middleware: [requireRight('user.manage')],
      request: { params: z.object({ code: z.string().max(60) }), body: json(RoleChange, 'What changes') },
      responses: { 200: json(Role, 'The role as it now is') },
    }),
    async (c) => {
      const { code } = c.req.valid('param');
      return c.json(await users.updateRole(db, actor(c), schemeOf(c), code, c.req.valid('json')), 200);
    },
  );

  app.openapi(
    createRoute({
      method: 'get',
      path: '/api/v1/api-tokens',
      tags,
      summary: 'API tokens for machines',
      middleware: [requireRight('token.manage')],
      responses: { 200: json(z.object({ items: z.array(ApiToken) }), 'Tokens, without their secrets') },
    }),
    async (c) => c.json({ items: await users.listTokens(db, schemeOf(c)) }, 200),
  );

  app.openapi(
    createRoute({
      method: 'post',
      path: '/api/v1/api-tokens',
      tags,
      summary: 'Issue a named token acting as a user; the secret is shown once',
      middleware: [requireRight('token.manage')],
      request: { body: json(NewApiToken, 'The token') },
      responses: { 201: json(ApiToken.extend({ token: z.string() }), 'Issued') },
    }),
    async (c) => {
      const body = c.req.valid('json');
      return c.json(await users.createToken(db, actor(c), schemeOf(c), body.name, body.userId), 201);
    },
  );

  app.openapi(
    createRoute({
      method: 'delete',
      path: '/api/v1/api-tokens/{id}',
      tags,
      summary: 'Revoke a token',
      middleware: [requireRight('token.manage')],
      request: { params: IdParam },
      responses: noContent,
    }),
    async (c) => {
      await users.revokeToken(db, actor(c), schemeOf(c), c.req.valid('param').id);
      return c.body(null, 204);
    },
  );
}
