import type { z } from '@hono/zod-openapi';
import type { Db } from '../../platform/db/database.js';
import type { Breakdown } from '../../platform/db/schema.js';
import type { Scope } from '../../platform/http/context.js';
import { forbidden, invalid } from '../../platform/http/problem.js';
import { monthsBetween } from '../figures/tally.js';
import { computeIndicator, periodOf, termsOf, type Figure } from './compute.js';
import { allIndicators } from './catalogue.js';
import type { IndicatorDefinition } from './definitions.js';
import type { ValuesQuery } from './schemas.js';
import { AREA_LEVELS } from '../../registry/areas/schemas.js';

/** The months to read: the periods asked for, and one period more before for the changes. */
function monthsFor(q: { from: string; to: string; period: 'month' | 'quarter' | 'year' }) {
  const months = monthsBetween(q.from, q.to);
  const first = periodOf(months[0]!, q.period);
  const start = q.period === 'month' ? 1 : q.period === 'quarter' ? 3 : 12;
  // Back to the start of the first period, and one period further.
  const firstMonth =
    q.period === 'month'
      ? months[0]!
      : q.period === 'year'
        ? `${first}-01`
        : `${first.slice(0, 4)}-${String((Number(first.slice(6)) - 1) * 3 + 1).padStart(2, '0')}`;
  const [y, m] = firstMonth.split('-').map(Number) as [number, number];
  const before = new Date(Date.UTC(y, m - 1 - start, 1)).toISOString().slice(0, 7);
  return monthsBetween(before, q.to);
}

/**
 * Indicator values per period, for the scheme or by employer, group, facility or area (at a
 * level), each with its numerator and denominator. Read from the monthly figures, never from the
 * records themselves: a dashboard over ten million claims reads a few thousand rows.
 */
export async function indicatorValues(
  db: Db,
  scope: Scope,
  q: z.infer<typeof ValuesQuery>,
  /** Definitions beyond the scheme's own: a federation's, computed over each of its schemes. */
  extra: IndicatorDefinition[] = [],
) {
  if (q.to < q.from) throw invalid('to', 'must not be before from');
  if (monthsBetween(q.from, q.to).length > 120) throw invalid('to', 'must be at most 120 months after from');
  const catalogue = [...(await allIndicators(db, scope.schemeId)), ...extra];
  const wanted = q.codes
    ? q.codes
        .split(',')
        .map((c) => c.trim())
        .filter(Boolean)
    : catalogue.filter((d) => d.builtIn).map((d) => d.code);
  const defs = wanted.map((code) => {
    const def = catalogue.find((d) => d.code === code);
    if (!def) throw invalid('codes', `${code} is not an indicator (GET /api/v1/indicators lists them)`);
    return def;
  });
  const limited = scope.areaPaths.length > 0;
  if (limited && q.breakdown !== 'scheme' && q.breakdown !== 'area') {
    throw forbidden('You are limited to some areas: ask for the scheme or by area');
  }
  // A user limited to areas reads the area figures of their areas, summed.
  const stored: Breakdown = limited || q.breakdown === 'area' ? 'area' : q.breakdown;
  const codes = [
    ...new Set(defs.flatMap((d) => [...termsOf(d.numerator), ...termsOf(d.denominator)].map((t) => t.code))),
  ];
  const months = monthsFor(q);
  const rows = codes.length
    ? await db.kysely
        .selectFrom('monthly_figure')
        .select(['month', 'code', 'key', 'value'])
        .where('scheme_id', '=', scope.schemeId)
        .where('breakdown', '=', stored)
        .where('code', 'in', codes)
        .where('month', '>=', months[0]!)
        .where('month', '<=', months[months.length - 1]!)
        .execute()
    : [];
  let figures: Figure[] = rows.map((r) => ({ ...r, value: Number(r.value) }));
  const names = new Map<string, string>();

  if (stored === 'area') {
    const areas = await db.kysely
      .selectFrom('area')
      .select(['id', 'name', 'path', 'level'])
      .where('scheme_id', '=', scope.schemeId)
      .execute();
    const byId = new Map(areas.map((a) => [a.id, a]));
    const depth = q.breakdown === 'area' ? AREA_LEVELS.indexOf(q.level) : -1;
    const inScope = (path: string) => !limited || scope.areaPaths.some((p) => path.startsWith(p));
    figures = figures.flatMap((f) => {
      const area = byId.get(f.key);
      if (!area || !inScope(area.path)) return [];
      if (q.breakdown !== 'area') {
        // Summed for the caller's areas: a population counts for the areas they are limited to.
        if (f.code === 'target_population') return scope.areaPaths.includes(area.path) ? [{ ...f, key: '' }] : [];
        return [{ ...f, key: '' }];
      }
      // An area's own population counts for it alone; members and claims roll up to the level.
      if (f.code === 'target_population') return area.level === q.level ? [f] : [];
      const ancestor = area.path.split('/').filter(Boolean)[depth];
      return ancestor ? [{ ...f, key: ancestor }] : [];
    });
    for (const a of areas) names.set(a.id, a.name);
  } else if (q.breakdown !== 'scheme') {
    const table = q.breakdown === 'employer' ? 'employer' : q.breakdown === 'group' ? 'member_group' : 'facility';
    const named = await db.kysely
      .selectFrom(table)
      .select(['id', 'name'])
      .where('scheme_id', '=', scope.schemeId)
      .execute();
    for (const n of named) names.set(n.id, n.name);
  }

  const asked = new Set(monthsBetween(q.from, q.to).map((m) => periodOf(m, q.period)));
  return {
    period: q.period,
    from: q.from,
    to: q.to,
    breakdown: q.breakdown,
    ...(q.breakdown === 'area' ? { level: q.level } : {}),
    periods: [...asked],
    indicators: defs.map((def) => ({
      code: def.code,
      name: def.name,
      description: def.description,
      unit: def.unit,
      values: computeIndicator(def, figures, months, q.period)
        .filter((v) => asked.has(v.period))
        .map((v) => ({ ...v, name: v.key === '' ? null : (names.get(v.key) ?? v.key) })),
    })),
  };
}
