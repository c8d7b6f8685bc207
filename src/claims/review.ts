import type { z } from '@hono/zod-openapi';
import type { Db, Executor } from '../platform/db/database.js';
import type { Scope } from '../platform/http/context.js';
import type { ClaimStatus } from '../platform/db/schema.js';
import { audit, type Actor } from '../platform/audit/audit.js';
import { newId, nowIso } from '../platform/ids.js';
import { conflict, invalid } from '../platform/http/problem.js';
import { findFacility } from '../registry/facilities/service.js';
import { findClaim, getClaim } from './views.js';
import type { AuditFindings, ReviewDecision } from './schemas.js';

/** Reasons that cut what the rules pay below what the claim is worth: such a claim is partly approved. */
const CUTS = new Set([
  'PRICED_AT_LIST',
  'CEILING',
  'NOT_IN_PRICE_LIST',
  'SEX_RESTRICTION',
  'AGE_RESTRICTION',
  'TOO_SOON',
]);

type Decision = z.infer<typeof ReviewDecision>;
type ClaimRow = Awaited<ReturnType<typeof findClaim>>;

/** The amount a decision approves and the state it leaves the claim in. */
function outcome(claim: ClaimRow, d: Decision): { amount: number; status: ClaimStatus } {
  const proposed = Number(claim.proposed);
  const cut = (JSON.parse(claim.reasons_json) as { code: string }[]).some((r) => CUTS.has(r.code));
  if (d.action === 'reject') return { amount: 0, status: 'rejected' };
  if (d.action === 'approve') {
    const amount = claim.status === 'review' ? proposed : Number(claim.approved);
    return { amount, status: cut ? 'partly_approved' : 'approved' };
  }
  const amount = d.amount!;
  if (amount > Number(claim.claimed)) throw invalid('amount', `is more than was claimed (${Number(claim.claimed)})`);
  if (amount === 0) return { amount, status: 'rejected' };
  return { amount, status: cut || amount < proposed ? 'partly_approved' : 'approved' };
}

/** A claim an approved run pays is settled for good: a correction is an adjustment of a later run. */
async function refuseIfPaid(tx: Executor, scope: Scope, claim: ClaimRow) {
  if (!claim.payment_run_id) return;
  const run = await tx
    .selectFrom('payment_run')
    .select(['period', 'status'])
    .where('scheme_id', '=', scope.schemeId)
    .where('id', '=', claim.payment_run_id)
    .executeTakeFirst();
  if (run && run.status !== 'draft') {
    throw conflict(
      'status',
      `is paid by the ${run.status} run of ${run.period}: correct it by an adjustment of a later run`,
    );
  }
}

async function record(
  tx: Executor,
  actor: Actor,
  scope: Scope,
  claim: ClaimRow,
  kind: 'review' | 'audit',
  d: Decision,
  result: { amount: number; status: ClaimStatus },
) {
  const now = nowIso();
  const by = actor.username ?? 'system';
  await tx
    .updateTable('claim')
    .set({
      approved: result.amount,
      status: result.status,
      decided_at: now,
      decided_by: by,
      ...(kind === 'audit' ? { audit_sample: 2 } : {}),
    })
    .where('scheme_id', '=', scope.schemeId)
    .where('id', '=', claim.id)
    .execute();
  await tx
    .insertInto('claim_review')
    .values({
      id: newId(),
      scheme_id: scope.schemeId,
      claim_id: claim.id,
      kind,
      action: d.action,
      amount: result.amount,
      reason: d.reason,
      reviewed_at: now,
      reviewed_by: by,
    })
    .execute();
  await audit(tx, actor, {
    action: kind,
    entity: 'claim',
    entityId: claim.id,
    before: { status: claim.status, approved: Number(claim.approved) },
    after: { status: result.status, approved: result.amount, action: d.action, reason: d.reason },
  });
}

/** A claims officer's decision on a claim the rules sent to review: approve, adjust or reject, with a reason. */
export async function reviewClaim(db: Db, actor: Actor, scope: Scope, id: string, d: Decision) {
  await db.kysely.transaction().execute(async (tx) => {
    const claim = await findClaim(tx, scope, id);
    if (claim.status !== 'review') throw conflict('status', `is ${claim.status}: only claims in review are reviewed`);
    await record(tx, actor, scope, claim, 'review', d, outcome(claim, d));
  });
  return getClaim(db, scope, id);
}

