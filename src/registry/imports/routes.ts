import { createRoute, z, type OpenAPIHono } from '@hono/zod-openapi';
import { actor, scopeOf, type AppEnv, type Deps } from '../../platform/http/context.js';
import { requireRight } from '../../platform/http/guard.js';
import { IdParam, json } from '../../platform/http/openapi.js';
import { invalid, Problem } from '../../platform/http/problem.js';
import { COLUMNS } from './rows.js';
import { importView, runImport, startImport } from './service.js';

const MAX_FILE_BYTES = 200 * 1024 * 1024;

const ImportJob = z
  .object({
    id: z.string(),
    state: z.enum(['queued', 'running', 'done', 'failed']),
    fileName: z.string(),
    keepValid: z.boolean(),
    done: z.number().int().openapi({ description: 'Members written so far' }),
    total: z.number().int().openapi({ description: 'Members to write' }),
    rows: z.number().int(),
    created: z.number().int(),
    alreadyRegistered: z.number().int(),
    invalid: z.number().int(),
    error: z.string().nullable(),
    errors: z.array(z.object({ line: z.number().int(), field: z.string(), reason: z.string() })),
    createdAt: z.string(),
    updatedAt: z.string(),
  })
  .openapi('ImportJob');

const flag = z
  .enum(['true', 'false', '1', '0'])
  .optional()
  .transform((v) => v === 'true' || v === '1');

export function importRoutes(app: OpenAPIHono<AppEnv>, { db, logger }: Deps) {
  const tags = ['registry'];
  app.openapi(
    createRoute({
      method: 'post',
      path: '/api/v1/imports/members',
      tags,
      summary: "Import an employer's worker list (CSV or XLSX)",
      description:
        `Columns: ${COLUMNS.join(', ')}. The body is the file itself, or multipart/form-data with a \`file\` field. ` +
        'Answers at once with the job (202) and goes on in the background; poll GET /api/v1/imports/{id}, ' +
        'or send wait=true to be answered when it is done.',
      middleware: [requireRight('member.import')],
      request: {
        query: z.object({
          employerId: z.string().max(100).optional(),
          groupId: z.string().max(100).optional(),
          keepValid: flag,
          wait: flag,
          fileName: z.string().max(200).optional(),
        }),
        body: {
          content: {
            'text/csv': { schema: z.string() },
            'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet': {
              schema: z.string().openapi({ format: 'binary' }),
            },
            'multipart/form-data': { schema: z.object({ file: z.string().openapi({ format: 'binary' }) }) },
          },
        },
      },
      responses: { 202: json(ImportJob, 'Started'), 200: json(ImportJob, 'Done (with wait=true)') },
    }),
    async (c) => {
      const q = c.req.valid('query');
      const { bytes, fileName } = await readUpload(c.req.raw, q.fileName);
      const options = {
        fileName,
        employerId: q.employerId ?? null,
        groupId: q.groupId ?? null,
        keepValid: q.keepValid,
      };
      const who = actor(c);
      const scope = scopeOf(c);
      const job = await startImport(db, who, scope, options);
      const running = runImport(db, who, scope, job, bytes, options);
      if (q.wait) {
        await running.catch((err) => {
          if (!(err instanceof Problem)) throw err;
        });
        return c.json(await importView(db, scope.schemeId, job.id), 200);
      }
      running.catch((err) => logger.warn({ err, jobId: job.id }, 'import failed'));
      return c.json(await importView(db, scope.schemeId, job.id), 202);
    },
  );

  app.openapi(
    createRoute({
      method: 'get',
      path: '/api/v1/imports/{id}',
      tags,
      summary: 'How an import is going, and every row error',
      middleware: [requireRight('member.import')],
      request: { params: IdParam },
      responses: { 200: json(ImportJob, 'The import') },
    }),
    async (c) => c.json(await importView(db, scopeOf(c).schemeId, c.req.valid('param').id), 200),
  );

  app.get('/api/v1/imports/members/template.csv', requireRight('member.import'), (c) =>
    c.body(`${COLUMNS.join(',')}\nSok Dara,សុខ ដារា,M,1995-04-12,010203040,012345678,F-1001,150,head,H1,,,\n`, 200, {
      'content-type': 'text/csv; charset=utf-8',
      'content-disposition': 'attachment; filename="workers.csv"',
    }),
  );
}

async function readUpload(req: Request, name?: string) {
  const type = req.headers.get('content-type') ?? '';
  const length = Number(req.headers.get('content-length') ?? 0);
  if (length > MAX_FILE_BYTES)
    throw new Problem(413, 'Too large', 'file: must be at most 200 MB', [
      { field: 'file', reason: 'must be at most 200 MB' },
    ]);
  if (type.startsWith('multipart/form-data')) {
    const form = await req.formData().catch(() => {
      throw invalid('file', 'the form could not be read');
    });
    const file = form.get('file');
    if (!(file instanceof File)) throw invalid('file', 'is required: send the list as the form field "file"');
    return { bytes: new Uint8Array(await file.arrayBuffer()), fileName: name ?? file.name };
  }
  const bytes = new Uint8Array(await req.arrayBuffer());
  if (bytes.length === 0) throw invalid('file', 'is required: send the list as the request body');
  return { bytes, fileName: name ?? (type.includes('spreadsheetml') ? 'upload.xlsx' : 'upload.csv') };
}
