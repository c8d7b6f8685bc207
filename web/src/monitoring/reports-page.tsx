import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, query } from '../api';
import { ErrorNote } from '../ui';
import { useWindow, WindowFilters } from './periods';

interface Table {
  title: string;
  columns: { key: string; label: string; numeric?: boolean }[];
  rows: Record<string, string | number | null>[];
}

/** The reports a manager prints or sends on: use of care by facility or employer, income against cost. */
export function ReportsPage() {
  const { t } = useTranslation();
  const span = useWindow();
  const { from, to } = span;
  const [by, setBy] = useState<'facility' | 'employer'>('facility');
  return (
    <section>
      <h1>{t('reports.title')}</h1>
      <div className="filters">
        <WindowFilters from={span.from} setFrom={span.setFrom} to={span.to} setTo={span.setTo} />
        <label className="filter">
          {t('reports.by')}{' '}
          <select value={by} onChange={(e) => setBy(e.target.value as typeof by)} aria-label={t('reports.by')}>
            <option value="facility">{t('dashboard.breakdowns.facility')}</option>
            <option value="employer">{t('dashboard.breakdowns.employer')}</option>
          </select>
        </label>
      </div>
      <Report path="/api/v1/reports/utilisation" params={{ from, to, by }} />
      <Report path="/api/v1/reports/income-cost" params={{ from, to }} />
    </section>
  );
}

function Report({ path, params }: { path: string; params: Record<string, string> }) {
  const { t } = useTranslation();
  const report = useQuery({ queryKey: [path, params], queryFn: () => api<Table>(`${path}${query(params)}`) });
  const r = report.data;
  return (
    <article className="report">
      <ErrorNote error={report.error} />
      {r && (
        <>
          <div className="title-row">
            <h2>{r.title}</h2>
            <span className="actions">
              {(['csv', 'xlsx', 'pdf'] as const).map((f) => (
                <a key={f} className="button" href={`${path}${query({ ...params, format: f })}`}>
                  {f.toUpperCase()}
                </a>
              ))}
            </span>
          </div>
          {!r.rows.length ? (
            <p className="empty">{t('reports.none')}</p>
          ) : (
            <div className="scroll">
              <table className="list" aria-label={r.title}>
                <thead>
                  <tr>
                    {r.columns.map((c) => (
                      <th key={c.key} className={c.numeric ? 'amount' : undefined}>
                        {c.label}
                      </th>
                    ))}
                  </tr>
                </thead>
                <tbody>
                  {r.rows.map((row, i) => (
                    <tr key={i}>
                      {r.columns.map((c) => (
                        <td key={c.key} className={c.numeric ? 'amount' : undefined}>
                          {row[c.key] ?? '—'}
                        </td>
                      ))}
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          )}
        </>
      )}
    </article>
  );
}
