import type { Insertable } from 'kysely';
import type { Db, Executor } from '../platform/db/database.js';
import type { CoveragePeriodTable } from '../platform/db/schema.js';
import type { Scope } from '../platform/http/context.js';
import { bulkInsert } from '../platform/db/bulk.js';
import { coveredByMonth, monthBounds } from '../contributions/cover.js';
import { settlementDay } from '../contributions/payments/allocate.js';
import { coversDependant, type DependantTerms } from '../contributions/dependants.js';
import { productInForce } from '../schemes/products/service.js';

/**
 * Cover rebuilt from the money alone: current declarations with their invoices and what was
 * allocated to each employer's month, and premiums with the members they cover. What the
 * contributions part keeps as it goes must equal this; the monthly run writes it afresh.
 */

type Row = Insertable<CoveragePeriodTable>;

/** The grace of a product on a day, remembered for the run: products change rarely. */
function graceOf(db: Executor, scope: Scope) {
  const cache = new Map<string, Promise<{ paymentDays: number; renewalDays: number; terms: DependantTerms }>>();
  return (productId: string, day: string) => {
    const key = `${productId} ${day}`;
    if (!cache.has(key))
      cache.set(
        key,
        productInForce(db, scope, productId, day).then(
          (p) => ({
            paymentDays: p.definition.grace.paymentDays,
            renewalDays: p.definition.grace.renewalDays,
            terms: { covers: p.definition.covers, dependants: p.definition.dependants },
          }),
          () => ({ paymentDays: 0, renewalDays: 0, terms: { covers: 'member' as const, dependants: null } }),
        ),
      );
    return cache.get(key)!;
  };
}

/**
 * The day each employer's month was settled, by the rule the payments apply as they go
 * (settlementDay); a month that asks nothing, the day it was declared.
 */
async function settledDays(db: Executor, schemeId: string, period: string, employerIds: string[] | null) {
  let q = db
    .selectFrom('allocation as a')
    .innerJoin('payment as p', (j) => j.onRef('p.scheme_id', '=', 'a.scheme_id').onRef('p.id', '=', 'a.payment_id'))
    .select(['a.employer_id', 'a.amount', 'p.paid_on'])
    .where('a.scheme_id', '=', schemeId)
    .where('a.period', '=', period)
    .where('a.payer_id', 'is', null);
  if (employerIds) q = q.where('a.employer_id', 'in', employerIds);
  const byEmployer = new Map<string, { amount: number; paidOn: string }[]>();
  for (const r of await q.orderBy('a.id').execute()) {
    const list = byEmployer.get(r.employer_id) ?? [];
    list.push({ amount: Number(r.amount), paidOn: r.paid_on });
    byEmployer.set(r.employer_id, list);
  }
  return (employerId: string, due: number, declaredOn: string) =>
    due <= 0 ? declaredOn : settlementDay(byEmployer.get(employerId) ?? [], due);
}

interface OpenInvoice {
  id: string;
  declaration_id: string;
  employer_id: string;
  period: string;
  product_id: string | null;
  due: number;
  created_at: string;
  settled_on: string | null;
}

const openInvoices = (db: Executor, schemeId: string) =>
  db
    .selectFrom('invoice as i')
    .innerJoin('employer as e', (j) => j.onRef('e.scheme_id', '=', 'i.scheme_id').onRef('e.id', '=', 'i.employer_id'))
    .select([
      'i.id',
      'i.declaration_id',
      'i.employer_id',
      'i.period',
      'i.created_at',
      'i.settled_on',
      (eb) => eb.fn.coalesce('i.product_id', 'e.product_id').as('product_id'),
      (eb) => eb('i.member_part', '+', eb.ref('i.employer_part')).as('due'),
    ])
    .where('i.scheme_id', '=', schemeId)
    .where('i.state', '=', 'open');

