import type { z } from '@hono/zod-openapi';
import type { Selectable } from 'kysely';
import type { Db, Executor } from '../../platform/db/database.js';
import type { PaymentTable } from '../../platform/db/schema.js';
import type { Scope } from '../../platform/http/context.js';
import { audit, type Actor } from '../../platform/audit/audit.js';
import { newId, nowIso } from '../../platform/ids.js';
import { conflict, invalid, notFound, Problem } from '../../platform/http/problem.js';
import { isUniqueViolation } from '../../platform/http/errors.js';
import { decodeCursor, page } from '../../platform/http/openapi.js';
import { findEmployer } from '../../registry/employers/service.js';
import { withinScope } from '../../registry/areas/limits.js';
import { payPremium } from '../collection/premiums.js';
import { applyPayment } from './apply.js';
import { groupCommit } from '../../platform/db/group-commit.js';
import type { Assignment, NewPayment, Payment, PaymentQuery } from './schemas.js';

type PaymentView = z.infer<typeof Payment>;
type Debtor = { employerId?: string; payerId?: string; memberNumber?: string };

interface Applied {
  allocations: { employer_id: string; period: string; payer_id: string | null; amount: number }[];
  premiumId: string | null;
}

/** A payment as answered; what it paid is read, unless the caller has just written it and knows. */
async function view(
  db: Executor,
  p: Selectable<PaymentTable>,
  duplicate = false,
  known?: Applied,
): Promise<PaymentView> {
  if (known) return viewOf(p, duplicate, known);
  const allocations = await db
    .selectFrom('allocation')
    .select(['employer_id', 'period', 'payer_id', 'amount'])
    .where('scheme_id', '=', p.scheme_id)
    .where('payment_id', '=', p.id)
    .orderBy('period')
    .orderBy('employer_id')
    .execute();
  const premium = await db
    .selectFrom('premium')
    .select('id')
    .where('scheme_id', '=', p.scheme_id)
    .where('payment_id', '=', p.id)
    .executeTakeFirst();
  return viewOf(p, duplicate, { allocations, premiumId: premium?.id ?? null });
}

function viewOf(p: Selectable<PaymentTable>, duplicate: boolean, { allocations, premiumId }: Applied): PaymentView {
  return {
    id: p.id,
    method: p.method,
    externalId: p.external_id,
    amount: Number(p.amount),
    currency: p.currency,
    paidOn: p.paid_on,
    reference: p.reference,
    payerName: p.payer_name,
    employerId: p.employer_id,
    payerId: p.payer_id,
    householdId: p.household_id,
    state: p.state,
    suspenseReason: p.suspense_reason,
    unapplied: Number(p.unapplied),
    allocations: allocations.map((a) => ({
      employerId: a.employer_id,
      period: a.period,
      payerId: a.payer_id,
      amount: Number(a.amount),
    })),
    premiumId,
    duplicate,
    createdAt: p.created_at,
    assignedAt: p.assigned_at,
    assignedBy: p.assigned_by,
  };
}

type Match =
  | { employerId: string; payerId?: undefined; householdId?: undefined }
  | { payerId: string; employerId?: undefined; householdId?: undefined }
  | { householdId: string; employerId?: undefined; payerId?: undefined };

/**
 * Whose debt the payment pays. Named outright, a debtor must exist (an unknown one is the
 * caller's mistake, and nothing is recorded); found from the payer's free-text reference, an
 * employer's or payer's code or a member number, it may be nobody, and the payment waits.
 */
