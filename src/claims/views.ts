import type { z } from '@hono/zod-openapi';
import type { Db, Executor } from '../platform/db/database.js';
import type { Scope } from '../platform/http/context.js';
import { notFound } from '../platform/http/problem.js';
import { decodeCursor, page } from '../platform/http/openapi.js';
import { areaPathOf, pathInScope } from '../registry/areas/limits.js';
import type { Claim, ClaimQuery } from './schemas.js';

type ClaimView = z.infer<typeof Claim>;

/** Claims with their member and facility; a limited user reaches the claims of the facilities in their areas. */
function claims(db: Executor, schemeId: string) {
  return db
    .selectFrom('claim as c')
    .innerJoin('member as m', (j) => j.onRef('m.scheme_id', '=', 'c.scheme_id').onRef('m.id', '=', 'c.member_id'))
    .innerJoin('facility as f', (j) => j.onRef('f.scheme_id', '=', 'c.scheme_id').onRef('f.id', '=', 'c.facility_id'))
    .selectAll('c')
    .select(['m.member_number', 'm.name_latin', 'f.name as facility_name'])
    .select(areaPathOf('f').as('facility_path'))
    .where('c.scheme_id', '=', schemeId);
}

type Row = Awaited<ReturnType<ReturnType<typeof claims>['executeTakeFirstOrThrow']>>;

/** The query of the claims of a scheme, with their member and facility (`c`, `m`, `f`), to narrow further. */
export type ClaimsQuery = ReturnType<typeof claims>;

const AUDIT = ['none', 'drawn', 'audited'] as const;

async function views(db: Executor, schemeId: string, rows: Row[]): Promise<ClaimView[]> {
  if (!rows.length) return [];
  const ids = rows.map((r) => r.id);
  const [lines, reviews] = await Promise.all([
    db
      .selectFrom('claim_line')
      .selectAll()
      .where('scheme_id', '=', schemeId)
      .where('claim_id', 'in', ids)
      .orderBy('claim_id')
      .orderBy('line_no')
      .execute(),
    db
      .selectFrom('claim_review')
      .selectAll()
      .where('scheme_id', '=', schemeId)
      .where('claim_id', 'in', ids)
      .orderBy('reviewed_at')
      .execute(),
  ]);
  return rows.map((r) => ({
    id: r.id,
    number: r.number,
    externalId: r.external_id,
    facilityId: r.facility_id,
    facilityName: r.facility_name,
    memberId: r.member_id,
    memberNumber: r.member_number,
    nameLatin: r.name_latin,
    visitId: r.visit_id,
    category: r.category,
    caseCode: r.case_code,
    diagnosis: r.diagnosis,
    admittedOn: r.admitted_on,
    dischargedOn: r.discharged_on,
    claimed: Number(r.claimed),
    proposed: Number(r.proposed),
    approved: Number(r.approved),
    memberPays: Number(r.member_pays),
    mechanism: r.mechanism,
    status: r.status,
    reasons: JSON.parse(r.reasons_json),
    riskScore: r.risk_score,
    audit: AUDIT[r.audit_sample]!,
    lines: lines
      .filter((l) => l.claim_id === r.id)
      .map((l) => ({
        code: l.code,
        quantity: l.quantity,
        unitPrice: Number(l.unit_price),
        claimed: Number(l.claimed),
        approved: Number(l.approved),
        reasons: JSON.parse(l.reasons_json),
      })),
    reviews: reviews
      .filter((v) => v.claim_id === r.id)
      .map((v) => ({
        kind: v.kind,
        action: v.action,
        amount: Number(v.amount),
        reason: v.reason,
        reviewedAt: v.reviewed_at,
        reviewedBy: v.reviewed_by,
      })),
    submittedAt: r.submitted_at,
    submittedBy: r.submitted_by,
    decidedAt: r.decided_at,
    decidedBy: r.decided_by,
    paymentRunId: r.payment_run_id,
  }));
}

/** The claim's row, if the caller may reach it. */
export async function findClaim(db: Executor, scope: Scope, id: string) {
  const row = await claims(db, scope.schemeId).where('c.id', '=', id).executeTakeFirst();
  if (!row || !pathInScope(scope, row.facility_path)) throw notFound(`Claim ${id}`);
  return row;
}

export async function getClaim(db: Db, scope: Scope, id: string): Promise<ClaimView> {
  return (await views(db.kysely, scope.schemeId, [await findClaim(db.kysely, scope, id)]))[0]!;
}

/** Claims by id, those within the caller's reach. */
export async function claimsByIds(db: Db, scope: Scope, ids: string[]): Promise<ClaimView[]> {
  const rows = [];
  for (let i = 0; i < ids.length; i += 500) {
    const chunk = await claims(db.kysely, scope.schemeId)
      .where('c.id', 'in', ids.slice(i, i + 500))
      .execute();
    rows.push(...chunk.filter((r) => pathInScope(scope, r.facility_path)));
  }
  return views(db.kysely, scope.schemeId, rows);
}

/** Claims by number; the review queue (status review) riskiest first. */
export async function listClaims(db: Db, scope: Scope, q: z.infer<typeof ClaimQuery>) {
  let query = claims(db.kysely, scope.schemeId);
  if (q.status) query = query.where('c.status', '=', q.status);
  if (q.audit) query = query.where('c.audit_sample', '=', q.audit === 'drawn' ? 1 : 2);
  if (q.facilityId) query = query.where('c.facility_id', '=', q.facilityId);
  if (q.memberId) query = query.where('c.member_id', '=', q.memberId);
  if (q.from) query = query.where('c.admitted_on', '>=', q.from);
  if (q.to) query = query.where('c.admitted_on', '<=', q.to);
  const queue = q.status === 'review';
  const after = decodeCursor(q.cursor, queue ? 2 : 1);
  if (after && queue) {
    const [risk, number] = after as [number, string];
    query = query.where((eb) =>
      eb.or([eb('c.risk_score', '<', risk), eb.and([eb('c.risk_score', '=', risk), eb('c.number', '>', number)])]),
    );
  } else if (after) {
    query = query.where('c.number', '>', after[0] as string);
  }
  if (queue) query = query.orderBy('c.risk_score', 'desc');
  const rows = (
    await query
      .orderBy('c.number')
      .limit(q.limit + 1)
      .execute()
  ).filter((r) => pathInScope(scope, r.facility_path));
  const result = page(rows, q.limit, (r) => (queue ? [r.risk_score, r.number] : [r.number]));
  return { items: await views(db.kysely, scope.schemeId, result.items), nextCursor: result.nextCursor };
}

/**
 * Claims the caller may reach, narrowed by the caller's conditions, a page at a time in the
 * order they were made (ids are UUIDv7): for clients that page through everything, as FHIR's.
 */
export async function claimsById(
  db: Db,
  scope: Scope,
  narrow: (q: ClaimsQuery) => ClaimsQuery,
  after: string | undefined,
  limit: number,
) {
  let query = narrow(claims(db.kysely, scope.schemeId));
  if (after !== undefined) query = query.where('c.id', '>', after);
  const rows = await query
    .orderBy('c.id')
    .limit(limit + 1)
    .execute();
  const result = page(rows, limit, (r) => [r.id]);
  // A limited caller's reach is checked on the page read, as listClaims does.
  const reached = result.items.filter((r) => pathInScope(scope, r.facility_path));
  return { items: await views(db.kysely, scope.schemeId, reached), nextCursor: result.nextCursor };
}
