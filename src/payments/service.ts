import type { z } from '@hono/zod-openapi';
import type { Selectable } from 'kysely';
import type { Db, Executor } from '../platform/db/database.js';
import type { PaymentRunTable } from '../platform/db/schema.js';
import type { Scope } from '../platform/http/context.js';
import { audit, type Actor } from '../platform/audit/audit.js';
import { newId, nowIso } from '../platform/ids.js';
import { conflict, forbidden, invalid, notFound } from '../platform/http/problem.js';
import { decodeCursor, page } from '../platform/http/openapi.js';
import { pathInScope } from '../registry/areas/limits.js';
import { findFacility } from '../registry/facilities/service.js';
import { payableClaims, monthOf, runFacts } from './repo.js';
import { statements, type Statement } from './statement.js';
import type { Adjustment, Paid, PaymentRun, RunQuery } from './schemas.js';

type RunRow = Selectable<PaymentRunTable>;
type RunView = z.infer<typeof PaymentRun>;

const summary = (r: RunRow): Omit<RunView, 'statements'> => ({
  id: r.id,
  period: r.period,
  status: r.status,
  total: Number(r.total),
  contributions: Number(r.contributions),
  computedAt: r.computed_at,
  createdAt: r.created_at,
  createdBy: r.created_by,
  approvedAt: r.approved_at,
  approvedBy: r.approved_by,
  paidOn: r.paid_on,
  paidReference: r.paid_reference,
});

/** A payment run covers every facility of the scheme: it is not for users limited to some areas. */
function wholeScheme(scope: Scope) {
  if (scope.areaPaths.length) throw forbidden('A payment run covers the whole scheme; you are limited to some areas');
}

async function findRun(db: Executor, scope: Scope, id: string) {
  const row = await db
    .selectFrom('payment_run')
    .selectAll()
    .where('scheme_id', '=', scope.schemeId)
    .where('id', '=', id)
    .executeTakeFirst();
  if (!row) throw notFound(`Payment run ${id}`);
  return row;
}

async function storedStatements(db: Executor, scope: Scope, runId: string) {
  const rows = await db
    .selectFrom('statement as s')
    .innerJoin('facility as f', (j) => j.onRef('f.scheme_id', '=', 's.scheme_id').onRef('f.id', '=', 's.facility_id'))
    .leftJoin('area as a', (j) => j.onRef('a.scheme_id', '=', 'f.scheme_id').onRef('a.id', '=', 'f.area_id'))
    .selectAll('s')
    .select(['f.code', 'f.name', 'a.path'])
    .where('s.scheme_id', '=', scope.schemeId)
    .where('s.run_id', '=', runId)
    .orderBy('f.name')
    .execute();
  // A limited user sees the statements of the facilities in their areas.
  return rows
    .filter((r) => pathInScope(scope, r.path))
    .map((r) => ({
      facilityId: r.facility_id,
      facilityCode: r.code,
      facilityName: r.name,
      capitation: Number(r.capitation),
      caseBased: Number(r.case_based),
      lumpSum: Number(r.lump_sum),
      feeForService: Number(r.fee_for_service),
      relative: Number(r.relative),
      adjustments: Number(r.adjustments),
      total: Number(r.total),
      claims: Number(r.claims),
      lines: JSON.parse(r.lines_json) as Statement['lines'],
    }));
}

export async function getRun(db: Db, scope: Scope, id: string): Promise<RunView> {
  const run = await findRun(db.kysely, scope, id);
  return { ...summary(run), statements: await storedStatements(db.kysely, scope, id) };
}

export async function listRuns(db: Db, scope: Scope, q: z.infer<typeof RunQuery>) {
  let query = db.kysely.selectFrom('payment_run').selectAll().where('scheme_id', '=', scope.schemeId);
  const after = decodeCursor(q.cursor, 1);
  if (after) query = query.where('period', '<', after[0] as string);
  const rows = await query
    .orderBy('period', 'desc')
    .limit(q.limit + 1)
    .execute();
  const result = page(rows, q.limit, (r) => [r.period]);
  return { items: result.items.map(summary), nextCursor: result.nextCursor };
}