/** A month's rows of one invoice: one for each worker on its declaration. */
function monthRows(schemeId: string, invoice: OpenInvoice, memberIds: string[], graceDays: number): Row[] {
  const { startsOn, endsOn } = monthBounds(invoice.period);
  return memberIds.map((memberId) => ({
    scheme_id: schemeId,
    member_id: memberId,
    starts_on: startsOn,
    source: 'declaration' as const,
    ends_on: endsOn,
    source_id: invoice.id,
    product_id: invoice.product_id ?? '',
    paid_on: null,
    grace_days: graceDays,
  }));
}

export interface MonthRun {
  period: string;
  invoices: number;
  settled: number;
  /** Members covered by the month: the workers, and the dependants their product covers. */
  members: number;
  paidMembers: number;
}

/**
 * The monthly run: every worker's month of cover rebuilt from the month's current invoices and
 * what was paid against them, a batch of invoices per transaction so that readers are never held
 * up for long. Run twice, it writes the same rows.
 */
export async function rebuildMonth(
  db: Db,
  scope: Scope,
  period: string,
  progress: (done: number, total: number) => Promise<void> = async () => undefined,
): Promise<MonthRun> {
  const sid = scope.schemeId;
  const invoices = (await openInvoices(db.kysely, sid).where('i.period', '=', period).orderBy('i.id').execute()).map(
    (i) => ({ ...i, due: Number(i.due) }) as OpenInvoice,
  );
  const settled = await settledDays(db.kysely, sid, period, null);
  const grace = graceOf(db.kysely, scope);
  const run: MonthRun = { period, invoices: invoices.length, settled: 0, members: 0, paidMembers: 0 };
  const { startsOn } = monthBounds(period);
  // Read before the writing begins: on SQLite a read outside the write's transaction would wait for it.
  const terms = new Map<string, Awaited<ReturnType<typeof grace>>>();
  for (const productId of new Set(invoices.map((i) => i.product_id ?? '')))
    terms.set(productId, await grace(productId, startsOn));
  const BATCH_LINES = 20_000;
  let i = 0;
  while (i < invoices.length) {
    let lines = 0;
    await db.kysely.transaction().execute(async (tx) => {
      // Months of superseded invoices go with the first batch; then each invoice's are brought
      // to what its declaration says, writing only what differs: a month kept right as it went
      // costs two reads.
      if (i === 0) {
        await tx
          .deleteFrom('coverage_period')
          .where('scheme_id', '=', sid)
          .where('source_id', 'in', (eb) =>
            eb
              .selectFrom('invoice')
              .select('id')
              .where('scheme_id', '=', sid)
              .where('period', '=', period)
              .where('state', '=', 'superseded'),
          )
          .execute();
      }
      while (i < invoices.length && lines < BATCH_LINES) {
        const invoice = invoices[i++]!;
        const members = await tx
          .selectFrom('declaration_line')
          .select('member_id')
          .where('scheme_id', '=', sid)
          .where('declaration_id', '=', invoice.declaration_id)
          .orderBy('line')
          .execute();
        const paidOn = settled(invoice.employer_id, invoice.due, invoice.created_at.slice(0, 10));
        if (paidOn !== invoice.settled_on) {
          await tx
            .updateTable('invoice')
            .set({ settled_on: paidOn })
            .where('scheme_id', '=', sid)
            .where('id', '=', invoice.id)
            .execute();
        }
        const product = terms.get(invoice.product_id ?? '')!;
        const memberIds = await coveredByMonth(
          tx,
          sid,
          members.map((m) => m.member_id),
          product.terms,
          period,
        );
        const rows = monthRows(sid, invoice, memberIds, product.paymentDays);
        const kept = await tx
          .selectFrom('coverage_period')
          .select(['member_id', 'starts_on', 'ends_on', 'product_id', 'grace_days', 'paid_on'])
          .where('scheme_id', '=', sid)
          .where('source_id', '=', invoice.id)
          .execute();
        const keptBy = new Map(kept.map((k) => [k.member_id, k]));
        const wanted = new Set(memberIds);
        const stale = kept.filter((k) => !wanted.has(k.member_id)).map((k) => k.member_id);
        const missing = rows.filter((r) => {
          const k = keptBy.get(r.member_id);
          if (!k) return true;
          const same =
            k.starts_on === r.starts_on &&
            k.ends_on === r.ends_on &&
            k.product_id === r.product_id &&
            k.grace_days === r.grace_days &&
            k.paid_on === null;
          if (!same) stale.push(r.member_id);
          return !same;
        });
        for (let at = 0; at < stale.length; at += 500) {
          await tx
            .deleteFrom('coverage_period')
            .where('scheme_id', '=', sid)
            .where('source_id', '=', invoice.id)
            .where('member_id', 'in', stale.slice(at, at + 500))
            .execute();
        }
        // A worker already covered for the month by another employer's declaration keeps that one.
        await bulkInsert(db, tx, 'coverage_period', missing, { ignoreConflicts: true });
        lines += rows.length;
        run.members += rows.length;
        if (paidOn) {
          run.settled += 1;
          run.paidMembers += rows.length;
        }
      }
    });
    await progress(i, invoices.length);
  }
  return run;
}

