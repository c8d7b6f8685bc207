import { createRoute, z, type OpenAPIHono } from '@hono/zod-openapi';
import { invalid } from '../platform/http/problem.js';
import { keptMinorUnits } from '../schemes/service.js';
import { claimsFromCsv } from './csv.js';
import { actor, scopeOf, type AppEnv, type Deps } from '../platform/http/context.js';
import { requireRight } from '../platform/http/guard.js';
import { IdParam, json, pageOf } from '../platform/http/openapi.js';
import {
  AuditFindings,
  AuditFindingsResult,
  Claim,
  ClaimBatch,
  ClaimBatchResult,
  ClaimQuery,
  ClaimUploadQuery,
  ClaimUploadResult,
  NewClaim,
  ReviewDecision,
} from './schemas.js';
import { submitBatch, submitClaim, submitEach } from './service.js';
import { getClaim, listClaims } from './views.js';
import { auditClaim, auditFindings, reviewClaim } from './review.js';
import { ClaimPolicy, keptPolicy, setPolicy } from './policy.js';
import { FollowUp, FollowUpQuery, listFollowUps } from './follow-ups.js';

export function claimRoutes(app: OpenAPIHono<AppEnv>, { db }: Deps) {
  const tags = ['claims'];
  app.openapi(
    createRoute({
      method: 'post',
      path: '/api/v1/claims',
      tags,
      summary: "Submit a facility's claim: decided at once by the rules, with reasons",
      description:
        'Answers the claim approved, partly approved, rejected (each with reason codes) or sent to review with a risk score. The same externalId sent again for the facility answers the claim already made (200); with other content it is refused (409).',
      middleware: [requireRight('claim.submit')],
      request: { body: json(NewClaim, 'The claim') },
      responses: { 201: json(Claim, 'Made and decided'), 200: json(Claim, 'Already made') },
    }),
    async (c) => {
      const { claim, repeated } = await submitClaim(db, actor(c), scopeOf(c), c.req.valid('json'));
      return repeated ? c.json(claim, 200) : c.json(claim, 201);
    },
  );
  app.openapi(
    createRoute({
      method: 'post',
      path: '/api/v1/claims/batch',
      tags,
      summary: 'Submit up to 500 claims; each is answered on its own',
      middleware: [requireRight('claim.submit')],
      request: { body: json(ClaimBatch, 'The claims') },
      responses: { 200: json(ClaimBatchResult, 'One result per claim, in order') },
    }),
    async (c) => c.json(await submitBatch(db, actor(c), scopeOf(c), c.req.valid('json').claims), 200),
  );
  app.openapi(
    createRoute({
      method: 'post',
      path: '/api/v1/claims/upload',
      tags,
      summary: "A facility's claims as a CSV file, one a row; each answered on its own with its line",
      description:
        'Columns: external_id, member_number (or visit_number), category, case_code, diagnosis, admitted_on, discharged_on, claimed (major units, as 120.50) and lines (CODE*quantity@unit price, separated by ;).',
      middleware: [requireRight('claim.submit')],
      request: {
        query: ClaimUploadQuery,
        body: { content: { 'text/csv': { schema: z.string() } }, description: 'The claims file' },
      },
      responses: { 200: json(ClaimUploadResult, 'One result per row, with its line in the file') },
    }),
    async (c) => {
      const scope = scopeOf(c);
      const text = await c.req.text().catch(() => {
        throw invalid('file', 'could not be read');
      });
      const rows = claimsFromCsv(text, c.req.valid('query').facilityId, await keptMinorUnits(db, scope.schemeId));
      const valid = rows.filter((r) => r.claim);
      const made = await submitEach(
        db,
        actor(c),
        scope,
        valid.map((r) => r.claim),
      );
      const byLine = new Map(valid.map((r, n) => [r.line, made[n]!]));
      const results = rows.map((r) => ({ line: r.line, ...(byLine.get(r.line) ?? { status: 400, errors: r.errors }) }));
      return c.json({ results }, 200);
    },
  );
  app.openapi(
    createRoute({
      method: 'get',
      path: '/api/v1/claims',
      tags,
      summary: 'Claims by number; with status=review, the review queue riskiest first',
      middleware: [requireRight('claim.read')],
      request: { query: ClaimQuery },
      responses: { 200: json(pageOf(Claim, 'ClaimPage'), 'A page of claims') },
    }),
    async (c) => c.json(await listClaims(db, scopeOf(c), c.req.valid('query')), 200),
  );
  app.openapi(
    createRoute({
      method: 'get',
      path: '/api/v1/claims/{id}',
      tags,
      summary: 'One claim with its lines, decision, reasons and reviews',
      middleware: [requireRight('claim.read')],
      request: { params: IdParam },
      responses: { 200: json(Claim, 'The claim') },
    }),
    async (c) => c.json(await getClaim(db, scopeOf(c), c.req.valid('param').id), 200),
  );
  app.openapi(
    createRoute({
      method: 'post',
      path: '/api/v1/claims/{id}/review',
      tags,
      summary: 'Decide a claim in review: approve what the rules propose, adjust the amount, or reject',
      middleware: [requireRight('claim.review')],
      request: { params: IdParam, body: json(ReviewDecision, 'The decision and its reason') },
      responses: { 200: json(Claim, 'The claim as decided') },
    }),
    async (c) => c.json(await reviewClaim(db, actor(c), scopeOf(c), c.req.valid('param').id, c.req.valid('json')), 200),
  );
  app.openapi(
    createRoute({
      method: 'post',
      path: '/api/v1/claims/{id}/audit',
      tags,
      summary: 'Audit an approved claim drawn for the sample: confirm (approve), adjust or reject it',
      middleware: [requireRight('claim.review')],
      request: { params: IdParam, body: json(ReviewDecision, 'The finding and its reason') },
      responses: { 200: json(Claim, 'The claim after the audit') },
    }),
    async (c) => c.json(await auditClaim(db, actor(c), scopeOf(c), c.req.valid('param').id, c.req.valid('json')), 200),
  );
  app.openapi(
    createRoute({
      method: 'post',
      path: '/api/v1/claims/audit-findings',
      tags,
      summary: "A facility's audit sample applied to its other claims of a period (shown first, applied once)",
      middleware: [requireRight('claim.manage')],
      request: { body: json(AuditFindings, 'The facility and the period') },
      responses: { 200: json(AuditFindingsResult, 'What the sample found and what it changes') },
    }),
    async (c) => c.json(await auditFindings(db, actor(c), scopeOf(c), c.req.valid('json')), 200),
  );
  app.openapi(
    createRoute({
      method: 'get',
      path: '/api/v1/claim-follow-ups',
      tags,
      summary: 'Members asked by SMS about the care claimed for, and their answers; concern=true for customer care',
      middleware: [requireRight('claim.read')],
      request: { query: FollowUpQuery },
      responses: { 200: json(pageOf(FollowUp, 'ClaimFollowUpPage'), 'A page of follow-ups') },
    }),
    async (c) => c.json(await listFollowUps(db, scopeOf(c), c.req.valid('query')), 200),
  );
  app.openapi(
    createRoute({
      method: 'get',
      path: '/api/v1/claim-policy',
      tags,
      summary: "The scheme's claim policy: quality bands, selection for review, the audit sample",
      middleware: [requireRight('claim.read')],
      responses: { 200: json(ClaimPolicy, 'The policy') },
    }),
    async (c) => c.json(await keptPolicy(db, scopeOf(c).schemeId), 200),
  );
  app.openapi(
    createRoute({
      method: 'put',
      path: '/api/v1/claim-policy',
      tags,
      summary: "Set the scheme's claim policy (claims decided from then on follow it)",
      middleware: [requireRight('claim.manage')],
      request: { body: json(ClaimPolicy, 'The policy') },
      responses: { 200: json(ClaimPolicy, 'The policy') },
    }),
    async (c) => c.json(await setPolicy(db, actor(c), scopeOf(c), c.req.valid('json')), 200),
  );
}
