import { useState } from 'react';
import { useTranslation } from 'react-i18next';

export type PeriodKind = 'month' | 'quarter' | 'year';

/** The month `offset` months from this one, as YYYY-MM. */
export const monthFromNow = (offset: number) => {
  const d = new Date();
  return new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + offset, 1)).toISOString().slice(0, 7);
};

/** The window a figures page shows: the last twelve months, by month (or quarter, or year). */
export function useWindow(kind: PeriodKind = 'month') {
  const [period, setPeriod] = useState<PeriodKind>(kind);
  const [from, setFrom] = useState(monthFromNow(-11));
  const [to, setTo] = useState(monthFromNow(0));
  return { period, setPeriod, from, setFrom, to, setTo };
}

/** The pickers of that window; without `setPeriod`, months only. */
export function WindowFilters(props: {
  period?: PeriodKind;
  setPeriod?: (p: PeriodKind) => void;
  from: string;
  setFrom: (m: string) => void;
  to: string;
  setTo: (m: string) => void;
}) {
  const { t } = useTranslation();
  return (
    <>
      {props.setPeriod && (
        <label className="filter">
          {t('dashboard.period')}{' '}
          <select
            value={props.period}
            onChange={(e) => props.setPeriod!(e.target.value as PeriodKind)}
            aria-label={t('dashboard.period')}
          >
            {(['month', 'quarter', 'year'] as const).map((p) => (
              <option key={p} value={p}>
                {t(`dashboard.periods.${p}`)}
              </option>
            ))}
          </select>
        </label>
      )}
      <label className="filter">
        {t('dashboard.from')}{' '}
        <input
          type="month"
          value={props.from}
          onChange={(e) => props.setFrom(e.target.value)}
          aria-label={t('dashboard.from')}
        />
      </label>
      <label className="filter">
        {t('dashboard.to')}{' '}
        <input
          type="month"
          value={props.to}
          onChange={(e) => props.setTo(e.target.value)}
          aria-label={t('dashboard.to')}
        />
      </label>
    </>
  );
}
