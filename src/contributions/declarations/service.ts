import type { z } from '@hono/zod-openapi';
import type { Selectable } from 'kysely';
import type { Db, Executor } from '../../platform/db/database.js';
import type { DeclarationTable, InvoiceTable } from '../../platform/db/schema.js';
import type { Scope } from '../../platform/http/context.js';
import { audit, type Actor } from '../../platform/audit/audit.js';
import { bulkInsert } from '../../platform/db/bulk.js';
import { newId, nowIso } from '../../platform/ids.js';
import { conflict, invalid, invalidFields, notFound, Problem } from '../../platform/http/problem.js';
import { decodeCursor, page } from '../../platform/http/openapi.js';
import type { ContributionRule } from '../../schemes/contribution-rules/calculate.js';
import { versionInForce } from '../../schemes/contribution-rules/service.js';
import { productInForce } from '../../schemes/products/service.js';
import { findEmployer } from '../../registry/employers/service.js';
import { withinScope } from '../../registry/areas/limits.js';
import type { Declaration, DeclarationQuery, Invoice, InvoiceQuery, LinesQuery, NewDeclaration } from './schemas.js';
import { priceLines, type PricedLine } from './price.js';
import { coverDeclaredMonth, coveredByMonth } from '../cover.js';
import type { DependantTerms } from '../dependants.js';
import { settleEmployer } from '../payments/apply.js';

type DeclarationView = z.infer<typeof Declaration>;

const invoiceView = (i: Selectable<InvoiceTable>): z.infer<typeof Invoice> => ({
  id: i.id,
  declarationId: i.declaration_id,
  employerId: i.employer_id,
  period: i.period,
  currency: i.currency,
  amount: Number(i.amount),
  memberPart: Number(i.member_part),
  employerPart: Number(i.employer_part),
  payerParts: JSON.parse(i.payer_parts_json),
  state: i.state,
  settledOn: i.settled_on,
  createdAt: i.created_at,
});

const declarationView = (d: Selectable<DeclarationTable>, invoice: Selectable<InvoiceTable>): DeclarationView => ({
  id: d.id,
  employerId: d.employer_id,
  period: d.period,
  version: d.version,
  state: d.state,
  lineCount: d.line_count,
  createdAt: d.created_at,
  createdBy: d.created_by,
  invoice: invoiceView(invoice),
});

/** The month now, as YYYY-MM: declarations are for this month or months before it. */
const currentPeriod = () => new Date().toISOString().slice(0, 7);

/**
 * The contribution rule that prices an employer's workers in a month: the rule of the employer's
 * product, each in the version in force on the first day of the month.
 */
async function ruleFor(db: Executor, scope: Scope, productId: string | null, period: string) {
  if (!productId) throw invalid('employerId', 'has no product: set the product its workers are enrolled in first');
  const day = `${period}-01`;
  // A month before the first version: the caller's field is the month, not a date.
  const beforeFirst = (what: string) => (err: unknown) => {
    if (err instanceof Problem && err.errors[0]?.field === 'date')
      throw invalid('period', `is before the ${what} took effect`);
    throw err;
  };
  const product = await productInForce(db, scope, productId, day).catch(beforeFirst('product'));
  const ruleId = product.definition.contributionRuleId;
  if (!ruleId) throw invalid('employerId', 'its product names no contribution rule, so nothing can be priced');
  const rule = await versionInForce(db, scope, ruleId, day).catch(beforeFirst('contribution rule'));
  return {
    rule: rule.definition as ContributionRule,
    productId,
    graceDays: product.definition.grace.paymentDays,
    terms: { covers: product.definition.covers, dependants: product.definition.dependants },
  };
}

/**
 * Records an employer's declaration for a month and the invoice it produces. A declaration for
 * a month already declared is a correction: a new version that supersedes the one before, and
 * its invoice the one before's; nothing is edited. Every line is checked before anything is
 * written, and each wrong line named. The same idempotency key answers the first result again.
 */
