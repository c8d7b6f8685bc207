import { useQuery } from '@tanstack/react-query';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, query } from '../api';
import { useScheme } from '../registry/draft';
import { useCan } from '../session';
import { ErrorNote, formatMoney } from '../ui';
import { Chart } from './chart';
import { useWindow, WindowFilters } from './periods';
import { OwnIndicators, type OwnIndicator } from './own-indicators';

interface Indicator extends OwnIndicator {
  builtIn: boolean;
}
interface Values {
  periods: string[];
  indicators: {
    code: string;
    name: string;
    description: string;
    unit: string;
    values: {
      period: string;
      key: string;
      name: string | null;
      numerator: number;
      denominator: number;
      value: number | null;
    }[];
  }[];
}

const DEFAULT = [
  'members',
  'contribution_recovery',
  'claims_per_1000',
  'incurred_claims_ratio',
  'rejection_ratio',
  'complaints_per_1000',
];

/**
 * How the scheme is doing: its indicators over time, or side by side by employer, group,
 * facility or area, each with its definition; exported as CSV, XLSX or PDF.
 */
export function DashboardPage() {
  const { t } = useTranslation();
  const can = useCan();
  const minor = useScheme().data?.currencyMinorUnits ?? 2;
  const span = useWindow('month');
  const { period, from, to } = span;
  const [breakdown, setBreakdown] = useState('scheme');
  const [level, setLevel] = useState('district');
  const [codes, setCodes] = useState<string[]>(DEFAULT);
  const catalogue = useQuery({
    queryKey: ['/api/v1/indicators'],
    queryFn: () => api<{ items: Indicator[] }>('/api/v1/indicators'),
  });
  const params = { codes: codes.join(','), period, from, to, breakdown, ...(breakdown === 'area' ? { level } : {}) };
  const values = useQuery({
    queryKey: ['/api/v1/indicators/values', params],
    queryFn: () => api<Values>(`/api/v1/indicators/values${query(params)}`),
    enabled: codes.length > 0,
  });
  const shown = (unit: string, v: number | null) =>
    v === null
      ? '—'
      : unit === 'amount'
        ? formatMoney(Math.round(v), minor)
        : unit === 'percent'
          ? `${v} %`
          : String(v);
  const toggle = (code: string) => setCodes(codes.includes(code) ? codes.filter((c) => c !== code) : [...codes, code]);
  const refresh = async () => {
    await api('/api/v1/figures/refresh', { method: 'POST', json: { from, to } });
    await values.refetch();
  };
  return (
    <section>
      <div className="title-row">
        <h1>{t('dashboard.title')}</h1>
        <span className="actions">
          {(['csv', 'xlsx', 'pdf'] as const).map((f) => (
            <a key={f} className="button" href={`/api/v1/indicators/export${query({ ...params, format: f })}`}>
              {f.toUpperCase()}
            </a>
          ))}
          {can('report.manage') && (
            <button type="button" onClick={() => void refresh()}>
              {t('dashboard.refresh')}
            </button>
          )}
        </span>
      </div>
      <div className="filters">
        <WindowFilters {...span} />
        <label className="filter">
          {t('dashboard.by')}{' '}
          <select value={breakdown} onChange={(e) => setBreakdown(e.target.value)} aria-label={t('dashboard.by')}>
            {['scheme', 'employer', 'group', 'facility', 'area'].map((b) => (
              <option key={b} value={b}>
                {t(`dashboard.breakdowns.${b}`)}
              </option>
            ))}
          </select>
        </label>
        {breakdown === 'area' && (
          <select value={level} onChange={(e) => setLevel(e.target.value)} aria-label={t('dashboard.level')}>
            {['province', 'district', 'commune', 'village'].map((l) => (
              <option key={l} value={l}>
                {t(`stratum.${l}`)}
              </option>
            ))}
          </select>
        )}
      </div>
      <details className="pick">
        <summary>{t('dashboard.pick', { n: codes.length })}</summary>
        <div className="choices">
          {catalogue.data?.items.map((i) => (
            <label key={i.code} className="choice" title={i.description}>
              <input type="checkbox" checked={codes.includes(i.code)} onChange={() => toggle(i.code)} /> {i.name}
            </label>
          ))}
        </div>
      </details>
      {can('report.manage') && (
        <OwnIndicators
          items={catalogue.data?.items.filter((i) => !i.builtIn) ?? []}
          fieldPrefix=""
          add={async (d) => {
            await api('/api/v1/indicators', { method: 'POST', json: d });
            await catalogue.refetch();
            setCodes((c) => [...c, d.code]);
          }}
          remove={async (code) => {
            await api(`/api/v1/indicators/${code}`, { method: 'DELETE' });
            setCodes((c) => c.filter((x) => x !== code));
            await catalogue.refetch();
          }}
        />
      )}
      <ErrorNote error={values.error ?? catalogue.error} />
      <div className="cards">
        {values.data?.indicators.map((i) => (
          <IndicatorCard
            key={i.code}
            indicator={i}
            periods={values.data.periods}
            byPlace={breakdown !== 'scheme'}
            shown={shown}
          />
        ))}
      </div>
    </section>
  );
}

function IndicatorCard(props: {
  indicator: Values['indicators'][number];
  periods: string[];
  byPlace: boolean;
  shown: (unit: string, v: number | null) => string;
}) {
  const { t } = useTranslation();
  const i = props.indicator;
  const last = props.periods[props.periods.length - 1];
  const chart = useMemo(() => {
    if (!props.byPlace) {
      const byPeriod = new Map(i.values.map((v) => [v.period, v.value]));
      return {
        kind: 'line' as const,
        categories: props.periods,
        series: [{ name: i.name, values: props.periods.map((p) => byPeriod.get(p) ?? null) }],
      };
    }
    const latest = i.values.filter((v) => v.period === last);
    return {
      kind: 'bar' as const,
      categories: latest.map((v) => v.name ?? v.key),
      series: [{ name: `${i.name} · ${last}`, values: latest.map((v) => v.value) }],
    };
  }, [i, props.periods, props.byPlace, last]);
  const rows = props.byPlace ? i.values.filter((v) => v.period === last) : i.values;
  return (
    <article className="card" aria-label={i.name}>
      <h2>{i.name}</h2>
      <p className="small">{i.description}</p>
      <Chart {...chart} label={i.name} unit={t(`unit.${i.unit}`)} />
      <table className="list small" aria-label={t('dashboard.valuesOf', { name: i.name })}>
        <thead>
          <tr>
            <th>{props.byPlace ? t('dashboard.where') : t('dashboard.period')}</th>
            <th className="amount">{t('dashboard.numerator')}</th>
            <th className="amount">{t('dashboard.denominator')}</th>
            <th className="amount">{t('dashboard.value')}</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((v) => (
            <tr key={`${v.period}-${v.key}`}>
              <td>{props.byPlace ? (v.name ?? v.key) : v.period}</td>
              <td className="amount">{v.numerator}</td>
              <td className="amount">{v.denominator}</td>
              <td className="amount">{props.shown(i.unit, v.value)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </article>
  );
}
