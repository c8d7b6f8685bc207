import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { api } from '../api';
import { ErrorNote, Field, formatMoney } from '../ui';
import { useCan } from '../session';
import { useCurrency } from '../schemes/rules-page';

interface Period {
  startsOn: string;
  endsOn: string;
  source: 'declaration' | 'premium';
  productName: string | null;
  paidOn: string | null;
  state: string;
  covered: boolean;
  reason: { code: string; [k: string]: string };
}

interface Coverage {
  date: string;
  covered: boolean;
  state: string;
  coveredSince: string | null;
  periods: Period[];
}

/** A member's periods of cover, each with its state on the day chosen and the reason for it. */
export function CoveragePage() {
  const { t } = useTranslation();
  const { id } = useParams();
  const [date, setDate] = useState(() => new Date().toISOString().slice(0, 10));
  const coverage = useQuery({
    queryKey: ['/api/v1/members', id, 'coverage', date],
    queryFn: () => api<Coverage>(`/api/v1/members/${id}/coverage?date=${date}`),
    enabled: /^\d{4}-\d{2}-\d{2}$/.test(date),
  });
  const can = useCan();
  const arrears = useQuery({
    queryKey: ['/api/v1/members', id, 'arrears'],
    queryFn: () =>
      api<{ months: { period: string; contribution: number; state: 'unpaid' | 'part-paid' }[] }>(
        `/api/v1/members/${id}/arrears`,
      ),
    enabled: can('contribution.read'),
  });
  const { mu, currency } = useCurrency();
  const c = coverage.data;
  return (
    <section>
      <p>
        <Link to={`/members/${id}`}>{t('coverage.back')}</Link>
      </p>
      <h1>{t('coverage.title')}</h1>
      <div className="form inline">
        <Field label={t('coverage.date')}>
          <input name="date" type="date" value={date} onChange={(e) => setDate(e.target.value)} />
        </Field>
      </div>
      <ErrorNote error={coverage.error} />
      {c && (
        <p className={c.covered ? 'done' : 'error'} role="status">
          {c.covered ? t('coverage.covered', { since: c.coveredSince }) : t('coverage.notCovered')} ·{' '}
          {t(`coverage.states.${c.state}`)}
        </p>
      )}
      {c && c.periods.length > 0 && (
        <table className="list" aria-label={t('coverage.periods')}>
          <thead>
            <tr>
              <th>{t('coverage.from')}</th>
              <th>{t('coverage.to')}</th>
              <th>{t('coverage.product')}</th>
              <th>{t('coverage.source')}</th>
              <th>{t('coverage.paidOn')}</th>
              <th>{t('coverage.state')}</th>
              <th>{t('coverage.why')}</th>
            </tr>
          </thead>
          <tbody>
            {c.periods.map((p) => (
              <tr key={`${p.startsOn}${p.source}`}>
                <td>{p.startsOn}</td>
                <td>{p.endsOn}</td>
                <td>{p.productName}</td>
                <td>{t(`coverage.sources.${p.source}`)}</td>
                <td>{p.paidOn}</td>
                <td>{t(`coverage.states.${p.state}`)}</td>
                <td>{t(`coverage.reasons.${p.reason.code}`, p.reason)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {arrears.data && arrears.data.months.length > 0 && (
        <>
          <h2>{t('coverage.arrears')}</h2>
          <ul aria-label={t('coverage.arrears')}>
            {arrears.data.months.map((m) => (
              <li key={m.period}>
                {m.period}: {formatMoney(m.contribution, mu)} {currency} · {t(`coverage.arrearsStates.${m.state}`)}
              </li>
            ))}
          </ul>
        </>
      )}
    </section>
  );
}