export async function declare(
  db: Db,
  actor: Actor,
  scope: Scope,
  input: z.infer<typeof NewDeclaration>,
  idempotencyKey?: string,
): Promise<{ declaration: DeclarationView; replayed: boolean }> {
  if (idempotencyKey) {
    const earlier = await byIdempotencyKey(db.kysely, scope, idempotencyKey);
    if (earlier) return { declaration: earlier, replayed: true };
  }
  const employer = await findEmployer(db.kysely, scope, input.employerId);
  if (!employer) throw invalid('employerId', `there is no employer "${input.employerId}" you can reach`);
  if (input.period > currentPeriod()) throw invalid('period', 'is not open yet: a month is declared once it has begun');
  const pricing = await ruleFor(db.kysely, scope, employer.product_id, input.period);
  const { lines, errors } = await priceLines(db.kysely, scope, employer.id, pricing.rule, input.lines);
  if (errors.length) throw invalidFields(errors);
  const { currency } = await db.kysely
    .selectFrom('scheme')
    .select('currency')
    .where('id', '=', scope.schemeId)
    .executeTakeFirstOrThrow();
  try {
    return {
      declaration: await db.kysely
        .transaction()
        .execute((tx) => record(db, tx, actor, scope, input, lines, currency, idempotencyKey ?? null, pricing)),
      replayed: false,
    };
  } catch (err) {
    // Two requests raced: the same key twice answers the first; a version taken is a conflict.
    if (idempotencyKey && isUniqueViolation(err)) {
      const earlier = await byIdempotencyKey(db.kysely, scope, idempotencyKey);
      if (earlier) return { declaration: earlier, replayed: true };
    }
    if (isUniqueViolation(err))
      throw conflict('period', 'was declared by another request at the same moment: send it again');
    throw err;
  }
}

const isUniqueViolation = (err: unknown) => /unique/i.test(String((err as Error)?.message));

async function record(
  db: Db,
  tx: Executor,
  actor: Actor,
  scope: Scope,
  input: z.infer<typeof NewDeclaration>,
  lines: PricedLine[],
  currency: string,
  idempotencyKey: string | null,
  pricing: { productId: string; graceDays: number; terms: DependantTerms },
) {
  const sid = scope.schemeId;
  const previous = await tx
    .selectFrom('declaration')
    .selectAll()
    .where('scheme_id', '=', sid)
    .where('employer_id', '=', input.employerId)
    .where('period', '=', input.period)
    .orderBy('version', 'desc')
    .limit(1)
    .executeTakeFirst();
  if (previous) {
    await tx
      .updateTable('declaration')
      .set({ state: 'superseded' })
      .where('scheme_id', '=', sid)
      .where('id', '=', previous.id)
      .execute();
    await tx
      .updateTable('invoice')
      .set({ state: 'superseded' })
      .where('scheme_id', '=', sid)
      .where('declaration_id', '=', previous.id)
      .execute();
  }
  const now = nowIso();
  const declaration: Selectable<DeclarationTable> = {
    id: newId(),
    scheme_id: sid,
    employer_id: input.employerId,
    period: input.period,
    version: (previous?.version ?? 0) + 1,
    state: 'current',
    line_count: lines.length,
    idempotency_key: idempotencyKey,
    created_at: now,
    created_by: actor.username,
  };
  await tx.insertInto('declaration').values(declaration).execute();
  await bulkInsert(
    db,
    tx,
    'declaration_line',
    lines.map((l, i) => ({
      scheme_id: sid,
      declaration_id: declaration.id,
      line: i + 1,
      member_id: l.memberId,
      wage: l.wage,
      days_worked: l.daysWorked,
      amount: l.amount,
      member_part: l.memberPart,
      employer_part: l.employerPart,
      payer_part: l.payerParts.reduce((sum, p) => sum + p.amount, 0),
    })),
  );
  const payerTotals = new Map<string, number>();
  for (const l of lines)
    for (const p of l.payerParts) payerTotals.set(p.payerId, (payerTotals.get(p.payerId) ?? 0) + p.amount);
  const sum = (pick: (l: PricedLine) => number) => lines.reduce((total, l) => total + pick(l), 0);
  const invoice: Selectable<InvoiceTable> = {
    id: newId(),
    scheme_id: sid,
    declaration_id: declaration.id,
    employer_id: input.employerId,
    period: input.period,
    currency,
    amount: sum((l) => l.amount),
    member_part: sum((l) => l.memberPart),
    employer_part: sum((l) => l.employerPart),
    payer_parts_json: JSON.stringify([...payerTotals].map(([payerId, amount]) => ({ payerId, amount }))),
    state: 'open',
    product_id: pricing.productId,
    settled_on: null,
    created_at: now,
  };
  await tx.insertInto('invoice').values(invoice).execute();
  // The workers' months of cover, replacing the corrected version's; then what the employer
  // paid beyond its debts before pays this month.
  const previousInvoice = previous
    ? await tx
        .selectFrom('invoice')
        .select('id')
        .where('scheme_id', '=', sid)
        .where('declaration_id', '=', previous.id)
        .executeTakeFirst()
    : undefined;
  await coverDeclaredMonth(db, tx, sid, {
    invoiceId: invoice.id,
    previousInvoiceId: previousInvoice?.id ?? null,
    period: input.period,
    productId: pricing.productId,
    graceDays: pricing.graceDays,
    memberIds: await coveredByMonth(
      tx,
      sid,
      lines.map((l) => l.memberId),
      pricing.terms,
      input.period,
    ),
  });
  await settleEmployer(tx, sid, input.employerId, invoice.id);
  const view = declarationView(declaration, invoice);
  const { invoice: invoiceAfter, ...declarationAfter } = view;
  await audit(tx, actor, {
    action: previous ? 'correct' : 'create',
    entity: 'declaration',
    entityId: declaration.id,
    before: previous ? { id: previous.id, version: previous.version } : undefined,
    after: declarationAfter,
  });
  await audit(tx, actor, { action: 'create', entity: 'invoice', entityId: invoice.id, after: invoiceAfter });
  return view;
}

