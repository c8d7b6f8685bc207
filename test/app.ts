import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pino from 'pino';
import { readConfig } from '../src/platform/config.js';
import type { Db, Engine } from '../src/platform/db/database.js';
import { systemActor } from '../src/platform/audit/audit.js';
import { createApp, type App } from '../src/platform/http/app.js';
import { createScheme } from '../src/schemes/service.js';
import { freshDatabase } from './engines.js';

export const PASSWORD = 'correct horse battery';

export interface TestApp {
  db: Db;
  app: App;
  /** Sends a request the way a client would, answering the status and the parsed body. */
  call: (
    method: string,
    url: string,
    opts?: { token?: string; body?: unknown; headers?: Record<string, string> },
  ) => Promise<{
    status: number;
    body: any;
    headers: Headers;
  }>;
  login: (username: string, password?: string) => Promise<string>;
  /** A scheme with its administrator logged in. */
  scheme: (prefix: string) => Promise<{ schemeId: string; token: string; username: string }>;
  close: () => Promise<void>;
}

let counter = 0;

/**
 * The app on a fresh database; `env` adds settings as the environment would give them, `database`
 * options of the database itself.
 */
export async function testApp(
  engine: Engine,
  env: Record<string, string> = {},
  database: { lockWaitMs?: number } = {},
): Promise<TestApp> {
  const db = await freshDatabase(engine, database);
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'riskpool-app-'));
  const config = readConfig({ RISKPOOL_DATA_DIR: dataDir, RISKPOOL_LOCKOUT_ATTEMPTS: '3', ...env });
  const app = createApp({ db, config, logger: pino({ level: process.env.TEST_LOG ?? 'silent' }), version: 'test' });

  const call: TestApp['call'] = async (method, url, opts = {}) => {
    const headers: Record<string, string> = { ...opts.headers };
    if (opts.token) headers.authorization = `Bearer ${opts.token}`;
    let body: BodyInit | undefined;
    if (opts.body instanceof Uint8Array || typeof opts.body === 'string' || opts.body instanceof FormData) {
      body = opts.body as BodyInit;
    } else if (opts.body !== undefined) {
      body = JSON.stringify(opts.body);
      headers['content-type'] ??= 'application/json';
    }
    const res = await app.request(url, { method, headers, body });
    const text = await res.text();
    let parsed: unknown = text;
    try {
      parsed = text ? JSON.parse(text) : null;
    } catch {
      // not JSON: keep the text
    }
    return { status: res.status, body: parsed, headers: res.headers };
  };

  const login = async (username: string, password = PASSWORD) => {
    const res = await call('POST', '/api/v1/auth/login', { body: { username, password } });
    if (res.status !== 200) throw new Error(`login ${username}: ${res.status} ${JSON.stringify(res.body)}`);
    return res.body.token as string;
  };

  const scheme: TestApp['scheme'] = async (prefix) => {
    const username = `admin${++counter}${prefix.toLowerCase()}`;
    const { scheme: s } = await createScheme(db, systemActor(null, 'test'), {
      name: `Scheme ${prefix}`,
      country: 'KH',
      currency: 'USD',
      currencyMinorUnits: 2,
      languages: ['en', 'km'],
      memberPrefix: prefix,
      adminUsername: username,
      adminPassword: PASSWORD,
    });
    return { schemeId: s.id, token: await login(username), username };
  };

  return {
    db,
    app,
    call,
    login,
    scheme,
    close: async () => {
      await db.close();
      fs.rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