/** The month's statements as the facts stand now. */
const compute = async (tx: Executor, run: RunRow) => {
  const facts = await runFacts(tx, run.scheme_id, run.id, run.period);
  return { facts, result: statements(facts) };
};

/**
 * Computes a draft's statements afresh and marks the claims it pays, all in one transaction: a
 * run stopped half-way leaves the draft as it was, and computing it again completes it, with the
 * same result for the same facts.
 */
async function writeDraft(tx: Executor, actor: Actor, run: RunRow) {
  const { facts, result } = await compute(tx, run);
  const scheme = run.scheme_id;
  await tx.deleteFrom('statement').where('scheme_id', '=', scheme).where('run_id', '=', run.id).execute();
  for (let i = 0; i < result.length; i += 200) {
    await tx
      .insertInto('statement')
      .values(
        result.slice(i, i + 200).map((s) => ({
          scheme_id: scheme,
          run_id: run.id,
          facility_id: s.facilityId,
          capitation: s.capitation,
          case_based: s.caseBased,
          lump_sum: s.lumpSum,
          fee_for_service: s.feeForService,
          relative: s.relative,
          adjustments: s.adjustments,
          total: s.total,
          claims: s.claims,
          lines_json: JSON.stringify(s.lines),
        })),
      )
      .execute();
  }
  const { last } = monthOf(run.period);
  await tx
    .updateTable('claim')
    .set({ payment_run_id: null })
    .where('scheme_id', '=', scheme)
    .where('payment_run_id', '=', run.id)
    .execute();
  await tx
    .updateTable('claim')
    .set({ payment_run_id: run.id })
    .where('scheme_id', '=', scheme)
    .where('id', 'in', payableClaims(tx, scheme, run.id, last).select('id'))
    .execute();
  const total = result.reduce((s, x) => s + x.total, 0);
  await tx
    .updateTable('payment_run')
    .set({ total, contributions: facts.contributions, computed_at: nowIso() })
    .where('scheme_id', '=', scheme)
    .where('id', '=', run.id)
    .execute();
  await audit(tx, actor, {
    action: 'compute',
    entity: 'payment_run',
    entityId: run.id,
    after: { period: run.period, total, facilities: result.length, claims: result.reduce((s, x) => s + x.claims, 0) },
  });
}

/** A month's run, as a draft computed at once; one run a month. */
export async function createRun(db: Db, actor: Actor, scope: Scope, period: string) {
  wholeScheme(scope);
  const id = await db.kysely.transaction().execute(async (tx) => {
    const taken = await tx
      .selectFrom('payment_run')
      .select('id')
      .where('scheme_id', '=', scope.schemeId)
      .where('period', '=', period)
      .executeTakeFirst();
    if (taken) throw conflict('period', `already has a payment run (${taken.id}): recompute that one`);
    const row: RunRow = {
      id: newId(),
      scheme_id: scope.schemeId,
      period,
      status: 'draft',
      total: 0,
      contributions: 0,
      computed_at: null,
      created_at: nowIso(),
      created_by: actor.username ?? 'system',
      approved_at: null,
      approved_by: null,
      paid_on: null,
      paid_reference: null,
      paid_by: null,
    };
    await tx.insertInto('payment_run').values(row).execute();
    await audit(tx, actor, { action: 'create', entity: 'payment_run', entityId: row.id, after: { period } });
    return row.id;
  });
  return recomputeRun(db, actor, scope, id);
}

/** A draft computed again: claims decided since, adjustments added, contracts changed. */
export async function recomputeRun(db: Db, actor: Actor, scope: Scope, id: string) {
  wholeScheme(scope);
  await db.kysely.transaction().execute(async (tx) => {
    const run = await findRun(tx, scope, id);
    if (run.status !== 'draft') throw conflict('status', `is ${run.status}: an approved run never changes`);
    await writeDraft(tx, actor, run);
  });
  return getRun(db, scope, id);
}

