import type { Context } from 'hono';
import type { Logger } from 'pino';
import type { Principal } from '../auth/principal.js';
import type { Config } from '../config.js';
import type { Db } from '../db/database.js';
import { actorOf, type Actor } from '../audit/audit.js';
import { forbidden, unauthorized } from './problem.js';

/** What the app is built from; tests build it from their own. */
export interface Deps {
  db: Db;
  config: Config;
  logger: Logger;
  version: string;
}

export interface AppEnv {
  Variables: {
    requestId: string;
    principal: Principal | undefined;
    /** The raw session or API token of the request, for logout. */
    token: string | undefined;
  };
}

export type AppContext = Context<AppEnv>;

export function principalOf(c: AppContext): Principal {
  const p = c.get('principal');
  if (!p) throw unauthorized();
  return p;
}

/** The tenant whose data a request works on: always the caller's own scheme. */
export function schemeOf(c: AppContext): string {
  const p = principalOf(c);
  if (!p.schemeId) throw forbidden('This account does not belong to a scheme');
  return p.schemeId;
}

export const actor = (c: AppContext): Actor => actorOf(principalOf(c), c.get('requestId'));

/** Whose data a request may see: its scheme, and within it the areas it is limited to. */
export interface Scope {
  schemeId: string;
  /** Empty for the whole scheme. */
  areaPaths: string[];
}

export const scopeOf = (c: AppContext): Scope => ({ schemeId: schemeOf(c), areaPaths: principalOf(c).areaPaths });
