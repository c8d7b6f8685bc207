import { createMiddleware } from 'hono/factory';
import type { Right } from '../rights/rights.js';
import type { AppEnv } from './context.js';
import { forbidden, unauthorized } from './problem.js';

/**
 * Every protected route names the right it needs. Tenant and area limits are applied by the
 * services, which take the scheme and the area paths from the same principal.
 */
export const requireRight = (right: Right) =>
  createMiddleware<AppEnv>(async (c, next) => {
    const p = c.get('principal');
    if (!p) throw unauthorized();
    if (!p.rights.has(right)) throw forbidden(`This needs the right ${right}`);
    await next();
  });

/** Any logged-in caller. */
export const requireLogin = createMiddleware<AppEnv>(async (c, next) => {
  if (!c.get('principal')) throw unauthorized();
  await next();
});
