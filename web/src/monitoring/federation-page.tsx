import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { api, query } from '../api';
import { ErrorNote } from '../ui';
import { Chart } from './chart';
import { useWindow, WindowFilters } from './periods';
import { OwnIndicators, type OwnIndicator } from './own-indicators';
import { useCan } from '../session';

interface Value {
  period: string;
  numerator: number;
  denominator: number;
  value: number | null;
}
interface FederationValues {
  federation: { id: string; name: string };
  periods: string[];
  indicators: {
    code: string;
    name: string;
    description: string;
    unit: string;
    schemes: { schemeId: string; name: string; values: Value[] }[];
    total: Value[] | null;
  }[];
}

/**
 * A federation's view: each indicator for its schemes side by side and summed (from their
 * numerators and denominators), over the periods; their figures only, never their members.
 */
export function FederationPage() {
  const { t } = useTranslation();
  const span = useWindow('quarter');
  const { period, from, to } = span;
  const params = { period, from, to };
  const values = useQuery({
    queryKey: ['/api/v1/federation/indicators/values', params],
    queryFn: () => api<FederationValues>(`/api/v1/federation/indicators/values${query(params)}`),
  });
  const can = useCan();
  const catalogue = useQuery({
    queryKey: ['/api/v1/federation/indicators'],
    queryFn: () => api<{ items: (OwnIndicator & { builtIn: boolean })[] }>('/api/v1/federation/indicators'),
  });
  const own = catalogue.data?.items.filter((i) => !i.builtIn) ?? [];
  // The federation's list is kept whole: adding or removing one sends it all.
  const save = async (items: OwnIndicator[]) => {
    await api('/api/v1/federation/indicators', { method: 'PUT', json: { items } });
    await Promise.all([catalogue.refetch(), values.refetch()]);
  };
  const v = values.data;
  const shown = (unit: string, x: number | null | undefined) =>
    x === null || x === undefined ? '—' : unit === 'percent' ? `${x} %` : String(x);
  return (
    <section>
      <div className="title-row">
        <h1>{v?.federation.name ?? t('federation.title')}</h1>
        <span>
          <a className="button" href={`/api/v1/federation/indicators/dhis2${query(params)}`}>
            DHIS2
          </a>{' '}
          <a className="button" href={`/api/v1/federation/indicators/exchange${query(params)}`}>
            JSON
          </a>
        </span>
      </div>
      <div className="filters">
        <WindowFilters {...span} />
      </div>
      {can('report.manage') && (
        <OwnIndicators
          items={own}
          fieldPrefix={`items.${own.length}.`}
          add={(d) => save([...own.map(strip), d])}
          remove={(code) => save(own.filter((i) => i.code !== code).map(strip))}
        />
      )}
      <ErrorNote error={values.error ?? catalogue.error} />
      <div className="cards">
        {v?.indicators.map((i) => {
          const rows = [
            ...i.schemes.map((s) => ({ name: s.name, values: s.values })),
            ...(i.total ? [{ name: t('federation.total'), values: i.total }] : []),
          ];
          const at = (values: Value[], p: string) => values.find((x) => x.period === p)?.value ?? null;
          return (
            <article key={i.code} className="card" aria-label={i.name}>
              <h2>{i.name}</h2>
              <p className="small">{i.description}</p>
              <Chart
                kind="line"
                categories={v.periods}
                series={rows.map((r) => ({ name: r.name, values: v.periods.map((p) => at(r.values, p)) }))}
                label={i.name}
                unit={t(`unit.${i.unit}`)}
              />
              <div className="scroll">
                <table className="list small" aria-label={t('dashboard.valuesOf', { name: i.name })}>
                  <thead>
                    <tr>
                      <th>{t('federation.scheme')}</th>
                      {v.periods.map((p) => (
                        <th key={p} className="amount">
                          {p}
                        </th>
                      ))}
                    </tr>
                  </thead>
                  <tbody>
                    {rows.map((r) => (
                      <tr key={r.name}>
                        <td>{r.name}</td>
                        {v.periods.map((p) => (
                          <td key={p} className="amount">
                            {shown(i.unit, at(r.values, p))}
                          </td>
                        ))}
                      </tr>
                    ))}
                  </tbody>
                </table>
              </div>
            </article>
          );
        })}
      </div>
    </section>
  );
}

/** The fields the API takes back: a listed indicator also says it is not built in. */
const strip = ({ code, name, description, numerator, denominator, scale, unit }: OwnIndicator) => ({
  code,
  name,
  description,
  numerator,
  denominator,
  scale,
  unit,
});