async function match(db: Executor, scope: Scope, d: Debtor, reference?: string | null): Promise<Match | null> {
  const sid = scope.schemeId;
  if (d.employerId) {
    if (!(await findEmployer(db, scope, d.employerId)))
      throw invalid('employerId', `there is no employer "${d.employerId}" you can reach`);
    return { employerId: d.employerId };
  }
  if (d.payerId) {
    const payer = await db
      .selectFrom('payer')
      .select('id')
      .where('scheme_id', '=', sid)
      .where('id', '=', d.payerId)
      .executeTakeFirst();
    if (!payer) throw invalid('payerId', `there is no payer "${d.payerId}" in the scheme`);
    return { payerId: payer.id };
  }
  if (d.memberNumber) {
    const household = await householdOf(db, sid, d.memberNumber);
    if (!household) throw invalid('memberNumber', `there is no member ${d.memberNumber} in the scheme`);
    return { householdId: household };
  }
  const ref = reference?.trim();
  if (!ref) return null;
  const employer = await db
    .selectFrom('employer')
    .select('id')
    .where('scheme_id', '=', sid)
    .where('code', '=', ref)
    .executeTakeFirst();
  if (employer) return { employerId: employer.id };
  const payer = await db
    .selectFrom('payer')
    .select('id')
    .where('scheme_id', '=', sid)
    .where('code', '=', ref)
    .executeTakeFirst();
  if (payer) return { payerId: payer.id };
  const household = await householdOf(db, sid, ref);
  return household ? { householdId: household } : null;
}

const householdOf = async (db: Executor, schemeId: string, memberNumber: string) =>
  (
    await db
      .selectFrom('member')
      .select('household_id')
      .where('scheme_id', '=', schemeId)
      .where('member_number', '=', memberNumber)
      .executeTakeFirst()
  )?.household_id;

/**
 * Applies a matched payment inside the transaction. A household's payment buys its next cycle
 * of cover when it is enough; when it cannot (too little, no product to renew), it waits in
 * suspense with the reason, for a person to settle.
 */
async function settle(db: Db, tx: Executor, actor: Actor, scope: Scope, p: Selectable<PaymentTable>, m: Match) {
  const payment = { id: p.id, unapplied: Number(p.unapplied), paid_on: p.paid_on };
  if (m.employerId || m.payerId) {
    const debtor = m.employerId ? { employerId: m.employerId } : { payerId: m.payerId! };
    const allocations = await applyPayment(tx, scope.schemeId, payment, debtor);
    p.unapplied = payment.unapplied;
    return {
      premiumId: null,
      allocations: allocations
        .map((a) => ({ employer_id: a.employerId, period: a.period, payer_id: a.payerId, amount: a.amount }))
        .sort((a, b) => a.period.localeCompare(b.period) || a.employer_id.localeCompare(b.employer_id)),
    };
  }
  const { left, premium } = await payPremium(db, tx, actor, scope, {
    householdId: m.householdId!,
    paymentId: p.id,
    amount: payment.unapplied,
    paidOn: p.paid_on,
  });
  await tx
    .updateTable('payment')
    .set({ unapplied: left })
    .where('scheme_id', '=', scope.schemeId)
    .where('id', '=', p.id)
    .execute();
  p.unapplied = left;
  return { premiumId: premium.id, allocations: [] };
}

async function schemeCurrency(db: Executor, schemeId: string) {
  return (await db.selectFrom('scheme').select('currency').where('id', '=', schemeId).executeTakeFirstOrThrow())
    .currency;
}

/**
 * Records a payment and applies it to what is owed, oldest first. The same transaction (method
 * and the payer's id) twice is applied once: the second answer is the first payment, marked a
 * duplicate; sent again with another amount it is refused, as one of the two is wrong.
 */
