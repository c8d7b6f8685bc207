import type { z } from '@hono/zod-openapi';
import { sql } from 'kysely';
import type { Db, Executor } from '../../platform/db/database.js';
import type { Scope } from '../../platform/http/context.js';
import { audit, type Actor } from '../../platform/audit/audit.js';
import { newId, nowIso } from '../../platform/ids.js';
import { addDays } from '../../platform/dates.js';
import { conflict, invalid, notFound } from '../../platform/http/problem.js';
import { decodeCursor, page } from '../../platform/http/openapi.js';
import { reserveSequence } from '../../registry/members/repo.js';
import { areaPathOf, pathInScope } from '../../registry/areas/limits.js';
import { keptMinorUnits } from '../../schemes/service.js';
import { memberEligibility } from '../../eligibility/service.js';
import { findClaimant, holdMembers } from '../claimant.js';
import { cashBenefit } from './compute.js';
import type { PaidBack } from '../reimbursements/schemas.js';
import type { CashBenefit, CashBenefitQuery, NewCashBenefit } from './schemas.js';

type View = z.infer<typeof CashBenefit>;

function benefits(db: Executor, schemeId: string) {
  return db
    .selectFrom('cash_benefit as b')
    .innerJoin('member as m', (j) => j.onRef('m.scheme_id', '=', 'b.scheme_id').onRef('m.id', '=', 'b.member_id'))
    .selectAll('b')
    .select(['m.member_number', 'm.name_latin'])
    .select(areaPathOf('m').as('member_path'))
    .where('b.scheme_id', '=', schemeId);
}

type Row = Awaited<ReturnType<ReturnType<typeof benefits>['executeTakeFirstOrThrow']>>;

const view = (r: Row): View => ({
  id: r.id,
  number: r.number,
  memberId: r.member_id,
  memberNumber: r.member_number,
  nameLatin: r.name_latin,
  kind: r.kind,
  certificate: r.certificate,
  startsOn: r.starts_on,
  endsOn: r.ends_on,
  days: r.days,
  paidDays: r.paid_days,
  monthlyWage: Number(r.monthly_wage),
  dailyAmount: Number(r.daily_amount),
  amount: Number(r.amount),
  status: r.status,
  reasons: JSON.parse(r.reasons_json),
  submittedAt: r.submitted_at,
  submittedBy: r.submitted_by,
  paidOn: r.paid_on,
  paidReference: r.paid_reference,
});

async function find(db: Executor, scope: Scope, id: string) {
  const row = await benefits(db, scope.schemeId).where('b.id', '=', id).executeTakeFirst();
  if (!row || !pathInScope(scope, row.member_path)) throw notFound(`Cash benefit ${id}`);
  return row;
}

export const getCashBenefit = async (db: Db, scope: Scope, id: string) => view(await find(db.kysely, scope, id));

export async function listCashBenefits(db: Db, scope: Scope, q: z.infer<typeof CashBenefitQuery>) {
  let query = benefits(db.kysely, scope.schemeId);
  if (q.memberId) query = query.where('b.member_id', '=', q.memberId);
  if (q.kind) query = query.where('b.kind', '=', q.kind);
  if (q.unpaid === 'true') query = query.where('b.status', '=', 'approved').where('b.paid_on', 'is', null);
  const after = decodeCursor(q.cursor, 1);
  if (after) query = query.where('b.number', '>', after[0] as string);
  const rows = (
    await query
      .orderBy('b.number')
      .limit(q.limit + 1)
      .execute()
  ).filter((r) => pathInScope(scope, r.member_path));
  const result = page(rows, q.limit, (r) => [r.number]);
  return { items: result.items.map(view), nextCursor: result.nextCursor };
}

/** The average wage declared for the member over the six months before the leave, else the one registered. */
async function wageOf(db: Executor, schemeId: string, member: { id: string; wage: number | null }, startsOn: string) {
  const to = startsOn.slice(0, 7);
  const from = addDays(`${to}-01`, -6 * 31).slice(0, 7);
  const row = await db
    .selectFrom('declaration_line as l')
    .innerJoin('declaration as d', (j) =>
      j.onRef('d.scheme_id', '=', 'l.scheme_id').onRef('d.id', '=', 'l.declaration_id'),
    )
    .select([sql<number>`avg(l.wage)`.as('average'), sql<number>`count(l.wage)`.as('n')])
    .where('l.scheme_id', '=', schemeId)
    .where('l.member_id', '=', member.id)
    .where('d.state', '=', 'current')
    .where('d.period', '>=', from)
    .where('d.period', '<', to)
    .executeTakeFirst();
  if (row && Number(row.n) > 0) return { monthly: Math.round(Number(row.average)), from: 'declared' as const };
  return member.wage !== null ? { monthly: Number(member.wage), from: 'registered' as const } : null;
}

const sameCertificate = (db: Executor, schemeId: string, memberId: string, input: z.infer<typeof NewCashBenefit>) =>
  db
    .selectFrom('cash_benefit')
    .select(['id', 'starts_on', 'ends_on'])
    .where('scheme_id', '=', schemeId)
    .where('member_id', '=', memberId)
    .where('kind', '=', input.kind)
    .where('certificate', '=', input.certificate)
    .executeTakeFirst();

