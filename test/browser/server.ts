import type { AddressInfo } from 'node:net';
import { serve } from '@hono/node-server';
import { chromium, type Browser } from 'playwright-core';
import { ensureWebBuilt } from '../../src/cli/web-build.js';
import type { Engine } from '../../src/platform/db/database.js';
import { systemActor } from '../../src/platform/audit/audit.js';
import { createEmployer } from '../../src/registry/employers/service.js';
import { testApp, type TestApp } from '../app.js';

export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

/** The whole system on a free port of this machine, with the web app built as `npm start` builds it. */
export async function startServer(engine: Engine): Promise<TestApp & { url: string; stop: () => Promise<void> }> {
  await ensureWebBuilt(() => undefined);
  const t = await testApp(engine);
  const server = serve({ fetch: t.app.fetch, port: 0, hostname: '127.0.0.1' });
  await new Promise<void>((resolve) => server.once('listening', () => resolve()));
  const { port } = server.address() as AddressInfo;
  return {
    ...t,
    url: `http://127.0.0.1:${port}`,
    stop: async () => {
      await new Promise((resolve) => server.close(resolve));
      await t.close();
    },
  };
}

export function launchBrowser(extraArgs: string[] = []): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    // The machine has no network beyond the registries: keep Chromium from reaching out.
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      ...extraArgs,
    ],
  });
}

/**
 * A server with one scheme, its administrator's name, the given employers, and a browser page
 * of a desktop's size: what each browser test starts from.
 */
export async function startSession(engine: Engine, employers: [code: string, name: string][]) {
  const server = await startServer(engine);
  const admin = await server.scheme('HIP');
  const scope = { schemeId: admin.schemeId, areaPaths: [] };
  for (const [code, name] of employers) {
    await createEmployer(server.db, systemActor(admin.schemeId), scope, { code, name });
  }
  const browser = await launchBrowser();
  const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
  return { server, browser, page, username: admin.username };
}