export async function receivePayment(
  db: Db,
  actor: Actor,
  scope: Scope,
  input: z.infer<typeof NewPayment>,
  channelId: string | null = null,
): Promise<PaymentView> {
  try {
    // Notifications come in bursts: they share commits (platform/db/group-commit.ts).
    return await groupCommit(db).run(async (tx) => {
      const earlier = await byExternalId(tx, scope.schemeId, input.method, input.externalId);
      if (earlier) return answerDuplicate(tx, earlier, input.amount);
      const currency = await schemeCurrency(tx, scope.schemeId);
      if (input.currency !== currency) {
        throw invalid('currency', `is ${input.currency}, but the scheme is paid in ${currency}`);
      }
      const found = await match(tx, scope, input, input.reference);
      const row: Selectable<PaymentTable> = {
        id: newId(),
        scheme_id: scope.schemeId,
        method: input.method,
        external_id: input.externalId,
        amount: input.amount,
        currency,
        paid_on: input.paidOn,
        reference: input.reference ?? null,
        payer_name: input.payerName ?? null,
        channel_id: channelId,
        employer_id: found?.employerId ?? null,
        payer_id: found?.payerId ?? null,
        household_id: found?.householdId ?? null,
        state: found ? 'applied' : 'suspense',
        suspense_reason: found ? null : 'nobody in the scheme matches the reference',
        unapplied: input.amount,
        created_at: nowIso(),
        created_by: actor.username,
        assigned_at: null,
        assigned_by: null,
      };
      await tx.insertInto('payment').values(row).execute();
      const applied = found
        ? await settleOrSuspend(db, tx, actor, scope, row, found)
        : { allocations: [], premiumId: null };
      const after = await view(tx, row, false, applied);
      await audit(tx, actor, { action: 'create', entity: 'payment', entityId: row.id, after });
      return after;
    });
  } catch (err) {
    // The same notification twice at one moment: the second finds the first once it is in.
    if (isUniqueViolation(err)) {
      const first = await byExternalId(db.kysely, scope.schemeId, input.method, input.externalId);
      if (first) return answerDuplicate(db.kysely, first, input.amount);
    }
    throw err;
  }
}

/** A premium the payment cannot buy leaves it in suspense, with the reason, rather than refused. */
async function settleOrSuspend(
  db: Db,
  tx: Executor,
  actor: Actor,
  scope: Scope,
  row: Selectable<PaymentTable>,
  m: Match,
): Promise<Applied> {
  try {
    return await settle(db, tx, actor, scope, row, m);
  } catch (err) {
    if (!(err instanceof Problem) || !m.householdId) throw err;
    const reason = err.errors.map((e) => e.reason).join('; ') || err.message;
    await tx
      .updateTable('payment')
      .set({ state: 'suspense', suspense_reason: reason, household_id: null })
      .where('scheme_id', '=', scope.schemeId)
      .where('id', '=', row.id)
      .execute();
    if (row.assigned_by) throw err;
    Object.assign(row, { state: 'suspense', suspense_reason: reason, household_id: null });
    return { allocations: [], premiumId: null };
  }
}

async function answerDuplicate(db: Executor, earlier: Selectable<PaymentTable>, amount: number) {
  if (Number(earlier.amount) !== amount) {
    throw conflict('externalId', `was received before for ${earlier.amount}, not ${amount}: one of the two is wrong`);
  }
  return view(db, earlier, true);
}

const byExternalId = (db: Executor, schemeId: string, method: string, externalId: string) =>
  db
    .selectFrom('payment')
    .selectAll()
    .where('scheme_id', '=', schemeId)
    .where('method', '=', method as PaymentTable['method'])
    .where('external_id', '=', externalId)
    .executeTakeFirst();

const paymentRow = (db: Executor, schemeId: string, id: string) =>
  db.selectFrom('payment').selectAll().where('scheme_id', '=', schemeId).where('id', '=', id).executeTakeFirstOrThrow();