/**
 * A worker's sick leave or maternity leave, decided at once from the product in force on the
 * first day off and the declared wage. The same certificate sent again answers the benefit
 * already made; with other dates it is refused.
 */
export async function submitCashBenefit(db: Db, actor: Actor, scope: Scope, input: z.infer<typeof NewCashBenefit>) {
  const member = await findClaimant(db, scope, input);
  const row = await db.kysely
    .selectFrom('member as m')
    .select(['m.wage', areaPathOf('m').as('path')])
    .where('m.scheme_id', '=', scope.schemeId)
    .where('m.id', '=', member.id)
    .executeTakeFirstOrThrow();
  if (!pathInScope(scope, row.path)) {
    throw invalid(input.memberId ? 'memberId' : 'memberNumber', 'is not a member within your areas');
  }
  const [{ answer, product }, minorUnits] = await Promise.all([
    memberEligibility(db, scope, member, input.startsOn),
    keptMinorUnits(db, scope.schemeId),
  ]);
  const created = await db.kysely.transaction().execute(async (tx) => {
    await holdMembers(db, tx, scope.schemeId, [member.id]);
    const earlier = await sameCertificate(tx, scope.schemeId, member.id, input);
    if (earlier) {
      if (earlier.starts_on !== input.startsOn || (input.endsOn && earlier.ends_on !== input.endsOn)) {
        throw conflict('certificate', 'was already sent for this member with other dates');
      }
      return { id: earlier.id, repeated: true };
    }
    const year = input.startsOn.slice(0, 4);
    const [used, lastMaternity, wage] = await Promise.all([
      tx
        .selectFrom('cash_benefit')
        .select(sql<number>`coalesce(sum(paid_days), 0)`.as('days'))
        .where('scheme_id', '=', scope.schemeId)
        .where('member_id', '=', member.id)
        .where('kind', '=', 'sick_leave')
        .where('status', '=', 'approved')
        .where('starts_on', '>=', `${year}-01-01`)
        .where('starts_on', '<=', `${year}-12-31`)
        .executeTakeFirst(),
      tx
        .selectFrom('cash_benefit')
        .select('starts_on')
        .where('scheme_id', '=', scope.schemeId)
        .where('member_id', '=', member.id)
        .where('kind', '=', 'maternity')
        .where('status', '=', 'approved')
        .where('starts_on', '<=', input.startsOn)
        .orderBy('starts_on', 'desc')
        .executeTakeFirst(),
      wageOf(tx, scope.schemeId, { id: member.id, wage: row.wage }, input.startsOn),
    ]);
    const cash = product?.definition.cashBenefits;
    const decision = cashBenefit({
      kind: input.kind,
      startsOn: input.startsOn,
      endsOn: input.endsOn ?? null,
      cover: { covered: answer.covered, state: answer.state },
      sickLeave: cash?.sickLeave ?? null,
      maternity: cash?.maternity ?? null,
      sex: member.sex,
      wage,
      sickDaysPaidThisYear: Number(used?.days ?? 0),
      lastMaternity: lastMaternity?.starts_on ?? null,
      minorUnits,
    });
    const sequence = await reserveSequence(tx, scope.schemeId, `cash:${input.startsOn.slice(0, 7)}`, 1);
    const id = newId();
    const record = {
      id,
      scheme_id: scope.schemeId,
      number: `B-${input.startsOn.slice(2, 4)}${input.startsOn.slice(5, 7)}-${String(sequence).padStart(5, '0')}`,
      member_id: member.id,
      kind: input.kind,
      certificate: input.certificate,
      starts_on: input.startsOn,
      ends_on: decision.endsOn,
      days: decision.days,
      paid_days: decision.paidDays,
      monthly_wage: wage?.monthly ?? 0,
      daily_amount: decision.dailyAmount,
      amount: decision.amount,
      status: decision.status,
      reasons_json: JSON.stringify(decision.reasons),
      submitted_at: nowIso(),
      submitted_by: actor.username ?? 'system',
    };
    await tx.insertInto('cash_benefit').values(record).execute();
    await audit(tx, actor, { action: 'submit', entity: 'cash_benefit', entityId: id, after: record });
    return { id, repeated: false };
  });
  return { benefit: await getCashBenefit(db, scope, created.id), repeated: created.repeated };
}

/** The benefit has been paid to the worker; once. */
export async function markCashPaid(db: Db, actor: Actor, scope: Scope, id: string, input: z.infer<typeof PaidBack>) {
  await db.kysely.transaction().execute(async (tx) => {
    const b = await find(tx, scope, id);
    if (b.status !== 'approved') throw conflict('status', 'is rejected: nothing is paid');
    if (b.paid_on) throw conflict('paidOn', `was already paid on ${b.paid_on}`);
    if (input.paidOn < b.starts_on) throw invalid('paidOn', `is before the leave starts (${b.starts_on})`);
    await tx
      .updateTable('cash_benefit')
      .set({ paid_on: input.paidOn, paid_reference: input.reference ?? null })
      .where('scheme_id', '=', scope.schemeId)
      .where('id', '=', id)
      .execute();
    await audit(tx, actor, { action: 'pay', entity: 'cash_benefit', entityId: id, after: input });
  });
  return getCashBenefit(db, scope, id);
}