/**
 * Approves a draft as it was last computed, if the facts still give the same statements; if
 * they do not (a claim reviewed since, a new adjustment), it must be recomputed and looked at
 * again. Approved, it never changes, and its claims are paid by no other run.
 */
export async function approveRun(db: Db, actor: Actor, scope: Scope, id: string) {
  wholeScheme(scope);
  await db.kysely.transaction().execute(async (tx) => {
    const run = await findRun(tx, scope, id);
    if (run.status !== 'draft') throw conflict('status', `is ${run.status}, not a draft`);
    if (!run.computed_at) throw conflict('status', 'has not been computed yet: recompute it first');
    const { result } = await compute(tx, run);
    const stored = await storedStatements(tx, { schemeId: scope.schemeId, areaPaths: [] }, id);
    const key = (s: { facilityId: string; total: number; claims: number }[]) =>
      JSON.stringify(s.map((x) => [x.facilityId, x.total, x.claims]).sort());
    if (key(result) !== key(stored)) {
      throw conflict('status', 'the facts changed since the run was computed: recompute it, check it, then approve it');
    }
    const now = nowIso();
    await tx
      .updateTable('payment_run')
      .set({ status: 'approved', approved_at: now, approved_by: actor.username ?? 'system' })
      .where('scheme_id', '=', scope.schemeId)
      .where('id', '=', id)
      .execute();
    await audit(tx, actor, {
      action: 'approve',
      entity: 'payment_run',
      entityId: id,
      before: { status: 'draft' },
      after: { status: 'approved', total: Number(run.total) },
    });
  });
  return getRun(db, scope, id);
}

/** The approved run's money has gone out to the facilities. */
export async function markPaid(db: Db, actor: Actor, scope: Scope, id: string, input: z.infer<typeof Paid>) {
  wholeScheme(scope);
  await db.kysely.transaction().execute(async (tx) => {
    const run = await findRun(tx, scope, id);
    if (run.status !== 'approved') throw conflict('status', `is ${run.status}: only an approved run is paid`);
    if (input.paidOn < `${run.period}-01`) throw invalid('paidOn', `is before the month the run pays (${run.period})`);
    await tx
      .updateTable('payment_run')
      .set({
        status: 'paid',
        paid_on: input.paidOn,
        paid_reference: input.reference ?? null,
        paid_by: actor.username ?? 'system',
      })
      .where('scheme_id', '=', scope.schemeId)
      .where('id', '=', id)
      .execute();
    await audit(tx, actor, { action: 'pay', entity: 'payment_run', entityId: id, after: input });
  });
  return getRun(db, scope, id);
}

/** An amount added to (or recovered from) a facility in a draft, with its reason; the draft is computed again. */
export async function addAdjustment(db: Db, actor: Actor, scope: Scope, id: string, input: z.infer<typeof Adjustment>) {
  wholeScheme(scope);
  await db.kysely.transaction().execute(async (tx) => {
    const run = await findRun(tx, scope, id);
    if (run.status !== 'draft') throw conflict('status', `is ${run.status}: an approved run never changes`);
    const facility = await findFacility(tx, scope, input.facilityId).catch(() => {
      throw invalid('facilityId', 'is not a facility of the scheme');
    });
    const row = {
      id: newId(),
      scheme_id: scope.schemeId,
      run_id: id,
      facility_id: facility.id,
      amount: input.amount,
      reason: input.reason,
      created_at: nowIso(),
      created_by: actor.username ?? 'system',
    };
    await tx.insertInto('payment_adjustment').values(row).execute();
    await audit(tx, actor, { action: 'create', entity: 'payment_adjustment', entityId: row.id, after: input });
    await writeDraft(tx, actor, run);
  });
  return getRun(db, scope, id);
}

/** One facility's statement in a run, for printing. */
export async function statementOf(db: Db, scope: Scope, id: string, facilityId: string) {
  const run = await getRun(db, scope, id);
  const statement = run.statements.find((s) => s.facilityId === facilityId);
  if (!statement) throw notFound(`A statement of facility ${facilityId} in run ${id}`);
  return { run, statement };
}
