import type { z } from '@hono/zod-openapi';
import type { Db } from '../../platform/db/database.js';
import type { Scope } from '../../platform/http/context.js';
import { audit, type Actor } from '../../platform/audit/audit.js';
import { newId, nowIso } from '../../platform/ids.js';
import { conflict, invalid, notFound } from '../../platform/http/problem.js';
import { refreshFigures } from '../figures/refresh.js';
import { monthsBetween } from '../figures/tally.js';
import { allIndicators } from './catalogue.js';
import { ONE } from './definitions.js';
import { parseFormula } from './formula.js';
import type { FinancialEntries, NewIndicator } from './schemas.js';

/** An indicator's numerator and denominator must be formulas over the stored figures; `at` prefixes the field named. */
export function checkFormulas(input: z.infer<typeof NewIndicator>, at: string) {
  for (const field of ['numerator', 'denominator'] as const) {
    if (field === 'denominator' && input.denominator === ONE) continue;
    const parsed = parseFormula(input[field]);
    if (!parsed.ok) throw invalid(`${at}${field}`, parsed.reason);
  }
}

/** A scheme's own indicator, such as a supporting organisation's list of eleven. */
export async function createIndicator(db: Db, actor: Actor, scope: Scope, input: z.infer<typeof NewIndicator>) {
  checkFormulas(input, '');
  if ((await allIndicators(db, scope.schemeId)).some((d) => d.code === input.code)) {
    throw conflict('code', `${input.code} is already an indicator`);
  }
  const row = {
    id: newId(),
    scheme_id: scope.schemeId,
    federation_id: '',
    ...input,
    created_at: nowIso(),
  };
  await db.kysely.transaction().execute(async (tx) => {
    await tx.insertInto('indicator').values(row).execute();
    await audit(tx, actor, { action: 'create', entity: 'indicator', entityId: row.id, after: row });
  });
  return { ...input, builtIn: false };
}

export async function deleteIndicator(db: Db, actor: Actor, scope: Scope, code: string) {
  await db.kysely.transaction().execute(async (tx) => {
    const row = await tx
      .selectFrom('indicator')
      .selectAll()
      .where('scheme_id', '=', scope.schemeId)
      .where('code', '=', code)
      .executeTakeFirst();
    if (!row) throw notFound(`The scheme's own indicator ${code}`);
    await tx.deleteFrom('indicator').where('id', '=', row.id).execute();
    await audit(tx, actor, { action: 'delete', entity: 'indicator', entityId: row.id, before: row });
  });
}

/** The balances of a month entered (replacing those given), and the month's figures made again. */
export async function enterFinancials(db: Db, actor: Actor, scope: Scope, input: z.infer<typeof FinancialEntries>) {
  const entries = Object.entries(input.entries).filter(([, v]) => v !== undefined) as [string, number][];
  if (!entries.length) throw invalid('entries', 'must give at least one amount');
  await db.kysely.transaction().execute(async (tx) => {
    const at = nowIso();
    for (const [code, amount] of entries) {
      await tx
        .insertInto('financial_entry')
        .values({
          scheme_id: scope.schemeId,
          month: input.month,
          code,
          amount,
          entered_by: actor.username,
          entered_at: at,
        })
        .onConflict((oc) =>
          oc
            .columns(['scheme_id', 'month', 'code'])
            .doUpdateSet({ amount, entered_by: actor.username, entered_at: at }),
        )
        .execute();
    }
    await audit(tx, actor, {
      action: 'enter',
      entity: 'financial_entry',
      entityId: `${scope.schemeId}/${input.month}`,
      after: input.entries,
    });
  });
  await refreshFigures(db, actor, scope.schemeId, [input.month]);
  return { month: input.month, entries: Object.fromEntries(entries) };
}

export async function refreshNow(db: Db, actor: Actor, scope: Scope, from: string, to: string) {
  if (to < from) throw invalid('to', 'must not be before from');
  const months = monthsBetween(from, to);
  if (months.length > 120) throw invalid('to', 'must be at most 120 months after from');
  return refreshFigures(db, actor, scope.schemeId, months);
}
