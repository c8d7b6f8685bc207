import { Hono, type Context } from 'hono';
import type { Bundle, BundleEntry, Resource } from '@medplum/fhirtypes';
import type { OpenAPIHono } from '@hono/zod-openapi';
import { authenticate } from '../../platform/auth/service.js';
import type { Principal } from '../../platform/auth/principal.js';
import type { AppEnv, Deps } from '../../platform/http/context.js';
import { actorOf } from '../../platform/audit/audit.js';
import {
  forbidden,
  invalid,
  invalidFields,
  notFound,
  Problem,
  unauthorized,
  type FieldError,
} from '../../platform/http/problem.js';
import { submitEach } from '../../claims/service.js';
import { capabilityStatement } from './capability.js';
import { need, schemeFacts, type FhirContext } from './context.js';
import { answerEligibility } from './eligibility.js';
import { asFhirErrors, claimInput } from './claim-in.js';
import { fhirResponse, outcomeOf, problemAsOutcome } from './outcome.js';
import { RESOURCE_TYPES, resourceType, type ResourceType } from './resources.js';
import { parseSearch, searchset } from './search.js';

const MAX_BATCH = 500;

/** The FHIR app's context: the API's, the request's id, and a way to tell the API's request log who called. */
type FhirEnv = AppEnv & { Bindings: { caller?: (p: Principal) => void; requestId?: string } };
const STATUS_TEXT: Record<number, string> = {
  200: 'OK',
  201: 'Created',
  400: 'Bad Request',
  403: 'Forbidden',
  404: 'Not Found',
  405: 'Method Not Allowed',
  409: 'Conflict',
};

/**
 * The FHIR R4 server at /fhir: read and search of members, cover, organisations, places,
 * products and claims; claims and eligibility requests taken in, alone or in a batch Bundle.
 * It answers FHIR JSON, errors included (OperationOutcome), so it is a Hono app of its own with
 * its own error handler, mounted beside the API.
 */