async function byIdempotencyKey(db: Executor, scope: Scope, key: string) {
  const d = await db
    .selectFrom('declaration')
    .selectAll()
    .where('scheme_id', '=', scope.schemeId)
    .where('idempotency_key', '=', key)
    .executeTakeFirst();
  return d ? withInvoice(db, scope, d) : undefined;
}

async function withInvoice(db: Executor, scope: Scope, d: Selectable<DeclarationTable>) {
  const invoice = await db
    .selectFrom('invoice')
    .selectAll()
    .where('scheme_id', '=', scope.schemeId)
    .where('declaration_id', '=', d.id)
    .executeTakeFirstOrThrow();
  return declarationView(d, invoice);
}

/** A declaration the caller may see: its employer must be within their reach (tenant, areas). */
async function findDeclaration(db: Executor, scope: Scope, id: string) {
  const d = await db
    .selectFrom('declaration')
    .selectAll()
    .where('scheme_id', '=', scope.schemeId)
    .where('id', '=', id)
    .executeTakeFirst();
  if (!d || !(await findEmployer(db, scope, d.employer_id))) throw notFound(`Declaration ${id}`);
  return d;
}

export async function getDeclaration(db: Db, scope: Scope, id: string) {
  return withInvoice(db.kysely, scope, await findDeclaration(db.kysely, scope, id));
}

