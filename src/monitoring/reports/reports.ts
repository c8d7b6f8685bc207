import type { Db } from '../../platform/db/database.js';
import type { Scope } from '../../platform/http/context.js';
import { forbidden, invalid } from '../../platform/http/problem.js';
import { monthsBetween } from '../figures/tally.js';
import { withinScope } from '../../registry/areas/limits.js';
import { periodOf } from '../indicators/compute.js';
import type { Table } from './tables.js';

async function figures(db: Db, schemeId: string, breakdown: string, from: string, to: string, codes?: string[]) {
  let q = db.kysely
    .selectFrom('monthly_figure')
    .select(['month', 'code', 'key', 'value'])
    .where('scheme_id', '=', schemeId)
    .where('breakdown', '=', breakdown as never)
    .where('month', '>=', from)
    .where('month', '<=', to);
  if (codes) q = q.where('code', 'in', codes);
  return (await q.execute()).map((r) => ({ ...r, value: Number(r.value) }));
}

function checkWindow(from: string, to: string) {
  if (to < from) throw invalid('to', 'must not be before from');
  if (monthsBetween(from, to).length > 120) throw invalid('to', 'must be at most 120 months after from');
}

const per1000 = (uses: number, memberMonths: number) =>
  memberMonths > 0 ? Math.round((uses / memberMonths) * 12_000 * 10) / 10 : null;

/**
 * Seed 000's report of each factory's (or facility's) deliveries, surgeries, stays and
 * consultations: for each, uses, cost, and uses per 1,000 members a year (over the members of
 * that employer, or assigned to that facility).
 */
export async function utilisationReport(
  db: Db,
  scope: Scope,
  q: { from: string; to: string; by: 'facility' | 'employer' },
  minor: (n: number) => string,
): Promise<Table> {
  checkWindow(q.from, q.to);
  const rows = await figures(db, scope.schemeId, q.by, q.from, q.to);
  const categories = [...new Set(rows.filter((r) => r.code.startsWith('uses.')).map((r) => r.code.slice(5)))].sort();
  const table = q.by === 'employer' ? 'employer' : 'facility';
  // A user limited to areas sees the employers or facilities that lie in them, and no other.
  let named = db.kysely.selectFrom(table).select(['id', 'name']).where('scheme_id', '=', scope.schemeId);
  if (scope.areaPaths.length) named = named.where(withinScope(scope, table));
  const names = new Map((await named.execute()).map((n) => [n.id, n.name]));
  const sum = new Map<string, Map<string, number>>();
  for (const r of rows) {
    const byCode = sum.get(r.key) ?? new Map<string, number>();
    byCode.set(r.code, (byCode.get(r.code) ?? 0) + r.value);
    sum.set(r.key, byCode);
  }
  const months = monthsBetween(q.from, q.to).length;
  const keys = [...sum.keys()].filter(
    (k) => (!scope.areaPaths.length || names.has(k)) && categories.some((c) => sum.get(k)!.get(`uses.${c}`)),
  );
  return {
    title: `Use of care by ${q.by}, ${q.from} to ${q.to}`,
    columns: [
      { key: 'name', label: q.by === 'employer' ? 'Employer' : 'Facility' },
      { key: 'members', label: 'Members (average)', numeric: true },
      ...categories.flatMap((c) => [
        { key: `uses.${c}`, label: `${c}: uses`, numeric: true },
        { key: `rate.${c}`, label: `${c}: per 1,000 a year`, numeric: true },
        { key: `cost.${c}`, label: `${c}: cost`, numeric: true },
      ]),
      { key: 'cost', label: 'Total cost', numeric: true },
    ],
    rows: keys
      .map((k) => {
        const f = (code: string) => sum.get(k)!.get(code) ?? 0;
        const mm = f('member_months');
        const row: Record<string, string | number | null> = {
          name: names.get(k) ?? k,
          members: mm ? Math.round(mm / months) : null,
        };
        let cost = 0;
        for (const c of categories) {
          row[`uses.${c}`] = f(`uses.${c}`);
          row[`rate.${c}`] = per1000(f(`uses.${c}`), mm);
          row[`cost.${c}`] = minor(f(`cost.${c}`));
          cost += f(`cost.${c}`);
        }
        row.cost = minor(cost);
        return row;
      })
      .sort((a, b) => String(a.name).localeCompare(String(b.name))),
  };
}

/**
 * Money in and out each quarter: contributions collected in; care (claims approved) and the
 * running costs entered out; the result and the running balance. What the facilities were paid
 * by the payment runs is shown beside, the cash view of the same care.
 */
export async function incomeAndCost(
  db: Db,
  scope: Scope,
  q: { from: string; to: string },
  minor: (n: number) => string,
): Promise<Table> {
  checkWindow(q.from, q.to);
  // The scheme's money (its running costs, its balances) is not split by area.
  if (scope.areaPaths.length) throw forbidden('You are limited to some areas: this report is of the whole scheme');
  const codes = [
    'contributions_collected',
    'contributions_due',
    'claims_approved_amount',
    'provider_payments',
    'running_costs',
  ];
  const rows = await figures(db, scope.schemeId, 'scheme', q.from, q.to, codes);
  const quarters = [...new Set(monthsBetween(q.from, q.to).map((m) => periodOf(m, 'quarter')))];
  let balance = 0;
  return {
    title: `Income against cost by quarter, ${q.from} to ${q.to}`,
    columns: [
      { key: 'quarter', label: 'Quarter' },
      { key: 'due', label: 'Contributions due', numeric: true },
      { key: 'income', label: 'Contributions collected', numeric: true },
      { key: 'care', label: 'Care (claims approved)', numeric: true },
      { key: 'running', label: 'Running costs', numeric: true },
      { key: 'result', label: 'Result', numeric: true },
      { key: 'balance', label: 'Running balance', numeric: true },
      { key: 'paid', label: 'Paid to facilities', numeric: true },
    ],
    rows: quarters.map((quarter) => {
      const f = (code: string) =>
        rows
          .filter((r) => r.code === code && periodOf(r.month, 'quarter') === quarter)
          .reduce((n, r) => n + r.value, 0);
      const result = f('contributions_collected') - f('claims_approved_amount') - f('running_costs');
      balance += result;
      return {
        quarter,
        due: minor(f('contributions_due')),
        income: minor(f('contributions_collected')),
        care: minor(f('claims_approved_amount')),
        running: minor(f('running_costs')),
        result: minor(result),
        balance: minor(balance),
        paid: minor(f('provider_payments')),
      };
    }),
  };
}
