import type { z } from '@hono/zod-openapi';
import type { Db, Executor } from '../../platform/db/database.js';
import type { Scope } from '../../platform/http/context.js';
import type { ClaimStatus } from '../../platform/db/schema.js';
import { audit, type Actor } from '../../platform/audit/audit.js';
import { newId, nowIso } from '../../platform/ids.js';
import { formatMoney } from '../../platform/money.js';
import { conflict, invalid, notFound } from '../../platform/http/problem.js';
import { decodeCursor, page } from '../../platform/http/openapi.js';
import { reserveSequence } from '../../registry/members/repo.js';
import { areaPathOf, pathInScope } from '../../registry/areas/limits.js';
import { findClaimant, holdMembers } from '../claimant.js';
import { careFacts, decideIn, fingerprint, priceItemsOf, type CareAsked } from '../facts.js';
import { NO_ASSESSMENT_BP } from '../contracts/quality.js';
import { providerKey } from '../repo.js';
import type { Reason } from '../adjudicate.js';
import type { ReviewDecision } from '../schemas.js';
import {
  MAX_RECEIPT_BYTES,
  type NewReimbursement,
  type PaidBack,
  type Reimbursement,
  type ReimbursementQuery,
} from './schemas.js';

type Input = z.infer<typeof NewReimbursement>;
type View = z.infer<typeof Reimbursement>;

const MAGIC: Record<string, number[]> = {
  'image/jpeg': [0xff, 0xd8, 0xff],
  'image/png': [0x89, 0x50, 0x4e, 0x47],
  'application/pdf': [0x25, 0x50, 0x44, 0x46, 0x2d],
};

/** The receipt's bytes, checked to be what it says it is. */
function receiptBytes(receipt: Input['receipt']) {
  const bytes = new Uint8Array(Buffer.from(receipt.data, 'base64'));
  if (!bytes.length) throw invalid('receipt.data', 'is empty');
  if (bytes.length > MAX_RECEIPT_BYTES) throw invalid('receipt.data', 'must be at most 5 MB');
  if (!MAGIC[receipt.contentType]!.every((b, i) => bytes[i] === b)) {
    throw invalid('receipt.data', `is not a ${receipt.contentType} file`);
  }
  return bytes;
}

export const reimbursementNumber = (careOn: string, sequence: number) =>
  `R-${careOn.slice(2, 4)}${careOn.slice(5, 7)}-${String(sequence).padStart(5, '0')}`;

function reimbursements(db: Executor, schemeId: string) {
  return db
    .selectFrom('reimbursement as r')
    .innerJoin('member as m', (j) => j.onRef('m.scheme_id', '=', 'r.scheme_id').onRef('m.id', '=', 'r.member_id'))
    .select([
      'r.id',
      'r.number',
      'r.member_id',
      'm.member_number',
      'm.name_latin',
      'r.provider_name',
      'r.receipt_number',
      'r.care_on',
      'r.category',
      'r.case_code',
      'r.diagnosis',
      'r.lines_json',
      'r.paid_by_member',
      'r.proposed',
      'r.approved',
      'r.status',
      'r.reasons_json',
      'r.risk_score',
      'r.submitted_at',
      'r.submitted_by',
      'r.decided_at',
      'r.decided_by',
      'r.paid_on',
      'r.paid_reference',
      'r.fingerprint',
    ])
    .select(areaPathOf('m').as('member_path'))
    .where('r.scheme_id', '=', schemeId);
}

type Row = Awaited<ReturnType<ReturnType<typeof reimbursements>['executeTakeFirstOrThrow']>>;

const view = (r: Row): View => ({
  id: r.id,
  number: r.number,
  memberId: r.member_id,
  memberNumber: r.member_number,
  nameLatin: r.name_latin,
  providerName: r.provider_name,
  receiptNumber: r.receipt_number,
  careOn: r.care_on,
  category: r.category,
  caseCode: r.case_code,
  diagnosis: r.diagnosis,
  lines: JSON.parse(r.lines_json),
  paidByMember: Number(r.paid_by_member),
  proposed: Number(r.proposed),
  approved: Number(r.approved),
  status: r.status,
  reasons: JSON.parse(r.reasons_json),
  riskScore: r.risk_score,
  receiptUrl: `/api/v1/reimbursements/${r.id}/receipt`,
  submittedAt: r.submitted_at,
  submittedBy: r.submitted_by,
  decidedAt: r.decided_at,
  decidedBy: r.decided_by,
  paidOn: r.paid_on,
  paidReference: r.paid_reference,
});

/** A reimbursement within the caller's reach: the member's area. */
async function find(db: Executor, scope: Scope, id: string) {
  const row = await reimbursements(db, scope.schemeId).where('r.id', '=', id).executeTakeFirst();
  if (!row || !pathInScope(scope, row.member_path)) throw notFound(`Reimbursement ${id}`);
  return row;
}

