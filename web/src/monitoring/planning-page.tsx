import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { api, ApiError, query } from '../api';
import { useScheme } from '../registry/draft';
import { ErrorNote, Field, formatMoney, parseMoney } from '../ui';
import { ExportButtons } from './export-buttons';

/** The scheme's currency, and its amounts read and typed in its own units. */
function useMoney() {
  const scheme = useScheme().data;
  const minor = scheme?.currencyMinorUnits ?? 2;
  return {
    currency: scheme?.currency ?? 'USD',
    fm: (n: number) => formatMoney(n, minor),
    pm: (s: string) => parseMoney(s, minor) ?? NaN,
  };
}

interface Measured {
  memberYears: number;
  categories: {
    category: string;
    claims: number;
    approved: number;
    frequency: number | null;
    averageCost: number | null;
  }[];
  contributions: { income: number; perMemberMonth: number | null; perMemberYear: number | null };
}
interface Priced {
  categories: { category: string; costPerMemberYear: number; share: number }[];
  riskPremiumPerYear: number;
  grossPremiumPerYear: number;
  loadings: { runningCosts: number; collection: number; reserves: number; safetyMargin: number };
  premium: number;
  riskPremium: number;
  currentPremium: number | null;
  difference: number | null;
  currentCovers: number | null;
}
interface Projected {
  years: {
    year: number;
    members: number;
    premiumIncome: number;
    subsidy: number;
    income: number;
    careCost: number;
    runningCosts: number;
    expenses: number;
    result: number;
    reserves: number;
    reserveMonths: number | null;
  }[];
  reservesRunOut: number | null;
}

const pct = (n: number | null) => (n === null ? '—' : `${Math.round(n * 1000) / 10} %`);
const yearAgo = () => {
  const d = new Date();
  return {
    from: `${d.getUTCFullYear() - 1}-${String(d.getUTCMonth() + 1).padStart(2, '0')}-01`,
    to: d.toISOString().slice(0, 10),
  };
};

/** The premium a scheme needs, from its own use of care or from figures typed in; and its money over the years ahead. */
export function PlanningPage() {
  const { t } = useTranslation();
  return (
    <section>
      <h1>{t('planning.title')}</h1>
      <Premium />
      <ProjectionForm />
      <p className="small">{t('planning.currencyNote')}</p>
    </section>
  );
}

interface Row {
  category: string;
  frequency: string;
  averageCost: string;
}

