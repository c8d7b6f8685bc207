import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { api, ApiError, type Page } from '../api';
import { useCan } from '../session';
import { ErrorNote, Field, formatMoney, MoreButton, parseMoney, usePagedList } from '../ui';
import { useRegistryChoices } from '../registry/member-fields';
import { useCurrency } from '../schemes/rules-page';

const METHODS = ['bank_transfer', 'mobile_money', 'savings_debit', 'cash'] as const;

interface Payment {
  id: string;
  method: (typeof METHODS)[number];
  externalId: string;
  amount: number;
  currency: string;
  paidOn: string;
  reference: string | null;
  employerId: string | null;
  payerId: string | null;
  householdId: string | null;
  state: 'applied' | 'suspense';
  suspenseReason: string | null;
  unapplied: number;
  allocations: { employerId: string; period: string; payerId: string | null; amount: number }[];
  premiumId: string | null;
  duplicate: boolean;
}

interface Arrears {
  employerId: string;
  employerName: string;
  months: { period: string; owed: number; paid: number }[];
  total: number;
}

const today = () => new Date().toISOString().slice(0, 10);

/** Payments received, the suspense list of those nobody could be matched to, and employers in arrears. */
export function PaymentsPage() {
  const { t } = useTranslation();
  const can = useCan();
  const client = useQueryClient();
  const { employers } = useRegistryChoices();
  const { currency, mu } = useCurrency();
  const [state, setState] = useState<'' | 'suspense'>('');
  const list = usePagedList<Payment>('/api/v1/payments', { state, limit: 50 });
  const arrears = useQuery({
    queryKey: ['/api/v1/arrears/employers'],
    queryFn: () => api<Page<Arrears>>('/api/v1/arrears/employers?limit=100'),
  });
  const blank = { method: 'bank_transfer', externalId: '', amount: '', paidOn: today(), employerId: '', reference: '' };
  const [p, setP] = useState(blank);
  const [error, setError] = useState<unknown>(null);
  const [done, setDone] = useState<Payment | null>(null);
  const err = (f: string) => (error instanceof ApiError ? error.fieldError(f) : undefined);
  const money = (n: number) => formatMoney(n, mu);
  const employerName = (id: string | null) => (id ? (employers.find((e) => e.id === id)?.name ?? id) : '');
  const refresh = () =>
    Promise.all([
      client.invalidateQueries({ queryKey: ['/api/v1/payments'] }),
      client.invalidateQueries({ queryKey: ['/api/v1/arrears/employers'] }),
    ]);

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setError(null);
    setDone(null);
    try {
      const amount = parseMoney(p.amount, mu);
      const body = {
        method: p.method,
        externalId: p.externalId,
        amount,
        currency,
        paidOn: p.paidOn,
        ...(p.employerId ? { employerId: p.employerId } : {}),
        ...(p.reference ? { reference: p.reference } : {}),
      };
      setDone(await api<Payment>('/api/v1/payments', { method: 'POST', json: body }));
      setP(blank);
      await refresh();
    } catch (x) {
      setError(x);
    }
  };

  return (
    <section>
      <h1>{t('payments.title')}</h1>
      {can('payment.manage') && (
        <form onSubmit={submit} className="form" aria-label={t('payments.record')}>
          <div className="grid">
            <Field label={t('payments.method')} error={err('method')}>
              <select name="method" value={p.method} onChange={(e) => setP({ ...p, method: e.target.value })}>
                {METHODS.map((m) => (
                  <option key={m} value={m}>
                    {t(`payments.methods.${m}`)}
                  </option>
                ))}
              </select>
            </Field>
            <Field label={t('payments.externalId')} error={err('externalId')} hint={t('payments.externalIdHint')}>
              <input
                name="externalId"
                value={p.externalId}
                onChange={(e) => setP({ ...p, externalId: e.target.value })}
                required
              />
            </Field>
            <Field label={`${t('payments.amount')} (${currency})`} error={err('amount')}>
              <input
                name="amount"
                inputMode="decimal"
                value={p.amount}
                onChange={(e) => setP({ ...p, amount: e.target.value })}
                required
              />
            </Field>
            <Field label={t('payments.paidOn')} error={err('paidOn')}>
              <input
                name="paidOn"
                type="date"
                value={p.paidOn}
                onChange={(e) => setP({ ...p, paidOn: e.target.value })}
                required
              />
            </Field>
            <Field label={t('payments.employer')} error={err('employerId')}>
              <select
                name="employerId"
                value={p.employerId}
                onChange={(e) => setP({ ...p, employerId: e.target.value })}
              >
                <option value="">{t('payments.byReference')}</option>
                {employers.map((x) => (
                  <option key={x.id} value={x.id}>
                    {x.name}
                  </option>
                ))}
              </select>
            </Field>
            <Field label={t('payments.reference')} error={err('reference')} hint={t('payments.referenceHint')}>
              <input name="reference" value={p.reference} onChange={(e) => setP({ ...p, reference: e.target.value })} />
            </Field>
          </div>
          <ErrorNote error={error} />
          <button type="submit" className="primary">
            {t('payments.record')}
          </button>
        </form>
      )}
      {done && (
        <p className="done" role="status">
          {done.duplicate
            ? t('payments.duplicate', { id: done.externalId })
            : done.state === 'suspense'
              ? t('payments.suspended', { reason: done.suspenseReason })
              : t('payments.applied', {
                  amount: money(done.amount - done.unapplied),
                  left: money(done.unapplied),
                  currency: done.currency,
                })}
        </p>
      )}

      <div className="form inline">
        <Field label={t('payments.show')}>
          <select name="state" value={state} onChange={(e) => setState(e.target.value as '' | 'suspense')}>
            <option value="">{t('payments.all')}</option>
            <option value="suspense">{t('payments.suspense')}</option>
          </select>
        </Field>
      </div>
      <ErrorNote error={list.error} />
      <table className="list" aria-label={t('payments.title')}>
        <thead>
          <tr>
            <th>{t('payments.paidOn')}</th>
            <th>{t('payments.method')}</th>
            <th>{t('payments.externalId')}</th>
            <th>{t('payments.amount')}</th>
            <th>{t('payments.whose')}</th>
            <th>{t('payments.paid')}</th>
            <th>{t('payments.state')}</th>
          </tr>
        </thead>
        <tbody>
          {list.data?.pages
            .flatMap((pg) => pg.items)
            .map((x) => (
              <tr key={x.id}>
                <td>{x.paidOn}</td>
                <td>{t(`payments.methods.${x.method}`)}</td>
                <td>{x.externalId}</td>
                <td>
                  {money(x.amount)} {x.currency}
                </td>
                <td>{employerName(x.employerId) || (x.householdId ? t('payments.household') : x.reference)}</td>
                <td>
                  {x.allocations.map((a) => `${a.period}: ${money(a.amount)}`).join(', ')}
                  {x.premiumId && t('payments.premium')}
                  {x.unapplied > 0 && x.state === 'applied' && ` (${t('payments.credit')} ${money(x.unapplied)})`}
                </td>
                <td>
                  {x.state === 'suspense' ? (
                    <>
                      <span title={x.suspenseReason ?? ''}>{t('payments.suspense')}</span>
                      {can('payment.manage') && <Assign payment={x} onDone={refresh} />}
                    </>
                  ) : (
                    t('payments.appliedState')
                  )}
                </td>
              </tr>
            ))}
        </tbody>
      </table>
      <MoreButton list={list} />

      <h2>{t('payments.arrears')}</h2>
      <ErrorNote error={arrears.error} />
      {arrears.data && arrears.data.items.length === 0 && <p>{t('payments.noArrears')}</p>}
      {arrears.data && arrears.data.items.length > 0 && (
        <table className="list" aria-label={t('payments.arrears')}>
          <thead>
            <tr>
              <th>{t('payments.employer')}</th>
              <th>{t('payments.months')}</th>
              <th>{t('payments.owed')}</th>
            </tr>
          </thead>
          <tbody>
            {arrears.data.items.map((a) => (
              <tr key={a.employerId}>
                <td>{a.employerName}</td>
                <td>{a.months.map((m) => `${m.period}: ${money(m.owed)}`).join(', ')}</td>
                <td>
                  {money(a.total)} {currency}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}

/** Settles a payment in suspense: an employer chosen, or a member's number for a household's premium. */
function Assign({ payment, onDone }: { payment: Payment; onDone: () => Promise<unknown> }) {
  const { t } = useTranslation();
  const { employers } = useRegistryChoices();
  const [to, setTo] = useState({ employerId: '', memberNumber: '' });
  const [error, setError] = useState<unknown>(null);
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setError(null);
    try {
      const body = to.employerId ? { employerId: to.employerId } : { memberNumber: to.memberNumber };
      await api(`/api/v1/payments/${payment.id}/assign`, { method: 'POST', json: body });
      await onDone();
    } catch (x) {
      setError(x);
    }
  };
  return (
    <form onSubmit={submit} className="assign" aria-label={t('payments.assign')}>
      <select
        aria-label={t('payments.employer')}
        value={to.employerId}
        onChange={(e) => setTo({ employerId: e.target.value, memberNumber: '' })}
      >
        <option value="">—</option>
        {employers.map((x) => (
          <option key={x.id} value={x.id}>
            {x.name}
          </option>
        ))}
      </select>
      <input
        aria-label={t('payments.memberNumber')}
        placeholder={t('payments.memberNumber')}
        value={to.memberNumber}
        onChange={(e) => setTo({ employerId: '', memberNumber: e.target.value })}
      />
      <button type="submit">{t('payments.assign')}</button>
      <ErrorNote error={error} />
      {error instanceof ApiError && error.problem.errors?.[0] && <em role="alert">{error.problem.errors[0].reason}</em>}
    </form>
  );
}
