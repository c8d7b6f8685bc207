import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useParams } from 'react-router';
import { api, ApiError, type Page } from '../api';
import { useScheme } from '../registry/draft';
import { useCan } from '../session';
import { ErrorNote, Field, formatMoney, parseMoney } from '../ui';
import { FacilitySelect } from '../claims/facility-select';

interface Statement {
  facilityId: string;
  facilityCode: string;
  facilityName: string;
  capitation: number;
  caseBased: number;
  lumpSum: number;
  feeForService: number;
  relative: number;
  adjustments: number;
  total: number;
  claims: number;
  lines: { category: string | null; mechanism: string; claims: number; basis: string; amount: number }[];
}

interface Run {
  id: string;
  period: string;
  status: 'draft' | 'approved' | 'paid';
  total: number;
  contributions: number;
  computedAt: string | null;
  createdBy: string;
  approvedBy: string | null;
  paidOn: string | null;
  paidReference: string | null;
  statements?: Statement[];
}

/** The monthly payment runs: a month computed as a draft, looked at, approved, then paid. */
export function PaymentRunsPage() {
  const { t } = useTranslation();
  const can = useCan();
  const navigate = useNavigate();
  const minor = useScheme().data?.currencyMinorUnits ?? 2;
  const runs = useQuery({ queryKey: ['/api/v1/payment-runs'], queryFn: () => api<Page<Run>>('/api/v1/payment-runs') });
  const [period, setPeriod] = useState(new Date().toISOString().slice(0, 7));
  const [error, setError] = useState<unknown>(null);
  const create = async (e: FormEvent) => {
    e.preventDefault();
    setError(null);
    try {
      const run = await api<Run>('/api/v1/payment-runs', { method: 'POST', json: { period } });
      navigate(`/payment-runs/${run.id}`);
    } catch (x) {
      setError(x);
    }
  };
  return (
    <section>
      <h1>{t('runs.title')}</h1>
      <p className="small">{t('runs.help')}</p>
      {can('payrun.manage') && (
        <form className="form inline" onSubmit={create} aria-label={t('runs.new')}>
          <Field label={t('runs.month')} error={error instanceof ApiError ? error.fieldError('period') : undefined}>
            <input name="period" type="month" value={period} onChange={(e) => setPeriod(e.target.value)} required />
          </Field>
          <button type="submit" className="primary">
            {t('runs.new')}
          </button>
          <ErrorNote error={error} />
        </form>
      )}
      <ErrorNote error={runs.error} />
      <table className="list" aria-label={t('runs.title')}>
        <thead>
          <tr>
            <th>{t('runs.month')}</th>
            <th>{t('runs.status')}</th>
            <th className="amount">{t('runs.total')}</th>
            <th>{t('runs.paidOn')}</th>
          </tr>
        </thead>
        <tbody>
          {runs.data?.items.map((r) => (
            <tr key={r.id}>
              <td>
                <Link to={`/payment-runs/${r.id}`}>{r.period}</Link>
              </td>
              <td>
                <span className={`badge ${r.status}`}>{t(`runs.state.${r.status}`)}</span>
              </td>
              <td className="amount">{formatMoney(r.total, minor)}</td>
              <td>{r.paidOn}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}

export function PaymentRunPage() {
  const { t } = useTranslation();
  const { id } = useParams();
  const can = useCan();
  const client = useQueryClient();
  const scheme = useScheme().data;
  const minor = scheme?.currencyMinorUnits ?? 2;
  const path = `/api/v1/payment-runs/${id}`;
  const run = useQuery({ queryKey: ['/api/v1/payment-runs', id], queryFn: () => api<Run>(path) });
  const [error, setError] = useState<unknown>(null);
  const [paid, setPaid] = useState({ paidOn: '', reference: '' });
  const act = async (action: string, json?: unknown) => {
    setError(null);
    try {
      await api(`${path}/${action}`, { method: 'POST', json: json ?? {} });
      await client.invalidateQueries({ queryKey: ['/api/v1/payment-runs'] });
    } catch (x) {
      setError(x);
    }
  };
  const r = run.data;
  if (!r) return <ErrorNote error={run.error} />;
  const money = (n: number) => formatMoney(n, minor);
  return (
    <section>
      <p>
        <Link to="/payment-runs">← {t('runs.title')}</Link>
      </p>
      <div className="title-row">
        <h1>{t('runs.run', { period: r.period })}</h1>
        <span className={`badge ${r.status}`}>{t(`runs.state.${r.status}`)}</span>
      </div>
      <dl className="facts">
        <dt>{t('runs.total')}</dt>
        <dd>
          {money(r.total)} {scheme?.currency}
        </dd>
        <dt>{t('runs.contributions')}</dt>
        <dd>{money(r.contributions)}</dd>
        <dt>{t('runs.computedAt')}</dt>
        <dd>{r.computedAt?.slice(0, 16).replace('T', ' ')}</dd>
        {r.approvedBy && (
          <>
            <dt>{t('runs.approvedBy')}</dt>
            <dd>{r.approvedBy}</dd>
          </>
        )}
        {r.paidOn && (
          <>
            <dt>{t('runs.paidOn')}</dt>
            <dd>{[r.paidOn, r.paidReference].filter(Boolean).join(' · ')}</dd>
          </>
        )}
      </dl>
      <div className="actions">
        {r.status === 'draft' && can('payrun.manage') && (
          <button type="button" onClick={() => void act('recompute')}>
            {t('runs.recompute')}
          </button>
        )}
        {r.status === 'draft' && can('payrun.approve') && (
          <button type="button" className="primary" onClick={() => void act('approve')}>
            {t('runs.approve')}
          </button>
        )}
        <a className="button" href={`${path}/statements.csv`}>
          {t('runs.csv')}
        </a>
      </div>
      {r.status === 'approved' && can('payrun.approve') && (
        <form
          className="form inline"
          aria-label={t('runs.markPaid')}
          onSubmit={(e) => {
            e.preventDefault();
            void act('paid', { paidOn: paid.paidOn, reference: paid.reference || undefined });
          }}
        >
          <Field label={t('runs.paidOn')}>
            <input
              name="paidOn"
              type="date"
              value={paid.paidOn}
              onChange={(e) => setPaid({ ...paid, paidOn: e.target.value })}
              required
            />
          </Field>
          <Field label={t('runs.reference')}>
            <input
              name="reference"
              value={paid.reference}
              onChange={(e) => setPaid({ ...paid, reference: e.target.value })}
            />
          </Field>
          <button type="submit" className="primary">
            {t('runs.markPaid')}
          </button>
        </form>
      )}
      <ErrorNote error={error} />
      <table className="list statements" aria-label={t('runs.statements')}>
        <thead>
          <tr>
            <th>{t('claims.facility')}</th>
            <th className="amount">{t('mechanism.capitation')}</th>
            <th className="amount">{t('mechanism.case')}</th>
            <th className="amount">{t('mechanism.lump_sum')}</th>
            <th className="amount">{t('mechanism.fee_for_service')}</th>
            <th className="amount">{t('mechanism.relative')}</th>
            <th className="amount">{t('runs.adjustments')}</th>
            <th className="amount">{t('runs.total')}</th>
            <th>{t('runs.claims')}</th>
            <th>{t('runs.statement')}</th>
          </tr>
        </thead>
        <tbody>
          {r.statements?.map((s) => (
            <tr key={s.facilityId}>
              <td>
                <details>
                  <summary>
                    {s.facilityCode} · {s.facilityName}
                  </summary>
                  <ul className="small">
                    {s.lines.map((l, i) => (
                      <li key={i}>
                        {l.category ?? ''} {t(`mechanism.${l.mechanism}`)}: {l.basis} = {money(l.amount)}
                      </li>
                    ))}
                  </ul>
                </details>
              </td>
              <td className="amount">{money(s.capitation)}</td>
              <td className="amount">{money(s.caseBased)}</td>
              <td className="amount">{money(s.lumpSum)}</td>
              <td className="amount">{money(s.feeForService)}</td>
              <td className="amount">{money(s.relative)}</td>
              <td className="amount">{money(s.adjustments)}</td>
              <td className="amount">
                <strong>{money(s.total)}</strong>
              </td>
              <td>{s.claims}</td>
              <td>
                <a href={`${path}/statements/${s.facilityId}`} target="_blank" rel="noreferrer">
                  PDF
                </a>{' '}
                · <a href={`${path}/statements/${s.facilityId}?format=csv`}>CSV</a>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      {r.status === 'draft' && can('payrun.manage') && <Adjustment path={path} minor={minor} />}
    </section>
  );
}

function Adjustment({ path, minor }: { path: string; minor: number }) {
  const { t } = useTranslation();
  const client = useQueryClient();
  const [d, setD] = useState({ facilityId: '', amount: '', reason: '' });
  const [error, setError] = useState<unknown>(null);
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setError(null);
    try {
      await api(`${path}/adjustments`, {
        method: 'POST',
        json: { facilityId: d.facilityId, amount: parseMoney(d.amount, minor), reason: d.reason },
      });
      setD({ facilityId: '', amount: '', reason: '' });
      await client.invalidateQueries({ queryKey: ['/api/v1/payment-runs'] });
    } catch (x) {
      setError(x);
    }
  };
  const err = (f: string) => (error instanceof ApiError ? error.fieldError(f) : undefined);
  return (
    <form className="form inline" onSubmit={submit} aria-label={t('runs.adjust')}>
      <h2>{t('runs.adjust')}</h2>
      <Field label={t('claims.facility')} error={err('facilityId')}>
        <FacilitySelect
          name="facilityId"
          value={d.facilityId}
          onChange={(id) => setD({ ...d, facilityId: id })}
          required
        />
      </Field>
      <Field label={t('runs.amount')} error={err('amount')} hint={t('runs.amountHint')}>
        <input
          name="amount"
          inputMode="decimal"
          value={d.amount}
          onChange={(e) => setD({ ...d, amount: e.target.value })}
          required
        />
      </Field>
      <Field label={t('claims.reason')} error={err('reason')}>
        <input name="reason" value={d.reason} onChange={(e) => setD({ ...d, reason: e.target.value })} required />
      </Field>
      <button type="submit" className="primary">
        {t('runs.adjust')}
      </button>
      <ErrorNote error={error} />
    </form>
  );
}