export const getReimbursement = async (db: Db, scope: Scope, id: string) => view(await find(db.kysely, scope, id));

export async function listReimbursements(db: Db, scope: Scope, q: z.infer<typeof ReimbursementQuery>) {
  let query = reimbursements(db.kysely, scope.schemeId);
  if (q.status) query = query.where('r.status', '=', q.status);
  if (q.memberId) query = query.where('r.member_id', '=', q.memberId);
  if (q.unpaid === 'true') {
    query = query.where('r.status', 'in', ['approved', 'partly_approved']).where('r.paid_on', 'is', null);
  }
  const after = decodeCursor(q.cursor, 1);
  if (after) query = query.where('r.number', '>', after[0] as string);
  const rows = (
    await query
      .orderBy('r.number')
      .limit(q.limit + 1)
      .execute()
  ).filter((r) => pathInScope(scope, r.member_path));
  const result = page(rows, q.limit, (r) => [r.number]);
  return { items: result.items.map(view), nextCursor: result.nextCursor };
}

export async function readReceipt(db: Db, scope: Scope, id: string) {
  await find(db.kysely, scope, id);
  return db.kysely
    .selectFrom('reimbursement')
    .select(['receipt', 'receipt_type', 'number'])
    .where('scheme_id', '=', scope.schemeId)
    .where('id', '=', id)
    .executeTakeFirstOrThrow();
}

const sameReceipt = (db: Executor, schemeId: string, memberId: string, input: Input) =>
  db
    .selectFrom('reimbursement')
    .select(['id', 'fingerprint'])
    .where('scheme_id', '=', schemeId)
    .where('member_id', '=', memberId)
    .where('provider_name', '=', input.providerName)
    .where('receipt_number', '=', input.receiptNumber)
    .executeTakeFirst();

/**
 * Emergency care outside the network, paid by the member (seed 001): judged by the same rules as
 * a facility's claim (cover that day, waiting periods, exclusions, ceilings, duplicates), priced
 * at the scheme's tariff (the case's average cost, or the tariff list), and paid back at most
 * what the member paid. The same receipt sent again answers the request already made.
 */
export async function submitReimbursement(
  db: Db,
  actor: Actor,
  scope: Scope,
  input: Input,
): Promise<{ reimbursement: View; repeated: boolean }> {
  const bytes = receiptBytes(input.receipt);
  const member = await findClaimant(db, scope, input);
  if (!pathInScope(scope, await memberPath(db.kysely, scope.schemeId, member.id))) {
    throw invalid(input.memberId ? 'memberId' : 'memberNumber', 'is not a member within your areas');
  }
  const print = fingerprint({ ...input, receipt: undefined });
  const earlier = await sameReceipt(db.kysely, scope.schemeId, member.id, input);
  if (earlier) {
    if (earlier.fingerprint !== print) throw receiptUsed();
    return { reimbursement: await getReimbursement(db, scope, earlier.id), repeated: true };
  }
  const asked: CareAsked = { ...input, day: input.careOn, claimed: input.paidByMember };
  const base = await careFacts(db, scope, member, asked);
  const tariff = base.policy.reimbursement.priceListId;
  if (!input.caseCode && !tariff) {
    throw invalid(
      'caseCode',
      'name the case: the scheme has no tariff list for services (claim policy reimbursement.priceListId)',
    );
  }
  const priceItems = !input.caseCode && tariff ? await priceItemsOf(db.kysely, scope.schemeId, tariff) : null;
  const payment = input.caseCode
    ? { category: input.category, mechanism: 'case' as const }
    : { category: input.category, mechanism: 'fee_for_service' as const, priceListId: tariff! };
  const id = newId();

  const created = await db.kysely.transaction().execute(async (tx) => {
    await holdMembers(db, tx, scope.schemeId, [member.id]);
    const raced = await sameReceipt(tx, scope.schemeId, member.id, input);
    if (raced) return { id: raced.id, repeated: true, print: raced.fingerprint };
    const decision = await decideIn(
      tx,
      scope,
      member,
      asked,
      base,
      {
        key: providerKey(input.providerName),
        contract: { found: true, payment },
        priceItems,
        coefficientBp: NO_ASSESSMENT_BP,
      },
      id,
    );
    // Never more than the member paid; less when the tariff is lower.
    const payable = Math.min(decision.proposed, input.paidByMember);
    const reasons: Reason[] = [...decision.reasons];
    let status: ClaimStatus = decision.status;
    if (status === 'approved' || status === 'partly_approved') {
      status = payable < input.paidByMember ? 'partly_approved' : 'approved';
    }
    if (status !== 'rejected') {
      reasons.push({
        code: payable < input.paidByMember ? 'TARIFF' : 'PAID_IN_FULL',
        message: `Paid back ${formatMoney(payable, base.minorUnits)} of the ${formatMoney(input.paidByMember, base.minorUnits)} paid`,
      });
    }
    const sequence = await reserveSequence(tx, scope.schemeId, `reimbursement:${input.careOn.slice(0, 7)}`, 1);
    const now = nowIso();
    const row = {
      id,
      scheme_id: scope.schemeId,
      number: reimbursementNumber(input.careOn, sequence),
      member_id: member.id,
      provider_name: input.providerName,
      receipt_number: input.receiptNumber,
      fingerprint: print,
      care_on: input.careOn,
      category: input.category,
      setting: base.setting,
      case_code: input.caseCode ?? null,
      diagnosis: input.diagnosis ?? null,
      lines_json: JSON.stringify(input.lines.map((l, i) => ({ ...l, approved: decision.lines[i]!.approved }))),
      paid_by_member: input.paidByMember,
      proposed: status === 'rejected' ? 0 : payable,
      approved: status === 'review' || status === 'rejected' ? 0 : payable,
      status,
      reasons_json: JSON.stringify(reasons),
      risk_score: decision.riskScore,
      receipt_type: input.receipt.contentType,
      receipt: bytes,
      submitted_at: now,
      submitted_by: actor.username ?? 'system',
      decided_at: status === 'review' ? null : now,
      decided_by: status === 'review' ? null : 'rules',
    };
    await tx.insertInto('reimbursement').values(row).execute();
    const { receipt: _receipt, fingerprint: _print, ...after } = row;
    await audit(tx, actor, { action: 'submit', entity: 'reimbursement', entityId: id, after });
    return { id, repeated: false, print };
  });
  if (created.repeated && created.print !== print) throw receiptUsed();
  return { reimbursement: await getReimbursement(db, scope, created.id), repeated: created.repeated };
}