/** The audit of an approved claim drawn for the sample: confirmed, adjusted or rejected after the fact. */
export async function auditClaim(db: Db, actor: Actor, scope: Scope, id: string, d: Decision) {
  await db.kysely.transaction().execute(async (tx) => {
    const claim = await findClaim(tx, scope, id);
    await refuseIfPaid(tx, scope, claim);
    if (claim.audit_sample !== 1) {
      throw conflict(
        'audit',
        claim.audit_sample === 2 ? 'this claim was already audited' : 'this claim was not drawn for audit',
      );
    }
    await record(tx, actor, scope, claim, 'audit', d, outcome(claim, d));
  });
  return getClaim(db, scope, id);
}

/**
 * What the audited sample of a facility's approved claims found, applied to the rest: if the
 * audit kept 90 % of what the rules approved, the facility's other claims of the period decided
 * by the rules alone are approved at 90 % too. Shown first (apply false); applied once, since the
 * claims it changes are no longer the rules' alone.
 */
export async function auditFindings(db: Db, actor: Actor, scope: Scope, input: z.infer<typeof AuditFindings>) {
  return db.kysely.transaction().execute(async (tx) => {
    const facility = await findFacility(tx, scope, input.facilityId).catch(() => {
      throw invalid('facilityId', 'is not a facility of the scheme within your areas');
    });
    const inPeriod = tx
      .selectFrom('claim')
      .where('scheme_id', '=', scope.schemeId)
      .where('facility_id', '=', facility.id)
      .where('admitted_on', '>=', input.from)
      .where('admitted_on', '<=', input.to);
    const sample = await inPeriod.select(['proposed', 'approved']).where('audit_sample', '=', 2).execute();
    if (!sample.length) throw conflict('facilityId', 'has no audited claims in the period');
    const before = sample.reduce((s, c) => s + Number(c.proposed), 0);
    const after = sample.reduce((s, c) => s + Number(c.approved), 0);
    const ratioBp = before > 0 ? Math.round((after * 10_000) / before) : 10_000;
    const rest = await inPeriod
      .select(['id', 'status', 'proposed', 'approved', 'reasons_json'])
      .where('audit_sample', '=', 0)
      .where('decided_by', '=', 'rules')
      .where('status', 'in', ['approved', 'partly_approved'])
      .where('approved', '>', 0)
      // Claims an approved run pays are settled; a draft's are computed again.
      .where((eb) =>
        eb.or([
          eb('payment_run_id', 'is', null),
          eb(
            'payment_run_id',
            'in',
            eb
              .selectFrom('payment_run')
              .select('id')
              .where('scheme_id', '=', scope.schemeId)
              .where('status', '=', 'draft'),
          ),
        ]),
      )
      .execute();
    const changes = rest.map((c) => ({ claim: c, amount: Math.round((Number(c.approved) * ratioBp) / 10_000) }));
    const result = {
      audited: sample.length,
      approvedBefore: before,
      approvedAfterAudit: after,
      ratioBp,
      claims: rest.length,
      approved: rest.reduce((s, c) => s + Number(c.approved), 0),
      adjusted: changes.reduce((s, c) => s + c.amount, 0),
      applied: input.apply,
    };
    if (!input.apply) return result;
    const now = nowIso();
    const by = actor.username ?? 'system';
    const reason = `Audit finding of ${input.from} to ${input.to} applied: ${ratioBp / 100} % of the amount approved`;
    for (const { claim, amount } of changes) {
      const status: ClaimStatus =
        amount === 0 ? 'rejected' : amount < Number(claim.proposed) ? 'partly_approved' : claim.status;
      await tx
        .updateTable('claim')
        .set({ approved: amount, status, decided_at: now, decided_by: by })
        .where('scheme_id', '=', scope.schemeId)
        .where('id', '=', claim.id)
        .execute();
      await tx
        .insertInto('claim_review')
        .values({
          id: newId(),
          scheme_id: scope.schemeId,
          claim_id: claim.id,
          kind: 'audit',
          action: 'adjust',
          amount,
          reason,
          reviewed_at: now,
          reviewed_by: by,
        })
        .execute();
    }
    await audit(tx, actor, {
      action: 'apply-audit-findings',
      entity: 'facility',
      entityId: facility.id,
      after: {
        ...result,
        claims: changes.map((c) => ({ id: c.claim.id, from: Number(c.claim.approved), to: c.amount })),
      },
    });
    return result;
  });
}
