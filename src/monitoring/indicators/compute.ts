import { STOCKS, ONE, type IndicatorDefinition } from './definitions.js';
import { evaluate, parseFormula, type Term } from './formula.js';

export type PeriodKind = 'month' | 'quarter' | 'year';

/** The period a month falls in: 2026-03, 2026-Q1 or 2026. */
export function periodOf(month: string, kind: PeriodKind) {
  if (kind === 'month') return month;
  if (kind === 'year') return month.slice(0, 4);
  return `${month.slice(0, 4)}-Q${Math.floor((Number(month.slice(5, 7)) - 1) / 3) + 1}`;
}

export interface Figure {
  month: string;
  code: string;
  key: string;
  value: number;
}

export interface Value {
  period: string;
  key: string;
  numerator: number;
  denominator: number;
  value: number | null;
}

export const termsOf = (formula: string): Term[] => {
  if (formula === ONE) return [];
  const parsed = parseFormula(formula);
  if (!parsed.ok) throw new Error(`indicator formula ${formula}: ${parsed.reason}`);
  return parsed.terms;
};

/**
 * Indicator values from monthly figures, pure. Within a period, a flow figure is the sum of its
 * months and a stock figure its value in the period's last month; then numerator and denominator
 * are evaluated per key, and the value is numerator ÷ denominator × scale. Both are kept, so
 * values for several keys (areas, schemes) can be made from their sums.
 */
export function computeIndicator(
  def: IndicatorDefinition,
  figures: Figure[],
  months: string[],
  kind: PeriodKind,
): Value[] {
  const periods = [...new Set(months.map((m) => periodOf(m, kind)))];
  // A stock is read at the latest month of the period that has figures (the current month is
  // part-way through; a month not yet refreshed has none).
  const lastMonth = new Map<string, string>();
  for (const m of months) lastMonth.set(periodOf(m, kind), '');
  for (const f of figures) {
    const period = periodOf(f.month, kind);
    if (lastMonth.has(period) && f.month > lastMonth.get(period)!) lastMonth.set(period, f.month);
  }
  // period → key → code → value
  const sums = new Map<string, Map<string, Map<string, number>>>();
  const keys = new Set<string>();
  for (const f of figures) {
    const period = periodOf(f.month, kind);
    if (!lastMonth.has(period)) continue;
    if (STOCKS.has(f.code) && lastMonth.get(period) !== f.month) continue;
    keys.add(f.key);
    const byKey = sums.get(period) ?? new Map<string, Map<string, number>>();
    const byCode = byKey.get(f.key) ?? new Map<string, number>();
    byCode.set(f.code, (byCode.get(f.code) ?? 0) + f.value);
    byKey.set(f.key, byCode);
    sums.set(period, byKey);
  }
  const numerator = termsOf(def.numerator);
  const denominator = termsOf(def.denominator);
  const at = (period: string, key: string) => (code: string) => sums.get(period)?.get(key)?.get(code) ?? 0;
  const out: Value[] = [];
  for (const [i, period] of periods.entries()) {
    // A change needs the period before; the caller asks for one more at the start for that.
    if (def.change && i === 0) continue;
    for (const key of [...keys].sort()) {
      let num = evaluate(numerator, at(period, key));
      let den = def.denominator === ONE ? 1 : evaluate(denominator, at(period, key));
      if (def.change) {
        const before = evaluate(numerator, at(periods[i - 1]!, key));
        num -= before;
        den = before;
      }
      const value = den ? Math.round((num / den) * def.scale * 1000) / 1000 : null;
      out.push({ period, key, numerator: Math.round(num * 1000) / 1000, denominator: den, value });
    }
  }
  return out;
}