const receiptUsed = () => conflict('receiptNumber', 'was already sent for this member and provider with other content');

async function memberPath(db: Executor, schemeId: string, memberId: string) {
  const row = await db
    .selectFrom('member as m')
    .select(areaPathOf('m').as('path'))
    .where('m.scheme_id', '=', schemeId)
    .where('m.id', '=', memberId)
    .executeTakeFirst();
  return row?.path ?? null;
}

/** A claims officer's decision on a reimbursement the rules sent to review. */
export async function reviewReimbursement(
  db: Db,
  actor: Actor,
  scope: Scope,
  id: string,
  d: z.infer<typeof ReviewDecision>,
) {
  await db.kysely.transaction().execute(async (tx) => {
    const r = await find(tx, scope, id);
    if (r.status !== 'review') throw conflict('status', `is ${r.status}: only requests in review are reviewed`);
    const paid = Number(r.paid_by_member);
    if (d.action === 'adjust' && d.amount! > paid) throw invalid('amount', `is more than the member paid (${paid})`);
    const amount = d.action === 'reject' ? 0 : d.action === 'approve' ? Number(r.proposed) : d.amount!;
    const status: ClaimStatus = amount === 0 ? 'rejected' : amount < paid ? 'partly_approved' : 'approved';
    const now = nowIso();
    await tx
      .updateTable('reimbursement')
      .set({ approved: amount, status, decided_at: now, decided_by: actor.username ?? 'system' })
      .where('scheme_id', '=', scope.schemeId)
      .where('id', '=', id)
      .execute();
    await audit(tx, actor, {
      action: 'review',
      entity: 'reimbursement',
      entityId: id,
      before: { status: r.status, approved: Number(r.approved) },
      after: { status, approved: amount, action: d.action, reason: d.reason },
    });
  });
  return getReimbursement(db, scope, id);
}

/** The money has gone back to the member; once. */
export async function markPaidBack(db: Db, actor: Actor, scope: Scope, id: string, input: z.infer<typeof PaidBack>) {
  await db.kysely.transaction().execute(async (tx) => {
    const r = await find(tx, scope, id);
    if (r.status !== 'approved' && r.status !== 'partly_approved') {
      throw conflict('status', `is ${r.status}: only an approved reimbursement is paid`);
    }
    if (r.paid_on) throw conflict('paidOn', `was already paid back on ${r.paid_on}`);
    if (input.paidOn < r.care_on) throw invalid('paidOn', `is before the care (${r.care_on})`);
    await tx
      .updateTable('reimbursement')
      .set({ paid_on: input.paidOn, paid_reference: input.reference ?? null })
      .where('scheme_id', '=', scope.schemeId)
      .where('id', '=', id)
      .execute();
    await audit(tx, actor, { action: 'pay', entity: 'reimbursement', entityId: id, after: input });
  });
  return getReimbursement(db, scope, id);
}