function Premium() {
  const { t } = useTranslation();
  const { currency, fm, pm } = useMoney();
  const [window, setWindow] = useState(yearAgo());
  const [rows, setRows] = useState<Row[]>([{ category: 'consultation', frequency: '', averageCost: '' }]);
  const [per, setPer] = useState<'month' | 'year'>('month');
  const [loadings, setLoadings] = useState({ runningCosts: '10', collection: '5', reserves: '5', safetyMargin: '5' });
  const [current, setCurrent] = useState('');
  const [result, setResult] = useState<Priced | null>(null);
  const [sent, setSent] = useState<unknown>(null);
  const [measured, setMeasured] = useState<Measured | null>(null);
  const [error, setError] = useState<unknown>(null);

  const measure = async () => {
    setError(null);
    try {
      const m = await api<Measured>(`/api/v1/planning/measured${query(window)}`);
      setMeasured(m);
      if (m.categories.length) {
        setRows(
          m.categories.map((c) => ({
            category: c.category,
            frequency: String(c.frequency ?? 0),
            averageCost: fm(c.averageCost ?? 0),
          })),
        );
      }
      if (m.contributions.perMemberMonth !== null) {
        setCurrent(fm(per === 'month' ? m.contributions.perMemberMonth : (m.contributions.perMemberYear ?? 0)));
      }
    } catch (x) {
      setError(x);
    }
  };
  const price = async (e: FormEvent) => {
    e.preventDefault();
    setError(null);
    try {
      const share = (s: string) => Number(s) / 100;
      const input = {
        currency,
        per,
        categories: rows.map((r) => ({
          category: r.category,
          frequency: Number(r.frequency),
          averageCost: pm(r.averageCost),
        })),
        loadings: {
          runningCosts: share(loadings.runningCosts),
          collection: share(loadings.collection),
          reserves: share(loadings.reserves),
          safetyMargin: share(loadings.safetyMargin),
        },
        ...(current.trim() ? { currentPremium: pm(current) } : {}),
      };
      setResult(await api<Priced>('/api/v1/planning/premium', { method: 'POST', json: input }));
      setSent(input);
    } catch (x) {
      setResult(null);
      setError(x);
    }
  };
  const setRow = (i: number, c: Partial<Row>) => setRows(rows.map((r, j) => (j === i ? { ...r, ...c } : r)));
  const err = (f: string) => (error instanceof ApiError ? error.fieldError(f) : undefined);
  return (
    <form onSubmit={price} aria-label={t('planning.premium')}>
      <h2>{t('planning.premium')}</h2>
      <div className="filters">
        <label className="filter">
          {t('planning.from')}{' '}
          <input type="date" value={window.from} onChange={(e) => setWindow({ ...window, from: e.target.value })} />
        </label>
        <label className="filter">
          {t('planning.to')}{' '}
          <input type="date" value={window.to} onChange={(e) => setWindow({ ...window, to: e.target.value })} />
        </label>
        <button type="button" onClick={() => void measure()}>
          {t('planning.measure')}
        </button>
      </div>
      {measured && (
        <p role="status">
          {t('planning.measured', {
            years: measured.memberYears,
            claims: measured.categories.reduce((n, c) => n + c.claims, 0),
          })}
        </p>
      )}
      <table className="list edit" aria-label={t('planning.use')}>
        <thead>
          <tr>
            <th>{t('planning.category')}</th>
            <th>{t('planning.frequency')}</th>
            <th>{t('planning.averageCost')}</th>
            <th />
          </tr>
        </thead>
        <tbody>
          {rows.map((r, i) => (
            <tr key={i}>
              <td>
                <input
                  aria-label={t('planning.category')}
                  name={`categories.${i}.category`}
                  value={r.category}
                  onChange={(e) => setRow(i, { category: e.target.value })}
                />
              </td>
              <td>
                <input
                  aria-label={t('planning.frequency')}
                  name={`categories.${i}.frequency`}
                  inputMode="decimal"
                  value={r.frequency}
                  onChange={(e) => setRow(i, { frequency: e.target.value })}
                  aria-invalid={Boolean(err(`categories.${i}.frequency`))}
                />
              </td>
              <td>
                <input
                  aria-label={t('planning.averageCost')}
                  name={`categories.${i}.averageCost`}
                  inputMode="decimal"
                  value={r.averageCost}
                  onChange={(e) => setRow(i, { averageCost: e.target.value })}
                  aria-invalid={Boolean(err(`categories.${i}.averageCost`))}
                />
              </td>
              <td>
                <button type="button" className="link" onClick={() => setRows(rows.filter((_, j) => j !== i))}>
                  {t('common.remove')}
                </button>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <button type="button" onClick={() => setRows([...rows, { category: '', frequency: '', averageCost: '' }])}>
        {t('planning.addCategory')}
      </button>
      <div className="form grid">
        {(['runningCosts', 'collection', 'reserves', 'safetyMargin'] as const).map((k) => (
          <Field
            key={k}
            label={t(`planning.loading.${k}`)}
            error={err(`loadings.${k}`) ?? (k === 'runningCosts' ? err('loadings') : undefined)}
          >
            <input
              name={k}
              inputMode="decimal"
              value={loadings[k]}
              onChange={(e) => setLoadings({ ...loadings, [k]: e.target.value })}
            />
          </Field>
        ))}
        <Field label={t('planning.per')}>
          <select name="per" value={per} onChange={(e) => setPer(e.target.value as 'month' | 'year')}>
            <option value="month">{t('planning.perMonth')}</option>
            <option value="year">{t('planning.perYear')}</option>
          </select>
        </Field>
        <Field label={t('planning.current')} error={err('currentPremium')}>
          <input
            name="currentPremium"
            inputMode="decimal"
            value={current}
            onChange={(e) => setCurrent(e.target.value)}
          />
        </Field>
      </div>
      <ErrorNote error={error} />
      <button type="submit" className="primary">
        {t('planning.price')}
      </button>
      {result && <ExportButtons path="/api/v1/planning/premium" body={sent} name="premium" />}
      {result && (
        <dl className="facts" aria-label={t('planning.needed')}>
          <dt>{t('planning.needed')}</dt>
          <dd>
            <strong>{fm(result.premium)}</strong> {t(per === 'month' ? 'planning.aMonth' : 'planning.aYear')} (
            {t('planning.riskPart')} {fm(result.riskPremium)})
          </dd>
          <dt>{t('planning.current')}</dt>
          <dd>
            {result.currentPremium === null
              ? '—'
              : `${fm(result.currentPremium)} · ${pct(result.currentCovers)} ${t('planning.ofNeeded')}`}
          </dd>
          <dt>{t('planning.perYearFull')}</dt>
          <dd>
            {fm(result.grossPremiumPerYear)} = {fm(result.riskPremiumPerYear)} +{' '}
            {(['runningCosts', 'collection', 'reserves', 'safetyMargin'] as const)
              .map((k) => `${fm(result.loadings[k])} ${t(`planning.loading.${k}`).replace(' (%)', '').toLowerCase()}`)
              .join(' + ')}
          </dd>
          {result.categories.map((c) => (
            <span key={c.category} style={{ display: 'contents' }}>
              <dt>{c.category}</dt>
              <dd>
                {fm(c.costPerMemberYear)} {t('planning.aYear')} · {pct(c.share)}
              </dd>
            </span>
          ))}
        </dl>
      )}
    </form>
  );
}

function ProjectionForm() {
  const { t } = useTranslation();
  const { currency, fm, pm } = useMoney();
  const [v, setV] = useState({
    startYear: String(new Date().getUTCFullYear() + 1),
    years: '5',
    members: '10000',
    growth: '20',
    renewal: '80',
    premium: '19.20',
    premiumTrend: '0',
    cost: '15.00',
    costTrend: '5',
    running: '5000.00',
    runningPerMember: '1.00',
    subsidy: '20000.00',
    taper: '3',
    reserves: '10000.00',
  });
  const [result, setResult] = useState<Projected | null>(null);
  const [sent, setSent] = useState<unknown>(null);
  const [error, setError] = useState<unknown>(null);
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setError(null);
    try {
      const n = (s: string) => (s.trim() === '' ? NaN : Number(s));
      const m = pm;
      const input = {
        currency,
        startYear: n(v.startYear),
        years: n(v.years),
        members: n(v.members),
        growth: n(v.growth) / 100,
        renewal: n(v.renewal) / 100,
        premiumPerMemberYear: m(v.premium),
        premiumTrend: n(v.premiumTrend) / 100,
        costPerMemberYear: m(v.cost),
        costTrend: n(v.costTrend) / 100,
        runningCostsPerYear: m(v.running),
        runningCostPerMember: m(v.runningPerMember),
        ...(v.subsidy.trim() ? { subsidy: { firstYear: m(v.subsidy), taperYears: n(v.taper) } } : {}),
        reserves: m(v.reserves),
      };
      setResult(await api<Projected>('/api/v1/planning/projection', { method: 'POST', json: input }));
      setSent(input);
    } catch (x) {
      setResult(null);
      setError(x);
    }
  };
  const fields: [keyof typeof v, string, string][] = [
    ['startYear', 'startYear', 'startYear'],
    ['years', 'years', 'years'],
    ['members', 'members', 'members'],
    ['growth', 'growth', 'growth'],
    ['renewal', 'renewal', 'renewal'],
    ['premium', 'premium', 'premiumPerMemberYear'],
    ['premiumTrend', 'premiumTrend', 'premiumTrend'],
    ['cost', 'cost', 'costPerMemberYear'],
    ['costTrend', 'costTrend', 'costTrend'],
    ['running', 'running', 'runningCostsPerYear'],
    ['runningPerMember', 'runningPerMember', 'runningCostPerMember'],
    ['subsidy', 'subsidy', 'subsidy.firstYear'],
    ['taper', 'taper', 'subsidy.taperYears'],
    ['reserves', 'reserves', 'reserves'],
  ];
  const err = (f: string) => (error instanceof ApiError ? error.fieldError(f) : undefined);
  return (
    <form onSubmit={submit} aria-label={t('planning.projection')}>
      <h2>{t('planning.projection')}</h2>
      <div className="form grid">
        {fields.map(([k, label, field]) => (
          <Field key={k} label={t(`planning.p.${label}`)} error={err(field)}>
            <input name={k} inputMode="decimal" value={v[k]} onChange={(e) => setV({ ...v, [k]: e.target.value })} />
          </Field>
        ))}
      </div>
      <ErrorNote error={error} />
      <button type="submit" className="primary">
        {t('planning.project')}
      </button>
      {result && (
        <>
          <ExportButtons path="/api/v1/planning/projection" body={sent} name="projection" />
          {result.reservesRunOut !== null && (
            <p className="error" role="alert">
              {t('planning.runOut', { year: result.reservesRunOut })}
            </p>
          )}
          <table className="list" aria-label={t('planning.projection')}>
            <thead>
              <tr>
                <th>{t('planning.year')}</th>
                <th className="amount">{t('planning.p.members')}</th>
                <th className="amount">{t('planning.income')}</th>
                <th className="amount">{t('planning.subsidyShort')}</th>
                <th className="amount">{t('planning.care')}</th>
                <th className="amount">{t('planning.runningShort')}</th>
                <th className="amount">{t('planning.result')}</th>
                <th className="amount">{t('planning.p.reserves')}</th>
                <th className="amount">{t('planning.months')}</th>
              </tr>
            </thead>
            <tbody>
              {result.years.map((y) => (
                <tr key={y.year} className={y.reserves < 0 ? 'overdue' : undefined}>
                  <td>{y.year}</td>
                  <td className="amount">{y.members}</td>
                  <td className="amount">{fm(y.premiumIncome)}</td>
                  <td className="amount">{fm(y.subsidy)}</td>
                  <td className="amount">{fm(y.careCost)}</td>
                  <td className="amount">{fm(y.runningCosts)}</td>
                  <td className="amount">{fm(y.result)}</td>
                  <td className="amount">{fm(y.reserves)}</td>
                  <td className="amount">{y.reserveMonths ?? '—'}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </>
      )}
    </form>
  );
}
