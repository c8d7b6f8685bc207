import fs from 'node:fs';
import path from 'node:path';
import { createRequire } from 'node:module';
import type { OpenAPIHono } from '@hono/zod-openapi';
import type { AppEnv } from './context.js';

// Swagger UI is served from the installed package, not a CDN: the docs must open offline too.
const swaggerDir = path.dirname(createRequire(import.meta.url).resolve('swagger-ui-dist/package.json'));
const assets: Record<string, string> = {
  'swagger-ui.css': 'text/css; charset=utf-8',
  'swagger-ui-bundle.js': 'text/javascript; charset=utf-8',
};

const page = `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>riskpool API</title>
<link rel="stylesheet" href="/api/docs/assets/swagger-ui.css">
</head>
<body>
<div id="swagger-ui"></div>
<script src="/api/docs/assets/swagger-ui-bundle.js"></script>
<script>window.ui = SwaggerUIBundle({ url: '/api/openapi.json', dom_id: '#swagger-ui' });</script>
</body>
</html>`;

export function mountDocs(app: OpenAPIHono<AppEnv>, version: string) {
  app.openAPIRegistry.registerComponent('securitySchemes', 'bearer', {
    type: 'http',
    scheme: 'bearer',
    description: 'The token from POST /api/v1/auth/login, or an API token',
  });
  app.doc31('/api/openapi.json', {
    openapi: '3.1.0',
    info: {
      title: 'riskpool API',
      version,
      description:
        'Amounts are integers in minor units of the scheme currency; dates are ISO (YYYY-MM-DD). ' +
        'Errors are application/problem+json with the fields at fault in `errors`.',
    },
    security: [{ bearer: [] }],
  });
  app.get('/api/docs', (c) => c.html(page));
  app.get('/api/docs/assets/:file', (c) => {
    const file = c.req.param('file');
    const type = assets[file];
    if (!type) return c.notFound();
    return c.body(fs.readFileSync(path.join(swaggerDir, file)), 200, {
      'content-type': type,
      'cache-control': 'public, max-age=86400',
    });
  });
}
