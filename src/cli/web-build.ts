import fs from 'node:fs';
import path from 'node:path';
import { webDist } from '../platform/http/web.js';

const webSrc = path.resolve(webDist, '../../web');

function newestMtime(dir: string): number {
  let newest = 0;
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, entry.name);
    newest = Math.max(newest, entry.isDirectory() ? newestMtime(p) : fs.statSync(p).mtimeMs);
  }
  return newest;
}

/**
 * Builds the web app when it has not been built, or its sources changed since: `npm start` is
 * all a newcomer runs. An installation without the sources (or without vite) serves what it has.
 */
export async function ensureWebBuilt(log: (msg: string) => void): Promise<void> {
  if (!fs.existsSync(webSrc)) return;
  const index = path.join(webDist, 'index.html');
  if (fs.existsSync(index) && fs.statSync(index).mtimeMs >= newestMtime(webSrc)) return;
  log('building the web app (once, or after its sources change)…');
  const { build } = await import('vite');
  await build({ configFile: path.join(webSrc, 'vite.config.ts'), logLevel: 'warn' });
}
