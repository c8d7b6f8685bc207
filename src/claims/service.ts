import type { z } from '@hono/zod-openapi';
import type { Db, Executor } from '../platform/db/database.js';
import type { Scope } from '../platform/http/context.js';
import { audit, type Actor } from '../platform/audit/audit.js';
import { newId, nowIso } from '../platform/ids.js';
import { conflict, invalid, Problem } from '../platform/http/problem.js';
import { fieldErrorsOf } from '../platform/http/errors.js';
import { reserveSequence, memberByNumber } from '../registry/members/repo.js';
import { keptMemberPrefix } from '../registry/members/service.js';
import { parseMemberNumber } from '../registry/members/member-number.js';
import { findFacility } from '../registry/facilities/service.js';
import { contractInForce } from './contracts/service.js';
import { scoreOn } from './contracts/assessments.js';
import { coefficientFor } from './contracts/quality.js';
import { careFacts, decideIn, draw, fingerprint, priceItemsOf, type CareAsked } from './facts.js';
import { drawFollowUp } from './follow-ups.js';
import { getClaim } from './views.js';
import { NewClaim, type Claim, type NewClaimInput } from './schemas.js';

type ClaimView = z.infer<typeof Claim>;

/** The claim number: the facility's code, the month of care and a count within it. */
export const claimNumber = (facilityCode: string, admittedOn: string, sequence: number) =>
  `${facilityCode}-${admittedOn.slice(2, 4)}${admittedOn.slice(5, 7)}-${String(sequence).padStart(5, '0')}`;

/** The member the claim is for: by id, by number (check digit first), or by the visit checked in. */
export async function findClaimant(
  db: Db,
  scope: Scope,
  input: Pick<NewClaimInput, 'memberId' | 'memberNumber' | 'visitNumber'>,
  facilityId: string,
) {
  let visit: { id: string; member_id: string } | null = null;
  if (input.visitNumber) {
    const row = await db.kysely
      .selectFrom('visit')
      .select(['id', 'member_id', 'facility_id'])
      .where('scheme_id', '=', scope.schemeId)
      .where('number', '=', input.visitNumber)
      .executeTakeFirst();
    if (!row || row.facility_id !== facilityId)
      throw invalid('visitNumber', 'is not a visit checked in at this facility');
    visit = row;
  }
  let memberId = input.memberId ?? visit?.member_id;
  if (input.memberNumber) {
    const parsed = parseMemberNumber(await keptMemberPrefix(db, scope.schemeId), input.memberNumber);
    if (!parsed.ok) throw invalid('memberNumber', parsed.reason);
    const [found] = await memberByNumber(db, scope.schemeId, parsed.number);
    if (!found) throw invalid('memberNumber', 'is not a member of the scheme');
    memberId = found.id;
  }
  // A member treated outside the district they live in is still the scheme's member: the claim
  // is within reach of whoever can reach the facility.
  const member = await db.kysely
    .selectFrom('member')
    .select(['id', 'sex', 'birth_date', 'status', 'phone'])
    .where('scheme_id', '=', scope.schemeId)
    .where('id', '=', memberId!)
    .executeTakeFirst();
  if (!member) throw invalid(input.memberId ? 'memberId' : 'memberNumber', 'is not a member of the scheme');
  if (visit && visit.member_id !== member.id) throw invalid('visitNumber', 'is the visit of another member');
  return { member, visitId: visit?.id ?? null };
}

/**
 * Takes a facility's claim and decides it at once by the rules, with reasons: approved, partly
 * approved, rejected, or sent to a person with a risk score. The same external id sent again
 * answers the claim already made (`repeated`); with other content it is refused.
 */