export async function declarationLines(db: Db, scope: Scope, id: string, q: z.infer<typeof LinesQuery>) {
  await findDeclaration(db.kysely, scope, id);
  const after = decodeCursor(q.cursor, 1) as [number] | undefined;
  let query = db.kysely
    .selectFrom('declaration_line as l')
    .innerJoin('member as m', (j) => j.onRef('m.scheme_id', '=', 'l.scheme_id').onRef('m.id', '=', 'l.member_id'))
    .select([
      'l.line',
      'l.member_id',
      'm.member_number',
      'm.name_latin',
      'l.wage',
      'l.days_worked',
      'l.amount',
      'l.member_part',
      'l.employer_part',
      'l.payer_part',
    ])
    .where('l.scheme_id', '=', scope.schemeId)
    .where('l.declaration_id', '=', id);
  if (after) query = query.where('l.line', '>', after[0]);
  const rows = await query
    .orderBy('l.line')
    .limit(q.limit + 1)
    .execute();
  const result = page(rows, q.limit, (r) => [r.line]);
  return {
    items: result.items.map((r) => ({
      line: r.line,
      memberId: r.member_id,
      memberNumber: r.member_number,
      nameLatin: r.name_latin,
      wage: r.wage === null ? null : Number(r.wage),
      daysWorked: r.days_worked,
      amount: Number(r.amount),
      memberPart: Number(r.member_part),
      employerPart: Number(r.employer_part),
      payerPart: Number(r.payer_part),
    })),
    nextCursor: result.nextCursor,
  };
}

/**
 * A page of an employer-month table (declarations, invoices), newest month first and within a
 * month newest first, filtered by employer and month and limited to the caller's areas. The two
 * tables share these columns; the query is typed as the invoice table's.
 */
async function pageByMonth<Row extends { period: string; id: string }>(
  db: Db,
  scope: Scope,
  table: 'declaration' | 'invoice',
  q: { employerId?: string; period?: string; state?: 'open' | 'superseded'; limit: number; cursor?: string },
) {
  const after = decodeCursor(q.cursor, 2) as [string, string] | undefined;
  let query = db.kysely
    .selectFrom(table as 'invoice')
    .selectAll()
    .where('scheme_id', '=', scope.schemeId);
  if (q.employerId) query = query.where('employer_id', '=', q.employerId);
  if (q.period) query = query.where('period', '=', q.period);
  if (q.state) query = query.where('state', '=', q.state);
  if (scope.areaPaths.length) query = query.where('employer_id', 'in', reachableEmployers(db, scope));
  if (after) {
    query = query.where((eb) =>
      eb.or([eb('period', '<', after[0]), eb.and([eb('period', '=', after[0]), eb('id', '<', after[1])])]),
    );
  }
  const rows = await query
    .orderBy('period', 'desc')
    .orderBy('id', 'desc')
    .limit(q.limit + 1)
    .execute();
  return page(rows as unknown as Row[], q.limit, (r) => [r.period, r.id]);
}

export async function listDeclarations(db: Db, scope: Scope, q: z.infer<typeof DeclarationQuery>) {
  const result = await pageByMonth<Selectable<DeclarationTable>>(db, scope, 'declaration', q);
  // The page's invoices in one query, not one each.
  const ids = result.items.map((d) => d.id);
  const invoices = ids.length
    ? await db.kysely
        .selectFrom('invoice')
        .selectAll()
        .where('scheme_id', '=', scope.schemeId)
        .where('declaration_id', 'in', ids)
        .execute()
    : [];
  const byDeclaration = new Map(invoices.map((i) => [i.declaration_id, i]));
  return {
    items: result.items.map((d) => declarationView(d, byDeclaration.get(d.id)!)),
    nextCursor: result.nextCursor,
  };
}

export async function listInvoices(db: Db, scope: Scope, q: z.infer<typeof InvoiceQuery>) {
  const result = await pageByMonth<Selectable<InvoiceTable>>(db, scope, 'invoice', q);
  return { items: result.items.map(invoiceView), nextCursor: result.nextCursor };
}

export async function getInvoice(db: Db, scope: Scope, id: string) {
  const i = await db.kysely
    .selectFrom('invoice')
    .selectAll()
    .where('scheme_id', '=', scope.schemeId)
    .where('id', '=', id)
    .executeTakeFirst();
  if (!i || !(await findEmployer(db.kysely, scope, i.employer_id))) throw notFound(`Invoice ${id}`);
  return invoiceView(i);
}

/** The ids of the employers in the caller's areas, as a subquery. */
const reachableEmployers = (db: Db, scope: Scope) =>
  db.kysely
    .selectFrom('employer')
    .select('id')
    .where('scheme_id', '=', scope.schemeId)
    .where(withinScope(scope, 'employer'));
