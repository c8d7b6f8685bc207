import type { z } from '@hono/zod-openapi';
import type { Db } from '../../platform/db/database.js';
import type { Scope } from '../../platform/http/context.js';
import { invalid } from '../../platform/http/problem.js';
import { dayNumber } from '../../platform/dates.js';
import type { MeasuredQuery, MeasuredUse } from './schemas.js';

const DAYS_A_YEAR = 365.25;

/**
 * How often members used each kind of care and what a use cost, measured from the scheme's own
 * claims: claims paid (approved or partly) admitted in the window, over the members' years of
 * cover in it; and what the scheme took in contributions for that cover. The figures the premium
 * calculation starts from.
 */
export async function measuredUse(
  db: Db,
  scope: Scope,
  q: z.infer<typeof MeasuredQuery>,
): Promise<z.infer<typeof MeasuredUse>> {
  if (q.to < q.from) throw invalid('to', 'must not be before from');
  const k = db.kysely;
  const sid = scope.schemeId;
  // Periods of cover grouped by their dates: a month of declarations is one group for everyone.
  const spans = await k
    .selectFrom('coverage_period')
    .select(['starts_on', 'ends_on', (eb) => eb.fn.countAll<number>().as('n')])
    .where('scheme_id', '=', sid)
    .where('starts_on', '<=', q.to)
    .where('ends_on', '>=', q.from)
    .groupBy(['starts_on', 'ends_on'])
    .execute();
  const from = dayNumber(q.from);
  const to = dayNumber(q.to);
  const memberDays = spans.reduce((sum, s) => {
    const days = Math.min(to, dayNumber(s.ends_on)) - Math.max(from, dayNumber(s.starts_on)) + 1;
    return sum + Math.max(0, days) * Number(s.n);
  }, 0);
  const memberYears = Math.round((memberDays / DAYS_A_YEAR) * 100) / 100;
  const claims = await k
    .selectFrom('claim')
    .select([
      'category',
      (eb) => eb.fn.countAll<number>().as('n'),
      (eb) => eb.fn.sum<number>('approved').as('approved'),
    ])
    .where('scheme_id', '=', sid)
    .where('status', 'in', ['approved', 'partly_approved'])
    .where('admitted_on', '>=', q.from)
    .where('admitted_on', '<=', q.to)
    .groupBy('category')
    .orderBy('category')
    .execute();
  const invoiced = await k
    .selectFrom('invoice')
    .select((eb) => eb.fn.sum<number>('amount').as('amount'))
    .where('scheme_id', '=', sid)
    .where('state', '=', 'open')
    .where('period', '>=', q.from.slice(0, 7))
    .where('period', '<=', q.to.slice(0, 7))
    .executeTakeFirst();
  const collected = await k
    .selectFrom('premium')
    .select((eb) => eb.fn.sum<number>('amount').as('amount'))
    .where('scheme_id', '=', sid)
    .where('collected_on', '>=', q.from)
    .where('collected_on', '<=', q.to)
    .executeTakeFirst();
  const income = Number(invoiced?.amount ?? 0) + Number(collected?.amount ?? 0);
  const memberMonths = memberYears * 12;
  return {
    from: q.from,
    to: q.to,
    memberYears,
    categories: claims.map((c) => {
      const n = Number(c.n);
      const approved = Number(c.approved ?? 0);
      return {
        category: c.category,
        claims: n,
        approved,
        frequency: memberYears > 0 ? Math.round((n / memberYears) * 10000) / 10000 : null,
        averageCost: n ? Math.round(approved / n) : null,
      };
    }),
    contributions: {
      income,
      perMemberMonth: memberMonths > 0 ? Math.round(income / memberMonths) : null,
      perMemberYear: memberYears > 0 ? Math.round(income / memberYears) : null,
    },
  };
}
