import { sql } from 'kysely';
import type { Executor } from '../../platform/db/database.js';
import { dayNumber } from '../../platform/dates.js';
import { Tally, monthEnd, monthStart, type FigureRow } from './tally.js';

const DAY = 86_400_000;

/** Where a member counts: their employer, group, area and assigned facility. */
const WHERE_MEMBERS_BELONG = ['m.employer_id', 'm.group_id', 'm.area_id', 'm.assigned_facility_id'] as const;
const placeOf = (r: {
  employer_id: string | null;
  group_id: string | null;
  area_id: string | null;
  assigned_facility_id: string | null;
}) => ({
  employer: r.employer_id,
  group: r.group_id,
  area: r.area_id,
  facility: r.assigned_facility_id,
});

/**
 * Every figure of one month of a scheme, read from its records. Flows (counted over the month):
 * member_months, members_new, renewal_due/done, contributions_due/collected, claims_*, uses.* and
 * cost.* by care category, settled_*, provider_payments, tickets_*, satisfaction_*. Stocks (as
 * at the month): members_covered, target_population, and the balances entered.
 */
export async function monthFigures(db: Executor, schemeId: string, month: string): Promise<FigureRow[]> {
  const start = monthStart(month);
  const end = monthEnd(month);
  const t = new Tally(month);
  const sid = schemeId;

  // Members covered on any day of the month, where they belong.
  const covered = await db
    .selectFrom('coverage_period as c')
    .innerJoin('member as m', (j) => j.onRef('m.scheme_id', '=', 'c.scheme_id').onRef('m.id', '=', 'c.member_id'))
    .select([
      ...WHERE_MEMBERS_BELONG,
      sql<number>`count(distinct c.member_id)`.as('n'),
      // Of them, the heads of household: the members who joined (the workers, the subscribers);
      // the rest are their dependants, beneficiaries through them.
      sql<number>`count(distinct case when m.relation = 'head' then c.member_id end)`.as('heads'),
    ])
    .where('c.scheme_id', '=', sid)
    // No period of cover lasts two years (a yearly premium is the longest): the bound lets the
    // index on starts_on read only the recent periods.
    .where('c.starts_on', '>=', new Date(Date.parse(start) - 800 * DAY).toISOString().slice(0, 10))
    .where('c.starts_on', '<=', end)
    .where('c.ends_on', '>=', start)
    .groupBy([...WHERE_MEMBERS_BELONG])
    .execute();
  for (const r of covered) {
    const keys = placeOf(r);
    t.add('members_covered', keys, Number(r.n));
    t.add('heads_covered', keys, Number(r.heads));
    t.add('member_months', keys, Number(r.n));
  }

  // New: their first cover ever begins this month. Read from the month's own periods, each
  // looked up for an earlier one by the primary key, rather than from every member's first
  // period: at a million members that was half of each month's work.
  const fresh = await db
    .selectFrom('coverage_period as c')
    .innerJoin('member as m', (j) => j.onRef('m.scheme_id', '=', 'c.scheme_id').onRef('m.id', '=', 'c.member_id'))
    .select([...WHERE_MEMBERS_BELONG, sql<number>`count(distinct c.member_id)`.as('n')])
    .where('c.scheme_id', '=', sid)
    .where('c.starts_on', '>=', start)
    .where('c.starts_on', '<=', end)
    .where(({ not, exists, selectFrom }) =>
      not(
        exists(
          selectFrom('coverage_period as p')
            .select('p.member_id')
            .whereRef('p.scheme_id', '=', 'c.scheme_id')
            .whereRef('p.member_id', '=', 'c.member_id')
            .where('p.starts_on', '<', start),
        ),
      ),
    )
    .groupBy([...WHERE_MEMBERS_BELONG])
    .execute();
  for (const r of fresh) {
    t.add('members_new', placeOf(r), Number(r.n));
  }

  // Who the scheme is for: the population of its areas (the top ones for the scheme) and groups.
  const areas = await db
    .selectFrom('area')
    .select(['id', 'parent_id', 'population'])
    .where('scheme_id', '=', sid)
    .execute();
  for (const a of areas) {
    if (!a.population) continue;
    t.put('target_population', 'area', a.id, a.population);
    if (!a.parent_id) t.put('target_population', 'scheme', '', a.population);
  }
  const groups = await db
    .selectFrom('member_group')
    .select(['id', 'population'])
    .where('scheme_id', '=', sid)
    .execute();
  for (const g of groups) if (g.population) t.put('target_population', 'group', g.id, g.population);

  // Renewals of premiums: the persons whose cover ends this month, and of them those whose
  // household paid again within 90 days of the end.
  const ending = await db
    .selectFrom('premium as p')
    .leftJoin('member as h', (j) =>
      j
        .onRef('h.scheme_id', '=', 'p.scheme_id')
        .onRef('h.household_id', '=', 'p.household_id')
        .on('h.relation', '=', 'head'),
    )
    .select(['p.household_id', 'p.cover_from', 'p.cover_to', 'p.persons', 'h.group_id', 'h.area_id', 'h.employer_id'])
    .where('p.scheme_id', '=', sid)
    .where('p.cover_to', '>=', start)
    .where('p.cover_to', '<=', end)
    .execute();
  if (ending.length) {
    const later = await db
      .selectFrom('premium')
      .select(['household_id', 'cover_from'])
      .where('scheme_id', '=', sid)
      .where('household_id', 'in', [...new Set(ending.map((e) => e.household_id))])
      .execute();
    for (const e of ending) {
      const keys = { group: e.group_id, area: e.area_id, employer: e.employer_id };
      t.add('renewal_due', keys, e.persons);
      const renewed = later.some(
        (l) =>
          l.household_id === e.household_id &&
          l.cover_from > e.cover_from &&
          dayNumber(l.cover_from) <= dayNumber(e.cover_to) + 90,
      );
      if (renewed) t.add('renewal_done', keys, e.persons);
    }
  }

  // Contributions: the employers' months invoiced and what was paid against them; premiums
  // collected in the month, due and collected at once.
  const employerArea = new Map(
    (await db.selectFrom('employer').select(['id', 'area_id']).where('scheme_id', '=', sid).execute()).map((e) => [
      e.id,
      e.area_id,
    ]),
  );
  const invoiced = await db
    .selectFrom('invoice')
    .select(['employer_id', (eb) => eb.fn.sum<number>('amount').as('amount')])
    .where('scheme_id', '=', sid)
    .where('period', '=', month)
    .where('state', '=', 'open')
    .groupBy('employer_id')
    .execute();
  for (const r of invoiced) {
    t.add('contributions_due', { employer: r.employer_id, area: employerArea.get(r.employer_id) }, Number(r.amount));
  }
  const allocated = await db
    .selectFrom('allocation')
    .select(['employer_id', (eb) => eb.fn.sum<number>('amount').as('amount')])
    .where('scheme_id', '=', sid)
    .where('period', '=', month)
    .groupBy('employer_id')
    .execute();
  for (const r of allocated) {
    t.add(
      'contributions_collected',
      { employer: r.employer_id, area: employerArea.get(r.employer_id) },
      Number(r.amount),
    );
  }
  const premiums = await db
    .selectFrom('premium as p')
    .leftJoin('member as h', (j) =>
      j
        .onRef('h.scheme_id', '=', 'p.scheme_id')
        .onRef('h.household_id', '=', 'p.household_id')
        .on('h.relation', '=', 'head'),
    )
    .select(['h.group_id', 'h.area_id', (eb) => eb.fn.sum<number>('p.amount').as('amount')])
    .where('p.scheme_id', '=', sid)
    .where('p.collected_on', '>=', start)
    .where('p.collected_on', '<=', end)
    .groupBy(['h.group_id', 'h.area_id'])
    .execute();
  for (const r of premiums) {
    const keys = { group: r.group_id, area: r.area_id };
    t.add('contributions_due', keys, Number(r.amount));
    t.add('contributions_collected', keys, Number(r.amount));
  }

  // Claims for care that began this month.
  const claims = await db
    .selectFrom('claim as c')
    .innerJoin('member as m', (j) => j.onRef('m.scheme_id', '=', 'c.scheme_id').onRef('m.id', '=', 'c.member_id'))
    .select([
      'c.facility_id',
      'm.employer_id',
      'm.group_id',
      'm.area_id',
      'c.category',
      'c.status',
      (eb) => eb.fn.countAll<number>().as('n'),
      (eb) => eb.fn.sum<number>('c.approved').as('approved'),
      (eb) => eb.fn.sum<number>('c.claimed').as('claimed'),
    ])
    .where('c.scheme_id', '=', sid)
    .where('c.admitted_on', '>=', start)
    .where('c.admitted_on', '<=', end)
    .groupBy(['c.facility_id', 'm.employer_id', 'm.group_id', 'm.area_id', 'c.category', 'c.status'])
    .execute();
  for (const r of claims) {
    const keys = { facility: r.facility_id, employer: r.employer_id, group: r.group_id, area: r.area_id };
    const n = Number(r.n);
    t.add('claims_received', keys, n);
    t.add('claims_claimed_amount', keys, Number(r.claimed));
    if (r.status === 'rejected') t.add('claims_rejected', keys, n);
    if (r.status === 'approved' || r.status === 'partly_approved') {
      t.add('claims_paid', keys, n);
      t.add('claims_approved_amount', keys, Number(r.approved));
      t.add(`uses.${r.category}`, keys, n);
      t.add(`cost.${r.category}`, keys, Number(r.approved));
    }
  }

  // How soon the claims of the month were paid: days from the end of the care to the day the
  // payment run that paid them was paid.
  const settled = await db
    .selectFrom('claim as c')
    .innerJoin('payment_run as r', (j) =>
      j.onRef('r.scheme_id', '=', 'c.scheme_id').onRef('r.id', '=', 'c.payment_run_id'),
    )
    .innerJoin('member as m', (j) => j.onRef('m.scheme_id', '=', 'c.scheme_id').onRef('m.id', '=', 'c.member_id'))
    .select([
      'c.facility_id',
      'm.employer_id',
      'm.group_id',
      'm.area_id',
      'c.admitted_on',
      'c.discharged_on',
      'r.paid_on',
    ])
    .where('c.scheme_id', '=', sid)
    .where('c.admitted_on', '>=', start)
    .where('c.admitted_on', '<=', end)
    .where('r.status', '=', 'paid')
    .execute();
  for (const c of settled) {
    if (!c.paid_on) continue;
    const keys = { facility: c.facility_id, employer: c.employer_id, group: c.group_id, area: c.area_id };
    const days = Math.max(0, dayNumber(c.paid_on) - dayNumber(c.discharged_on ?? c.admitted_on));
    t.add('settled_claims', keys, 1);
    t.add('settlement_days', keys, days);
    t.add(
      days <= 7 ? 'settled_0_7' : days <= 30 ? 'settled_8_30' : days <= 90 ? 'settled_31_90' : 'settled_over_90',
      keys,
      1,
    );
  }

  // What the facilities were paid for the month, by the runs approved or paid.
  const statements = await db
    .selectFrom('statement as s')
    .innerJoin('payment_run as r', (j) => j.onRef('r.scheme_id', '=', 's.scheme_id').onRef('r.id', '=', 's.run_id'))
    .select(['s.facility_id', 's.total'])
    .where('s.scheme_id', '=', sid)
    .where('r.period', '=', month)
    .where('r.status', 'in', ['approved', 'paid'])
    .execute();
  for (const s of statements) t.add('provider_payments', { facility: s.facility_id }, Number(s.total));

  // Complaints opened this month.
  const tickets = await db
    .selectFrom('ticket')
    .select(['facility_id', 'employer_id', 'area_id', 'opened_at', 'resolved_at', 'within_deadline'])
    .where('scheme_id', '=', sid)
    .where('opened_at', '>=', start)
    .where('opened_at', '<', `${end}T99`)
    .execute();
  for (const x of tickets) {
    const keys = { facility: x.facility_id, employer: x.employer_id, area: x.area_id };
    t.add('tickets_opened', keys, 1);
    if (x.resolved_at) {
      t.add('tickets_resolved', keys, 1);
      t.add('ticket_resolution_hours', keys, (Date.parse(x.resolved_at) - Date.parse(x.opened_at)) / (DAY / 24));
      if (x.within_deadline === 1) t.add('tickets_within_deadline', keys, 1);
    }
  }

  // Satisfaction: each respondent of the month, per dimension, their mean score (kept × 1,000 to
  // stay whole) and whether it is 4 or more.
  const answers = await db
    .selectFrom('survey_sample as s')
    .innerJoin('survey_response as r', (j) =>
      j
        .onRef('r.scheme_id', '=', 's.scheme_id')
        .onRef('r.survey_id', '=', 's.survey_id')
        .onRef('r.member_id', '=', 's.member_id'),
    )
    .innerJoin('survey as v', (j) => j.onRef('v.scheme_id', '=', 's.scheme_id').onRef('v.id', '=', 's.survey_id'))
    .innerJoin('member as m', (j) => j.onRef('m.scheme_id', '=', 's.scheme_id').onRef('m.id', '=', 's.member_id'))
    .select([
      's.survey_id',
      's.member_id',
      'r.question',
      'r.score',
      'v.questions_json',
      'm.employer_id',
      'm.group_id',
      'm.area_id',
    ])
    .where('s.scheme_id', '=', sid)
    .where('s.answered_at', '>=', start)
    .where('s.answered_at', '<', `${end}T99`)
    .where('r.score', 'is not', null)
    .execute();
  const dimensionsOf = new Map<string, Map<string, string>>();
  const people = new Map<
    string,
    { keys: { employer: string | null; group: string | null; area: string | null }; scores: Map<string, number[]> }
  >();
  for (const a of answers) {
    let dims = dimensionsOf.get(a.survey_id);
    if (!dims) {
      dims = new Map(
        (JSON.parse(a.questions_json) as { code: string; dimension: string }[]).map((q) => [q.code, q.dimension]),
      );
      dimensionsOf.set(a.survey_id, dims);
    }
    const dimension = dims.get(a.question);
    if (!dimension) continue;
    const id = `${a.survey_id}/${a.member_id}`;
    const p = people.get(id) ?? {
      keys: { employer: a.employer_id, group: a.group_id, area: a.area_id },
      scores: new Map(),
    };
    p.scores.set(dimension, [...(p.scores.get(dimension) ?? []), a.score!]);
    people.set(id, p);
  }
  for (const p of people.values()) {
    for (const [dimension, scores] of p.scores) {
      const mean = scores.reduce((x, y) => x + y, 0) / scores.length;
      t.add(`satisfaction_respondents.${dimension}`, p.keys, 1);
      t.add(`satisfaction_score.${dimension}`, p.keys, mean * 1000);
      if (mean >= 4) t.add(`satisfaction_satisfied.${dimension}`, p.keys, 1);
    }
  }

  // The balances the scheme entered for the month.
  const entries = await db
    .selectFrom('financial_entry')
    .select(['code', 'amount'])
    .where('scheme_id', '=', sid)
    .where('month', '=', month)
    .execute();
  for (const e of entries) t.put(e.code, 'scheme', '', Number(e.amount));

  return t.rows();
}