/** A person settles a payment from suspense by naming whose it is; it is then applied as if matched. */
export async function assignPayment(db: Db, actor: Actor, scope: Scope, id: string, to: z.infer<typeof Assignment>) {
  return db.kysely.transaction().execute(async (tx) => {
    const row = await tx
      .selectFrom('payment')
      .selectAll()
      .where('scheme_id', '=', scope.schemeId)
      .where('id', '=', id)
      .executeTakeFirst();
    const outOfReach =
      scope.areaPaths.length && (!row?.employer_id || !(await findEmployer(tx, scope, row.employer_id)));
    if (!row || outOfReach) throw notFound(`Payment ${id}`);
    if (row.state !== 'suspense') throw conflict('id', 'is not in suspense: it was applied already');
    const before = await view(tx, row);
    const found = (await match(tx, scope, to))!;
    const assigned = {
      state: 'applied' as const,
      suspense_reason: null,
      employer_id: found.employerId ?? null,
      payer_id: found.payerId ?? null,
      household_id: found.householdId ?? null,
      assigned_at: nowIso(),
      assigned_by: actor.username,
    };
    await tx
      .updateTable('payment')
      .set(assigned)
      .where('scheme_id', '=', scope.schemeId)
      .where('id', '=', id)
      .execute();
    // Assigned by a person, a premium it cannot buy is their error to see, not a new suspense.
    await settleOrSuspend(db, tx, actor, scope, { ...row, ...assigned }, found);
    const after = await view(tx, await paymentRow(tx, scope.schemeId, id));
    await audit(tx, actor, { action: 'assign', entity: 'payment', entityId: id, before, after });
    return after;
  });
}

export async function getPayment(db: Db, scope: Scope, id: string) {
  const row = await db.kysely
    .selectFrom('payment')
    .selectAll()
    .where('scheme_id', '=', scope.schemeId)
    .where('id', '=', id)
    .executeTakeFirst();
  const outOfReach =
    scope.areaPaths.length && (!row?.employer_id || !(await findEmployer(db.kysely, scope, row.employer_id)));
  if (!row || outOfReach) throw notFound(`Payment ${id}`);
  return view(db.kysely, row);
}

/** Newest first; the suspense list is the same list filtered by state. */
export async function listPayments(db: Db, scope: Scope, q: z.infer<typeof PaymentQuery>) {
  const after = decodeCursor(q.cursor, 1) as [string] | undefined;
  let query = db.kysely.selectFrom('payment').selectAll().where('scheme_id', '=', scope.schemeId);
  if (q.state) query = query.where('state', '=', q.state);
  if (q.employerId) query = query.where('employer_id', '=', q.employerId);
  if (q.payerId) query = query.where('payer_id', '=', q.payerId);
  // A user limited to areas sees the payments of their areas' employers, not the scheme's suspense list.
  if (scope.areaPaths.length) {
    query = query.where('employer_id', 'in', (eb) =>
      eb
        .selectFrom('employer')
        .select('employer.id')
        .where('employer.scheme_id', '=', scope.schemeId)
        .where(withinScope(scope, 'employer')),
    );
  }
  if (after) query = query.where('id', '<', after[0]);
  const rows = await query
    .orderBy('id', 'desc')
    .limit(q.limit + 1)
    .execute();
  const result = page(rows, q.limit, (r) => [r.id]);
  // What the page's payments paid, in two queries for the page rather than two for each.
  const ids = result.items.map((r) => r.id);
  const allocations = ids.length
    ? await db.kysely
        .selectFrom('allocation')
        .select(['payment_id', 'employer_id', 'period', 'payer_id', 'amount'])
        .where('scheme_id', '=', scope.schemeId)
        .where('payment_id', 'in', ids)
        .orderBy('period')
        .orderBy('employer_id')
        .execute()
    : [];
  const premiums = ids.length
    ? await db.kysely
        .selectFrom('premium')
        .select(['id', 'payment_id'])
        .where('scheme_id', '=', scope.schemeId)
        .where('payment_id', 'in', ids)
        .execute()
    : [];
  const items = result.items.map((r) =>
    viewOf(r, false, {
      allocations: allocations.filter((a) => a.payment_id === r.id).map((a) => ({ ...a, amount: Number(a.amount) })),
      premiumId: premiums.find((p) => p.payment_id === r.id)?.id ?? null,
    }),
  );
  return { items, nextCursor: result.nextCursor };
}
