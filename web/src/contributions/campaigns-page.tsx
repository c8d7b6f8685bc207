import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { api, ApiError, type Page } from '../api';
import { useCan } from '../session';
import { ErrorNote, Field, formatMoney, parseMoney } from '../ui';
import { useRegistryChoices } from '../registry/member-fields';
import { useCurrency } from '../schemes/rules-page';
import { percent, useCampaigns, useCollectors, type Collector } from './collection';

interface Renewal {
  householdId: string;
  headName: string | null;
  memberNumber: string | null;
  phone: string | null;
  coverTo: string;
  collectorName: string | null;
}

/** Campaigns and their progress per village against the threshold, the collectors and their cash, renewals due. */
export function CampaignsPage() {
  const { t } = useTranslation();
  const can = useCan();
  const { currency, mu } = useCurrency();
  const campaigns = useCampaigns();
  const collectors = useCollectors();
  const renewals = useQuery({
    queryKey: ['/api/v1/renewals'],
    queryFn: () => api<Page<Renewal>>('/api/v1/renewals?withinDays=30&limit=200'),
  });
  const money = (n: number) => `${formatMoney(n, mu)} ${currency}`;
  return (
    <section>
      <h1>{t('campaigns.title')}</h1>
      {can('collection.organise') && <NewCampaign />}
      <ErrorNote error={campaigns.error} />
      <table className="list" aria-label={t('campaigns.title')}>
        <thead>
          <tr>
            <th>{t('campaigns.name')}</th>
            <th>{t('campaigns.group')}</th>
            <th>{t('campaigns.cycle')}</th>
            <th>{t('campaigns.intending')}</th>
            <th>{t('campaigns.paid')}</th>
            <th>{t('campaigns.collected')}</th>
          </tr>
        </thead>
        <tbody>
          {campaigns.data?.items.map((c) => (
            <tr key={c.id}>
              <td>{c.name}</td>
              <td>{c.groupName}</td>
              <td>
                {c.cycleStart}{' '}
                <small>
                  ({c.opensOn} – {c.closesOn})
                </small>
              </td>
              <td>
                <meter min={0} max={10000} low={c.thresholdBp} optimum={10000} value={c.progress.intentionRateBp} />{' '}
                {t('campaigns.rate', {
                  intending: c.progress.intending,
                  households: c.progress.households,
                  rate: percent(c.progress.intentionRateBp),
                  threshold: percent(c.thresholdBp),
                })}{' '}
                <strong>{c.progress.thresholdMet ? t('campaigns.met') : t('campaigns.notMet')}</strong>
              </td>
              <td>{t('campaigns.paidCount', { households: c.progress.paid, persons: c.progress.paidPersons })}</td>
              <td>{money(c.progress.collected)}</td>
            </tr>
          ))}
        </tbody>
      </table>

      <h2>{t('campaigns.collectors')}</h2>
      {can('collection.organise') && <NewCollector />}
      <ErrorNote error={collectors.error} />
      <table className="list" aria-label={t('campaigns.collectors')}>
        <thead>
          <tr>
            <th>{t('campaigns.collector')}</th>
            <th>{t('campaigns.kind')}</th>
            <th>{t('campaigns.commission')}</th>
            <th>{t('campaigns.balance')}</th>
          </tr>
        </thead>
        <tbody>
          {collectors.data?.items.map((c) => (
            <CollectorRow key={c.id} collector={c} />
          ))}
        </tbody>
      </table>

      <h2>{t('campaigns.renewals')}</h2>
      <ErrorNote error={renewals.error} />
      {renewals.data?.items.length === 0 && <p>{t('campaigns.noRenewals')}</p>}
      {renewals.data && renewals.data.items.length > 0 && (
        <table className="list" aria-label={t('campaigns.renewals')}>
          <thead>
            <tr>
              <th>{t('campaigns.head')}</th>
              <th>{t('campaigns.phone')}</th>
              <th>{t('campaigns.coverTo')}</th>
              <th>{t('campaigns.collector')}</th>
            </tr>
          </thead>
          <tbody>
            {renewals.data.items.map((r) => (
              <tr key={r.householdId}>
                <td>
                  {r.headName} <small>{r.memberNumber}</small>
                </td>
                <td>{r.phone}</td>
                <td>{r.coverTo}</td>
                <td>{r.collectorName}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}

function CollectorRow({ collector }: { collector: Collector }) {
  const { t } = useTranslation();
  const can = useCan();
  const client = useQueryClient();
  const { currency, mu } = useCurrency();
  const balance = useQuery({
    queryKey: ['/api/v1/collectors', collector.id, 'balance'],
    queryFn: () =>
      api<{ collected: number; commission: number; remitted: number; balance: number }>(
        `/api/v1/collectors/${collector.id}/balance`,
      ),
  });
  const [amount, setAmount] = useState('');
  const [error, setError] = useState<unknown>(null);
  const remit = async (e: FormEvent) => {
    e.preventDefault();
    setError(null);
    try {
      await api(`/api/v1/collectors/${collector.id}/remittances`, {
        method: 'POST',
        json: { amount: parseMoney(amount, mu), remittedOn: new Date().toISOString().slice(0, 10) },
      });
      setAmount('');
      await client.invalidateQueries({ queryKey: ['/api/v1/collectors', collector.id, 'balance'] });
    } catch (x) {
      setError(x);
    }
  };
  const b = balance.data;
  return (
    <tr>
      <td>
        {collector.name} <small>{collector.code}</small>
      </td>
      <td>{t(`campaigns.kinds.${collector.kind}`)}</td>
      <td>{percent(collector.commissionBp)}</td>
      <td>
        {b &&
          t('campaigns.balanceText', {
            collected: formatMoney(b.collected, mu),
            commission: formatMoney(b.commission, mu),
            remitted: formatMoney(b.remitted, mu),
            balance: formatMoney(b.balance, mu),
            currency,
          })}
        {can('payment.manage') && (
          <form onSubmit={remit} className="assign" aria-label={t('campaigns.remit')}>
            <input
              aria-label={t('campaigns.remitAmount')}
              inputMode="decimal"
              value={amount}
              onChange={(e) => setAmount(e.target.value)}
              required
            />
            <button type="submit">{t('campaigns.remit')}</button>
            {error instanceof ApiError && <em role="alert">{error.fieldError('amount') ?? error.message}</em>}
          </form>
        )}
      </td>
    </tr>
  );
}

function NewCampaign() {
  const { t } = useTranslation();
  const client = useQueryClient();
  const { groups } = useRegistryChoices();
  const products = useQuery({
    queryKey: ['choices', 'products'],
    queryFn: () => api<Page<{ id: string; name: string }>>('/api/v1/products?limit=500'),
  });
  const blank = { name: '', groupId: '', productId: '', cycleStart: '', opensOn: '', closesOn: '', threshold: '50' };
  const [c, setC] = useState(blank);
  const [error, setError] = useState<unknown>(null);
  const err = (f: string) => (error instanceof ApiError ? error.fieldError(f) : undefined);
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setError(null);
    try {
      const { threshold, ...rest } = c;
      await api('/api/v1/campaigns', {
        method: 'POST',
        json: { ...rest, thresholdBp: Math.round(Number(threshold) * 100) },
      });
      setC(blank);
      await client.invalidateQueries({ queryKey: ['/api/v1/campaigns'] });
    } catch (x) {
      setError(x);
    }
  };
  const input = (field: keyof typeof blank, type = 'text') => (
    <Field label={t(`campaigns.fields.${field}`)} error={err(field === 'threshold' ? 'thresholdBp' : field)}>
      <input
        name={field}
        type={type}
        value={c[field]}
        onChange={(e) => setC({ ...c, [field]: e.target.value })}
        required
      />
    </Field>
  );
  return (
    <form onSubmit={submit} className="form" aria-label={t('campaigns.open')}>
      <div className="grid">
        {input('name')}
        <Field label={t('campaigns.fields.groupId')} error={err('groupId')}>
          <select name="groupId" value={c.groupId} onChange={(e) => setC({ ...c, groupId: e.target.value })} required>
            <option value="">—</option>
            {groups.map((g) => (
              <option key={g.id} value={g.id}>
                {g.name}
              </option>
            ))}
          </select>
        </Field>
        <Field label={t('campaigns.fields.productId')} error={err('productId')}>
          <select
            name="productId"
            value={c.productId}
            onChange={(e) => setC({ ...c, productId: e.target.value })}
            required
          >
            <option value="">—</option>
            {products.data?.items.map((p) => (
              <option key={p.id} value={p.id}>
                {p.name}
              </option>
            ))}
          </select>
        </Field>
        {input('cycleStart', 'date')}
        {input('opensOn', 'date')}
        {input('closesOn', 'date')}
        {input('threshold', 'number')}
      </div>
      <ErrorNote error={error} />
      <button type="submit" className="primary">
        {t('campaigns.open')}
      </button>
    </form>
  );
}

function NewCollector() {
  const { t } = useTranslation();
  const client = useQueryClient();
  const blank = { code: '', name: '', kind: 'commune_council', commission: '10', phone: '', username: '' };
  const [c, setC] = useState(blank);
  const [error, setError] = useState<unknown>(null);
  const err = (f: string) => (error instanceof ApiError ? error.fieldError(f) : undefined);
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setError(null);
    try {
      await api('/api/v1/collectors', {
        method: 'POST',
        json: {
          code: c.code,
          name: c.name,
          kind: c.kind,
          commissionBp: Math.round(Number(c.commission) * 100),
          phone: c.phone || null,
          username: c.username || null,
        },
      });
      setC(blank);
      await client.invalidateQueries({ queryKey: ['/api/v1/collectors'] });
    } catch (x) {
      setError(x);
    }
  };
  return (
    <form onSubmit={submit} className="form" aria-label={t('campaigns.addCollector')}>
      <div className="grid">
        <Field label={t('campaigns.fields.code')} error={err('code')}>
          <input name="code" value={c.code} onChange={(e) => setC({ ...c, code: e.target.value })} required />
        </Field>
        <Field label={t('campaigns.fields.collectorName')} error={err('name')}>
          <input name="name" value={c.name} onChange={(e) => setC({ ...c, name: e.target.value })} required />
        </Field>
        <Field label={t('campaigns.kind')} error={err('kind')}>
          <select name="kind" value={c.kind} onChange={(e) => setC({ ...c, kind: e.target.value })}>
            {(['commune_council', 'hef_operator', 'agent'] as const).map((k) => (
              <option key={k} value={k}>
                {t(`campaigns.kinds.${k}`)}
              </option>
            ))}
          </select>
        </Field>
        <Field label={t('campaigns.fields.commission')} error={err('commissionBp')}>
          <input
            name="commission"
            type="number"
            step="0.01"
            value={c.commission}
            onChange={(e) => setC({ ...c, commission: e.target.value })}
            required
          />
        </Field>
        <Field label={t('campaigns.phone')} error={err('phone')}>
          <input name="phone" value={c.phone} onChange={(e) => setC({ ...c, phone: e.target.value })} />
        </Field>
        <Field label={t('campaigns.fields.username')} error={err('username')}>
          <input name="username" value={c.username} onChange={(e) => setC({ ...c, username: e.target.value })} />
        </Field>
      </div>
      <ErrorNote error={error} />
      <button type="submit" className="primary">
        {t('campaigns.addCollector')}
      </button>
    </form>
  );
}