/** The rows a member's cover should hold, from the money alone. */
export async function expectedRows(db: Executor, scope: Scope, memberId: string): Promise<Row[]> {
  const sid = scope.schemeId;
  const grace = graceOf(db, scope);
  const rows: Row[] = [];
  const member = await db
    .selectFrom('member')
    .select(['household_id', 'relation', 'birth_date', 'status'])
    .where('scheme_id', '=', sid)
    .where('id', '=', memberId)
    .executeTakeFirst();
  // The months of the member's own declarations, and of those of the workers of their household.
  const invoices = member
    ? await openInvoices(db, sid)
        .innerJoin('declaration_line as l', (j) =>
          j.onRef('l.scheme_id', '=', 'i.scheme_id').onRef('l.declaration_id', '=', 'i.declaration_id'),
        )
        .innerJoin('member as w', (j) => j.onRef('w.scheme_id', '=', 'l.scheme_id').onRef('w.id', '=', 'l.member_id'))
        .select('l.member_id as worker_id')
        .where('w.household_id', '=', member.household_id)
        .orderBy('i.id')
        .execute()
    : [];
  const seen = new Set<string>();
  for (const found of invoices) {
    const invoice = { ...found, due: Number(found.due) } as OpenInvoice;
    const { startsOn } = monthBounds(invoice.period);
    const product = await grace(invoice.product_id ?? '', startsOn);
    const own = found.worker_id === memberId;
    const asDependant = !own && member!.status === 'active' && coversDependant(product.terms, member!, startsOn);
    // On two declarations of one month (two employers, or a worker's own and a relative's), the
    // first declared holds the month.
    if ((!own && !asDependant) || seen.has(invoice.period)) continue;
    seen.add(invoice.period);
    rows.push(...monthRows(sid, invoice, [memberId], product.paymentDays));
  }
  const premiums = await db
    .selectFrom('premium_member as pm')
    .innerJoin('premium as p', (j) => j.onRef('p.scheme_id', '=', 'pm.scheme_id').onRef('p.id', '=', 'pm.premium_id'))
    .select(['p.id', 'p.product_id', 'p.cover_from', 'p.cover_to', 'p.collected_on'])
    .where('pm.scheme_id', '=', sid)
    .where('pm.member_id', '=', memberId)
    .execute();
  for (const p of premiums) {
    rows.push({
      scheme_id: sid,
      member_id: memberId,
      starts_on: p.cover_from,
      source: 'premium',
      ends_on: p.cover_to,
      source_id: p.id,
      product_id: p.product_id,
      paid_on: p.collected_on,
      grace_days: (await grace(p.product_id, p.cover_from)).renewalDays,
    });
  }
  return rows.sort((a, b) => a.starts_on.localeCompare(b.starts_on) || a.source.localeCompare(b.source));
}

/** Replaces a member's cover with what the money says, inside the caller's transaction. */
export async function rebuildMember(db: Db, tx: Executor, scope: Scope, memberId: string) {
  const rows = await expectedRows(tx, scope, memberId);
  await tx
    .deleteFrom('coverage_period')
    .where('scheme_id', '=', scope.schemeId)
    .where('member_id', '=', memberId)
    .execute();
  await bulkInsert(db, tx, 'coverage_period', rows);
  return rows;
}
