import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { OpenAPIHono } from '@hono/zod-openapi';
import type { AppEnv } from './context.js';

/** Where `npm run build` puts the web app. */
export const webDist = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../dist/web');

const types: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.json': 'application/json',
  '.woff2': 'font/woff2',
  '.woff': 'font/woff',
  '.ttf': 'font/ttf',
};

/**
 * Serves the built React app: files under dist/web as they are (hashed names cache for a
 * year), and index.html for every other path so the app's own router takes over.
 */
export function mountWeb(app: OpenAPIHono<AppEnv>) {
  app.get('*', (c) => {
    const rel = decodeURIComponent(c.req.path).replace(/^\/+/, '');
    const file = path.resolve(webDist, rel);
    if (rel && file.startsWith(webDist + path.sep) && fs.existsSync(file) && fs.statSync(file).isFile()) {
      const hashed = rel.startsWith('assets/');
      return c.body(fs.readFileSync(file), 200, {
        'content-type': types[path.extname(file)] ?? 'application/octet-stream',
        'cache-control': hashed ? 'public, max-age=31536000, immutable' : 'no-cache',
      });
    }
    const index = path.join(webDist, 'index.html');
    if (!fs.existsSync(index)) {
      return c.text('The web app is not built: run `npm run build` (npm start does it for you).', 503);
    }
    return c.html(fs.readFileSync(index, 'utf8'), 200, { 'cache-control': 'no-cache' });
  });
}