export function fhirRoutes(app: OpenAPIHono<AppEnv>, deps: Deps) {
  const { db } = deps;
  // Its own app, not routes of the API's: errors here are OperationOutcomes, and a client may
  // post a batch to /fhir or /fhir/.
  const fhir = new Hono<FhirEnv>({ strict: false }).basePath('/fhir');
  fhir.onError((err, c) =>
    problemAsOutcome(err, (e) => deps.logger.error({ err: e, requestId: c.env?.requestId }, 'FHIR request failed')),
  );

  const base = (c: Context) => `${new URL(c.req.url).origin}/fhir`;
  fhir.get('/metadata', (c) => fhirResponse(capabilityStatement(base(c), deps.version)));

  fhir.use('*', async (c, next) => {
    const token = c.req.header('authorization')?.match(/^Bearer\s+(\S+)$/i)?.[1];
    const principal = token ? await authenticate(db, token) : undefined;
    if (!principal) throw unauthorized('Send a Bearer token: a session token from /api/v1/auth/login, or an API token');
    c.set('principal', principal);
    // The API's request log names the caller; it learns who from here.
    c.env?.caller?.(principal);
    await next();
  });

  const context = async (c: Context<FhirEnv>): Promise<FhirContext> => {
    const principal = c.get('principal')!;
    if (!principal.schemeId) throw forbidden('This account does not belong to a scheme');
    const url = new URL(c.req.url);
    return {
      db,
      principal,
      scope: { schemeId: principal.schemeId, areaPaths: principal.areaPaths },
      base: `${url.origin}/fhir`,
      origin: url.origin,
      scheme: await schemeFacts(db, principal.schemeId),
    };
  };

  const typeOf = (name: string): ResourceType => {
    const t = resourceType(name);
    if (!t) throw notFound(`Resource type ${name}: this server serves ${RESOURCE_TYPES.map((r) => r.type).join(', ')}`);
    return t;
  };

  const search = async (ctx: FhirContext, t: ResourceType, url: URL) => {
    const query: Record<string, string[]> = {};
    for (const [k, v] of url.searchParams) (query[k] ??= []).push(v);
    const found = await t.search(ctx, parseSearch(t.type, query, t.params));
    return searchset(url, ctx.base, found.resources, found.nextCursor);
  };

  const read = (ctx: FhirContext, type: string, id: string) => {
    const t = typeOf(type);
    if (!/^[A-Za-z0-9\-.]{1,64}$/.test(id)) throw invalid('id', 'is not a FHIR id');
    return t.read(ctx, id);
  };

  // A Claim is decided by the claims API's own rules; the answer is its ClaimResponse.
  const submit = async (c: Context<FhirEnv>, ctx: FhirContext, resources: unknown[]) => {
    need(ctx, 'claim.submit');
    const facilityByCode = async (code: string) =>
      (
        await db.kysely
          .selectFrom('facility')
          .select('id')
          .where('scheme_id', '=', ctx.scope.schemeId)
          .where('code', '=', code)
          .executeTakeFirst()
      )?.id;
    const read = await Promise.all(resources.map((r) => claimInput(ctx, r, facilityByCode)));
    const ok = read.map((r, i) => ({ r, i })).filter(({ r }) => r.claim);
    const made = ok.length
      ? await submitEach(
          db,
          actorOf(ctx.principal, c.env?.requestId),
          ctx.scope,
          ok.map(({ r }) => r.claim),
        )
      : [];
    const results = read.map((r) => ({ status: 400, errors: r.errors, claimId: undefined as string | undefined }));
    made.forEach((m, n) => {
      results[ok[n]!.i] = { status: m.status, errors: asFhirErrors(m.errors ?? []), claimId: m.claim?.id };
    });
    return results;
  };

  const claimAnswer = async (ctx: FhirContext, id: string) => (await typeOf('ClaimResponse').read(ctx, id)) as Resource;

  fhir.post('/Claim', async (c) => {
    const ctx = await context(c);
    const [result] = await submit(c, ctx, [await body(c)]);
    if (!result!.claimId) throw refused(result!);
    return fhirResponse(await claimAnswer(ctx, result!.claimId), result!.status, {
      location: `${ctx.base}/Claim/${result!.claimId}`,
    });
  });

  fhir.post('/CoverageEligibilityRequest', async (c) => {
    const ctx = await context(c);
    return fhirResponse(await answerEligibility(ctx, await body(c)));
  });

  fhir.post('/', async (c) => {
    const ctx = await context(c);
    return fhirResponse(await batch(c, ctx, await body(c)));
  });

  fhir.post('/:type/_search', async (c) => {
    const ctx = await context(c);
    const t = typeOf(c.req.param('type'));
    const url = new URL(c.req.url);
    const form = await c.req.parseBody().catch(() => {
      throw invalid('body', 'must be form fields (application/x-www-form-urlencoded)');
    });
    const query = new URL(`${ctx.base}/${t.type}`);
    for (const [k, v] of url.searchParams) query.searchParams.append(k, v);
    for (const [k, v] of Object.entries(form)) for (const x of [v].flat()) query.searchParams.append(k, String(x));
    return fhirResponse(await search(ctx, t, query));
  });

  fhir.get('/:type/:id', async (c) => {
    const ctx = await context(c);
    return fhirResponse(await read(ctx, c.req.param('type'), c.req.param('id')));
  });

  fhir.get('/:type', async (c) => {
    const ctx = await context(c);
    return fhirResponse(await search(ctx, typeOf(c.req.param('type')), new URL(c.req.url)));
  });

  fhir.all('*', () => {
    throw new Problem(
      405,
      'Not supported',
      'This server reads and searches, takes Claims and CoverageEligibilityRequests, and batches of them',
    );
  });

  /**
   * A batch Bundle: each entry answered on its own, in order. The claims in it are decided
   * together, as the claims API decides a batch; reads and searches are answered as alone.
   */
  async function batch(c: Context<FhirEnv>, ctx: FhirContext, raw: unknown): Promise<Bundle> {
    const b = raw as Bundle;
    if (!b || typeof b !== 'object' || b.resourceType !== 'Bundle')
      throw invalid('Bundle.resourceType', 'must be Bundle');
    if (b.type !== 'batch') throw invalid('Bundle.type', 'must be batch (transactions are not taken)');
    const entries = Array.isArray(b.entry) ? b.entry : [];
    if (entries.length > MAX_BATCH) throw invalid('Bundle.entry', `has more than ${MAX_BATCH} entries`);

    const out: BundleEntry[] = new Array(entries.length);
    const fail = (i: number, err: unknown) => {
      const p = err instanceof Problem ? err : null;
      if (!p) throw err;
      out[i] = {
        response: {
          status: `${p.status} ${STATUS_TEXT[p.status] ?? ''}`.trim(),
          outcome: outcomeOf(
            p.status,
            p.detail ?? p.title,
            p.errors.map((e) => ({ ...e, field: `Bundle.entry[${i}].${e.field}` })),
          ),
        },
      };
    };
    // The writes first, then the reads: a batch may read what it has just sent.
    const claims: { i: number; resource: unknown }[] = [];
    const reads: { i: number; url: string }[] = [];
    for (const [i, entry] of entries.entries()) {
      const method = entry?.request?.method;
      const url = entry?.request?.url ?? '';
      try {
        if (method === 'POST' && /^\/?Claim$/.test(url)) claims.push({ i, resource: entry.resource });
        else if (method === 'POST' && /^\/?CoverageEligibilityRequest$/.test(url)) {
          out[i] = { resource: await answerEligibility(ctx, entry.resource), response: { status: '200 OK' } };
        } else if (method === 'GET') reads.push({ i, url });
        else {
          throw invalidFields([
            { field: 'request', reason: 'must be POST Claim, POST CoverageEligibilityRequest, or a GET' },
          ]);
        }
      } catch (err) {
        fail(i, err);
      }
    }
    if (claims.length) {
      let results;
      try {
        results = await submit(
          c,
          ctx,
          claims.map((x) => x.resource),
        );
      } catch (err) {
        for (const { i } of claims) fail(i, err);
      }
      for (const [n, r] of (results ?? []).entries()) {
        const i = claims[n]!.i;
        if (r.claimId) {
          out[i] = {
            fullUrl: `${ctx.base}/ClaimResponse/${r.claimId}`,
            resource: await claimAnswer(ctx, r.claimId),
            response: { status: `${r.status} ${STATUS_TEXT[r.status]}`, location: `Claim/${r.claimId}` },
          };
        } else fail(i, refused(r));
      }
    }
    for (const { i, url } of reads) {
      try {
        const target = new URL(`${ctx.base}/${url.replace(/^\//, '')}`);
        const [type, id, more] = target.pathname.slice(new URL(ctx.base).pathname.length + 1).split('/');
        if (more !== undefined) throw invalid('request.url', 'must be Type, Type?search or Type/id');
        const resource = id ? await read(ctx, type ?? '', id) : await search(ctx, typeOf(type ?? ''), target);
        out[i] = { resource, response: { status: '200 OK' } };
      } catch (err) {
        fail(i, err);
      }
    }
    return { resourceType: 'Bundle', type: 'batch-response', entry: out };
  }

  const forward = (c: Context<AppEnv>) =>
    fhir.fetch(c.req.raw, {
      caller: (p: Principal) => c.set('principal', p),
      requestId: c.get('requestId'),
    } satisfies FhirEnv['Bindings']);
  app.all('/fhir', forward);
  app.all('/fhir/*', forward);
}

/** A claim the claims API refused, with its fields at fault named as FHIR elements. */
const refused = (r: { status: number; errors: FieldError[] }) =>
  new Problem(r.status, 'Refused', r.errors.map((e) => `${e.field}: ${e.reason}`).join('; '), r.errors);

/** The JSON body, whether sent as application/fhir+json or application/json. */
async function body(c: Context): Promise<unknown> {
  const text = await c.req.text();
  if (text.length > 10_000_000) throw new Problem(413, 'Too large', 'The body is larger than 10 MB');
  try {
    return JSON.parse(text);
  } catch {
    throw invalid('body', 'is not JSON');
  }
}
