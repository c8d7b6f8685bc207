import { createRoute, z, type OpenAPIHono } from '@hono/zod-openapi';
import { setCookie, deleteCookie } from 'hono/cookie';
import { principalOf, type AppEnv, type Deps } from '../http/context.js';
import { requireLogin } from '../http/guard.js';
import { json } from '../http/openapi.js';
import { SESSION_COOKIE } from './cookie.js';
import type { Principal } from './principal.js';
import { changePassword, login, logout } from './service.js';

const Me = z
  .object({
    userId: z.string(),
    username: z.string(),
    displayName: z.string(),
    schemeId: z.string().nullable(),
    federationId: z.string().nullable(),
    roles: z.array(z.string()),
    rights: z.array(z.string()),
    areaIds: z.array(z.string()),
    language: z.string().nullable(),
  })
  .openapi('Me');

export const meOf = (p: Principal): z.infer<typeof Me> => ({
  userId: p.userId,
  username: p.username,
  displayName: p.displayName,
  schemeId: p.schemeId,
  federationId: p.federationId,
  roles: p.roles,
  rights: [...p.rights].sort(),
  areaIds: p.areaIds,
  language: p.language,
});

export function authRoutes(app: OpenAPIHono<AppEnv>, deps: Deps) {
  app.openapi(
    createRoute({
      method: 'post',
      path: '/api/v1/auth/login',
      tags: ['auth'],
      security: [],
      summary: 'Log in: answers a token and sets the session cookie',
      request: {
        body: json(
          z.object({ username: z.string().min(1).max(100), password: z.string().min(1).max(200) }),
          'Credentials',
        ),
      },
      responses: {
        200: json(z.object({ token: z.string(), expiresAt: z.string(), user: Me }), 'Logged in'),
      },
    }),
    async (c) => {
      const { username, password } = c.req.valid('json');
      const result = await login(deps.db, deps.config, username, password, c.get('requestId'));
      setCookie(c, SESSION_COOKIE, result.token, {
        httpOnly: true,
        sameSite: 'Lax',
        path: '/',
        secure: deps.config.secureCookies,
        expires: new Date(result.expiresAt),
      });
      return c.json({ token: result.token, expiresAt: result.expiresAt, user: meOf(result.principal) }, 200);
    },
  );

  app.openapi(
    createRoute({
      method: 'post',
      path: '/api/v1/auth/logout',
      tags: ['auth'],
      summary: 'End this session',
      middleware: [requireLogin],
      responses: { 204: { description: 'Logged out' } },
    }),
    async (c) => {
      const token = c.get('token');
      if (token) await logout(deps.db, principalOf(c), token, c.get('requestId'));
      deleteCookie(c, SESSION_COOKIE, { path: '/' });
      return c.body(null, 204);
    },
  );

  app.openapi(
    createRoute({
      method: 'get',
      path: '/api/v1/auth/me',
      tags: ['auth'],
      summary: 'Who is logged in, with their rights',
      middleware: [requireLogin],
      responses: { 200: json(Me, 'The caller') },
    }),
    (c) => c.json(meOf(principalOf(c)), 200),
  );

  app.openapi(
    createRoute({
      method: 'post',
      path: '/api/v1/auth/password',
      tags: ['auth'],
      summary: "Change one's own password; every session of the account ends",
      middleware: [requireLogin],
      request: {
        body: json(
          z.object({ currentPassword: z.string().min(1).max(200), newPassword: z.string().min(1).max(200) }),
          'The current and the new password',
        ),
      },
      responses: { 204: { description: 'Changed' } },
    }),
    async (c) => {
      const body = c.req.valid('json');
      await changePassword(deps.db, principalOf(c), body.currentPassword, body.newPassword, c.get('requestId'));
      deleteCookie(c, SESSION_COOKIE, { path: '/' });
      return c.body(null, 204);
    },
  );
}