export async function submitClaim(
  db: Db,
  actor: Actor,
  scope: Scope,
  input: NewClaimInput,
): Promise<{ claim: ClaimView; repeated: boolean }> {
  const facility = await findFacility(db.kysely, scope, input.facilityId).catch(() => {
    throw invalid('facilityId', 'is not a facility of the scheme within your areas');
  });
  const print = fingerprint(input);
  const earlier = await sameExternal(db.kysely, scope.schemeId, facility.id, input.externalId);
  if (earlier) return { claim: await repeatOf(db, scope, earlier, print), repeated: true };

  const { member, visitId } = await findClaimant(db, scope, input, facility.id);
  const day = input.admittedOn;
  const asked: CareAsked = { ...input, day };
  const [base, contract, score] = await Promise.all([
    careFacts(db, scope, member, asked),
    contractInForce(db.kysely, scope.schemeId, facility.id, day),
    scoreOn(db.kysely, scope.schemeId, facility.id, day),
  ]);
  const payment = contract?.categories.find((c) => c.category === input.category) ?? null;
  const priceListId = payment && 'priceListId' in payment ? payment.priceListId : null;
  const priceItems = priceListId ? await priceItemsOf(db.kysely, scope.schemeId, priceListId) : null;
  const id = newId();

  const result = await db.kysely.transaction().execute(async (tx) => {
    // Checked again inside: a claim sent twice at once is made once.
    const raced = await sameExternal(tx, scope.schemeId, facility.id, input.externalId);
    if (raced) return { id: raced.id, repeated: true, print: raced.fingerprint };
    const decision = await decideIn(
      tx,
      scope,
      member,
      asked,
      base,
      {
        key: facility.id,
        contract: { found: contract !== null, payment },
        priceItems,
        coefficientBp: coefficientFor(base.policy.quality, facility.ownership, score),
      },
      id,
    );
    const sequence = await reserveSequence(tx, scope.schemeId, `claim:${facility.id}:${day.slice(0, 7)}`, 1);
    const now = nowIso();
    const row = {
      id,
      scheme_id: scope.schemeId,
      number: claimNumber(facility.code, day, sequence),
      facility_id: facility.id,
      external_id: input.externalId,
      fingerprint: print,
      member_id: member.id,
      visit_id: visitId,
      category: input.category,
      setting: base.setting,
      case_code: input.caseCode ?? null,
      diagnosis: input.diagnosis ?? null,
      admitted_on: day,
      discharged_on: input.dischargedOn ?? null,
      claimed: input.claimed,
      proposed: decision.proposed,
      approved: decision.approved,
      member_pays: decision.memberPays,
      mechanism: decision.mechanism,
      status: decision.status,
      reasons_json: JSON.stringify(decision.reasons),
      risk_score: decision.riskScore,
      audit_sample: decision.auditSample ? 1 : 0,
      submitted_at: now,
      submitted_by: actor.username ?? 'system',
      decided_at: decision.status === 'review' ? null : now,
      decided_by: decision.status === 'review' ? null : 'rules',
    };
    await tx.insertInto('claim').values(row).execute();
    if (input.lines.length) {
      await tx
        .insertInto('claim_line')
        .values(
          input.lines.map((l, i) => ({
            scheme_id: scope.schemeId,
            claim_id: id,
            line_no: i + 1,
            code: l.code,
            quantity: l.quantity,
            unit_price: l.unitPrice,
            claimed: l.quantity * l.unitPrice,
            approved: decision.lines[i]!.approved,
            reasons_json: JSON.stringify(decision.lines[i]!.reasons),
          })),
        )
        .execute();
    }
    if (decision.status !== 'rejected' && draw(id, 'follow-up') * 10_000 < base.policy.followUpShareBp) {
      await drawFollowUp(tx, scope.schemeId, id, member);
    }
    await audit(tx, actor, {
      action: 'submit',
      entity: 'claim',
      entityId: id,
      after: { number: row.number, externalId: input.externalId, claimed: input.claimed, ...decision },
    });
    return { id, repeated: false, print };
  });
  if (result.repeated && result.print !== print) throw changedRepeat();
  return { claim: await getClaim(db, scope, result.id), repeated: result.repeated };
}

const sameExternal = (db: Executor, schemeId: string, facilityId: string, externalId: string) =>
  db
    .selectFrom('claim')
    .select(['id', 'fingerprint'])
    .where('scheme_id', '=', schemeId)
    .where('facility_id', '=', facilityId)
    .where('external_id', '=', externalId)
    .executeTakeFirst();

const changedRepeat = () =>
  conflict('externalId', 'was already used for a claim with other content; a correction needs a new external id');

async function repeatOf(db: Db, scope: Scope, earlier: { id: string; fingerprint: string }, print: string) {
  if (earlier.fingerprint !== print) throw changedRepeat();
  return getClaim(db, scope, earlier.id);
}

/** One claim of a batch or a file, answered on its own: made, made before, or refused and why. */
export async function submitOne(db: Db, actor: Actor, scope: Scope, raw: unknown) {
  const parsed = NewClaim.safeParse(raw);
  if (!parsed.success) return { status: 400, errors: fieldErrorsOf(parsed.error) };
  try {
    const { claim, repeated } = await submitClaim(db, actor, scope, parsed.data);
    return { status: repeated ? 200 : 201, claim };
  } catch (err) {
    if (!(err instanceof Problem)) throw err;
    return { status: err.status, errors: err.errors.length ? err.errors : [{ field: '(claim)', reason: err.message }] };
  }
}

/** A batch, each claim on its own: one refused claim does not hold the others back. */
export async function submitBatch(db: Db, actor: Actor, scope: Scope, claims: unknown[]) {
  const results = [];
  for (const [index, raw] of claims.entries()) results.push({ index, ...(await submitOne(db, actor, scope, raw)) });
  return { results };
}
