/**
 * Indicator values as other systems take them, pure. DHIS2's dataValueSets: one data value per
 * indicator, period and organisation unit, and beside each its numerator and denominator as data
 * elements of their own (`<code>_num`, `<code>_den`), so DHIS2 can add them up over its own
 * hierarchy; identified by code (dataElementIdScheme and orgUnitIdScheme CODE), so the receiving
 * instance maps them to its own.
 */
export interface ExchangeValue {
  period: string;
  key: string;
  numerator: number;
  denominator: number;
  value: number | null;
}

/** 2026-03 → 202603; 2026-Q1 → 2026Q1; 2026 stays. */
export const dhis2Period = (period: string) =>
  /^\d{4}-\d{2}$/.test(period)
    ? period.replace('-', '')
    : /^\d{4}-Q\d$/.test(period)
      ? period.replace('-', '')
      : period;

export function dataValueSet(
  indicators: { code: string; values: ExchangeValue[] }[],
  orgUnitOf: (key: string) => string,
) {
  const dataValues = indicators.flatMap((i) =>
    i.values.flatMap((v) => {
      const common = { period: dhis2Period(v.period), orgUnit: orgUnitOf(v.key) };
      return [
        ...(v.value === null ? [] : [{ dataElement: i.code, ...common, value: String(v.value) }]),
        { dataElement: `${i.code}_num`, ...common, value: String(v.numerator) },
        { dataElement: `${i.code}_den`, ...common, value: String(v.denominator) },
      ];
    }),
  );
  return { dataElementIdScheme: 'CODE', orgUnitIdScheme: 'CODE', dataValues };
}

/**
 * Several schemes' values side by side, and summed: the sum's value is made from the summed
 * numerators and denominators, never by adding or averaging the schemes' values.
 */
export function summed(
  perScheme: { schemeId: string; values: ExchangeValue[] }[],
  scale: number,
  /** A count with no denominator (members): the sum is the sum of the counts. */
  plain = false,
): ExchangeValue[] {
  const totals = new Map<string, { numerator: number; denominator: number }>();
  for (const s of perScheme) {
    for (const v of s.values) {
      const t = totals.get(v.period) ?? { numerator: 0, denominator: 0 };
      t.numerator += v.numerator;
      t.denominator += v.denominator;
      totals.set(v.period, t);
    }
  }
  return [...totals].map(([period, t]) => {
    const denominator = plain ? 1 : t.denominator;
    return {
      period,
      key: '',
      numerator: Math.round(t.numerator * 1000) / 1000,
      denominator: Math.round(denominator * 1000) / 1000,
      value: denominator ? Math.round((t.numerator / denominator) * scale * 1000) / 1000 : null,
    };
  });
}
