import { useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { api, ApiError } from '../api';
import { useScheme } from '../registry/draft';
import { useCan } from '../session';
import { ErrorNote, Field, formatMoney, MoreButton, parseMoney, usePagedList } from '../ui';
import { base64Of, useCases, useCategories, type Reason } from './claims';

interface Reimbursement {
  id: string;
  number: string;
  memberNumber: string;
  nameLatin: string;
  providerName: string;
  careOn: string;
  category: string;
  paidByMember: number;
  approved: number;
  status: string;
  reasons: Reason[];
  receiptUrl: string;
  paidOn: string | null;
}

interface CashBenefit {
  id: string;
  number: string;
  memberNumber: string;
  nameLatin: string;
  kind: 'sick_leave' | 'maternity';
  startsOn: string;
  endsOn: string;
  paidDays: number;
  amount: number;
  status: string;
  reasons: Reason[];
  paidOn: string | null;
}

/** What the scheme pays members themselves (seed 001): emergencies outside the network, sick leave, maternity. */
export function BenefitsPage() {
  const { t } = useTranslation();
  return (
    <section>
      <h1>{t('benefits.title')}</h1>
      <Reimbursements />
      <CashBenefits />
    </section>
  );
}

/** Marks a payment to a member as made, with the day and the transfer's reference. */
function PayButton({ path, onDone }: { path: string; onDone: () => Promise<unknown> }) {
  const { t } = useTranslation();
  const [error, setError] = useState<unknown>(null);
  const pay = async () => {
    setError(null);
    try {
      await api(`${path}/paid`, { method: 'POST', json: { paidOn: new Date().toISOString().slice(0, 10) } });
      await onDone();
    } catch (x) {
      setError(x);
    }
  };
  return (
    <>
      <button type="button" onClick={() => void pay()}>
        {t('benefits.paidToday')}
      </button>
      <ErrorNote error={error} />
    </>
  );
}

function Reimbursements() {
  const { t } = useTranslation();
  const can = useCan();
  const client = useQueryClient();
  const minor = useScheme().data?.currencyMinorUnits ?? 2;
  const categories = useCategories();
  const cases = useCases();
  const list = usePagedList<Reimbursement>('/api/v1/reimbursements', { limit: 50 });
  const blank = {
    memberNumber: '',
    providerName: '',
    receiptNumber: '',
    careOn: '',
    category: 'emergency',
    caseCode: '',
    paidByMember: '',
  };
  const [d, setD] = useState(blank);
  const [receipt, setReceipt] = useState<File | null>(null);
  const [error, setError] = useState<unknown>(null);
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setError(null);
    try {
      await api('/api/v1/reimbursements', {
        method: 'POST',
        json: {
          ...d,
          caseCode: d.caseCode || undefined,
          paidByMember: parseMoney(d.paidByMember, minor),
          receipt: { contentType: receipt!.type, data: await base64Of(receipt!) },
        },
      });
      setD(blank);
      await client.invalidateQueries({ queryKey: ['/api/v1/reimbursements'] });
    } catch (x) {
      setError(x);
    }
  };
  const err = (f: string) => (error instanceof ApiError ? error.fieldError(f) : undefined);
  const input = (f: keyof typeof blank, props: Record<string, unknown> = {}) => (
    <Field label={t(`benefits.${f}`)} error={err(f)}>
      <input name={f} value={d[f]} onChange={(e) => setD({ ...d, [f]: e.target.value })} {...props} />
    </Field>
  );
  return (
    <>
      <h2>{t('benefits.reimbursements')}</h2>
      <p className="small">{t('benefits.reimbursementsHelp')}</p>
      {can('benefit.manage') && (
        <form className="form" onSubmit={submit} aria-label={t('benefits.newReimbursement')}>
          <div className="grid">
            {input('memberNumber', { required: true })}
            {input('providerName', { required: true })}
            {input('receiptNumber', { required: true })}
            {input('careOn', { type: 'date', required: true })}
            <Field label={t('claims.care')} error={err('category')}>
              <select name="category" value={d.category} onChange={(e) => setD({ ...d, category: e.target.value })}>
                {categories.data?.items.map((c) => (
                  <option key={c.code} value={c.code}>
                    {c.name}
                  </option>
                ))}
              </select>
            </Field>
            <Field label={t('claims.case')} error={err('caseCode')}>
              <select name="caseCode" value={d.caseCode} onChange={(e) => setD({ ...d, caseCode: e.target.value })}>
                <option value="">—</option>
                {cases.data?.items
                  .filter((c) => c.category === d.category)
                  .map((c) => (
                    <option key={c.code} value={c.code}>
                      {c.code} · {c.name}
                    </option>
                  ))}
              </select>
            </Field>
            {input('paidByMember', { inputMode: 'decimal', required: true })}
            <Field label={t('benefits.receipt')} error={err('receipt.data') ?? err('receipt.contentType')}>
              <input
                name="receipt"
                type="file"
                accept="image/jpeg,image/png,application/pdf"
                onChange={(e) => setReceipt(e.target.files?.[0] ?? null)}
                required
              />
            </Field>
          </div>
          <ErrorNote error={error} />
          <button type="submit" className="primary" disabled={!receipt}>
            {t('benefits.send')}
          </button>
        </form>
      )}
      <ErrorNote error={list.error} />
      <table className="list" aria-label={t('benefits.reimbursements')}>
        <thead>
          <tr>
            <th>{t('claims.number')}</th>
            <th>{t('claims.member')}</th>
            <th>{t('benefits.providerName')}</th>
            <th className="amount">{t('benefits.paidByMember')}</th>
            <th className="amount">{t('claims.approved')}</th>
            <th>{t('claims.status')}</th>
            <th>{t('claims.why')}</th>
            <th>{t('benefits.paidBack')}</th>
          </tr>
        </thead>
        <tbody>
          {list.data?.pages
            .flatMap((p) => p.items)
            .map((r) => (
              <tr key={r.id}>
                <td>
                  <a href={r.receiptUrl} target="_blank" rel="noreferrer">
                    {r.number}
                  </a>
                </td>
                <td>
                  {r.memberNumber} · {r.nameLatin}
                </td>
                <td>
                  {r.providerName} · {r.careOn}
                </td>
                <td className="amount">{formatMoney(r.paidByMember, minor)}</td>
                <td className="amount">{formatMoney(r.approved, minor)}</td>
                <td>
                  <span className={`badge ${r.status}`}>{t(`claimStatus.${r.status}`)}</span>
                </td>
                <td className="small">{r.reasons.map((x) => x.message).join('; ')}</td>
                <td>
                  {r.paidOn ??
                    ((r.status === 'approved' || r.status === 'partly_approved') && can('payment.manage') ? (
                      <PayButton
                        path={`/api/v1/reimbursements/${r.id}`}
                        onDone={() => client.invalidateQueries({ queryKey: ['/api/v1/reimbursements'] })}
                      />
                    ) : null)}
                </td>
              </tr>
            ))}
        </tbody>
      </table>
      <MoreButton list={list} />
    </>
  );
}

function CashBenefits() {
  const { t } = useTranslation();
  const can = useCan();
  const client = useQueryClient();
  const minor = useScheme().data?.currencyMinorUnits ?? 2;
  const list = usePagedList<CashBenefit>('/api/v1/cash-benefits', { limit: 50 });
  const blank = { memberNumber: '', kind: 'sick_leave', certificate: '', startsOn: '', endsOn: '' };
  const [d, setD] = useState(blank);
  const [error, setError] = useState<unknown>(null);
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setError(null);
    try {
      await api('/api/v1/cash-benefits', {
        method: 'POST',
        json: { ...d, endsOn: d.kind === 'sick_leave' ? d.endsOn : undefined },
      });
      setD(blank);
      await client.invalidateQueries({ queryKey: ['/api/v1/cash-benefits'] });
    } catch (x) {
      setError(x);
    }
  };
  const err = (f: string) => (error instanceof ApiError ? error.fieldError(f) : undefined);
  return (
    <>
      <h2>{t('benefits.cash')}</h2>
      <p className="small">{t('benefits.cashHelp')}</p>
      {can('benefit.manage') && (
        <form className="form inline" onSubmit={submit} aria-label={t('benefits.newCash')}>
          <Field label={t('benefits.memberNumber')} error={err('memberNumber')}>
            <input
              name="cash.memberNumber"
              value={d.memberNumber}
              onChange={(e) => setD({ ...d, memberNumber: e.target.value })}
              required
            />
          </Field>
          <Field label={t('benefits.kind')} error={err('kind')}>
            <select name="cash.kind" value={d.kind} onChange={(e) => setD({ ...d, kind: e.target.value })}>
              <option value="sick_leave">{t('benefits.sick_leave')}</option>
              <option value="maternity">{t('benefits.maternity')}</option>
            </select>
          </Field>
          <Field label={t('benefits.certificate')} error={err('certificate')}>
            <input
              name="cash.certificate"
              value={d.certificate}
              onChange={(e) => setD({ ...d, certificate: e.target.value })}
              required
            />
          </Field>
          <Field label={t('benefits.startsOn')} error={err('startsOn')}>
            <input
              name="cash.startsOn"
              type="date"
              value={d.startsOn}
              onChange={(e) => setD({ ...d, startsOn: e.target.value })}
              required
            />
          </Field>
          {d.kind === 'sick_leave' && (
            <Field label={t('benefits.endsOn')} error={err('endsOn')}>
              <input
                name="cash.endsOn"
                type="date"
                value={d.endsOn}
                onChange={(e) => setD({ ...d, endsOn: e.target.value })}
                required
              />
            </Field>
          )}
          <button type="submit" className="primary">
            {t('benefits.compute')}
          </button>
          <ErrorNote error={error} />
        </form>
      )}
      <table className="list" aria-label={t('benefits.cash')}>
        <thead>
          <tr>
            <th>{t('claims.number')}</th>
            <th>{t('claims.member')}</th>
            <th>{t('benefits.kind')}</th>
            <th>{t('benefits.days')}</th>
            <th className="amount">{t('benefits.amount')}</th>
            <th>{t('claims.why')}</th>
            <th>{t('benefits.paidBack')}</th>
          </tr>
        </thead>
        <tbody>
          {list.data?.pages
            .flatMap((p) => p.items)
            .map((b) => (
              <tr key={b.id}>
                <td>{b.number}</td>
                <td>
                  {b.memberNumber} · {b.nameLatin}
                </td>
                <td>{t(`benefits.${b.kind}`)}</td>
                <td>
                  {b.startsOn} – {b.endsOn} ({b.paidDays})
                </td>
                <td className="amount">{formatMoney(b.amount, minor)}</td>
                <td className="small">{b.reasons.map((x) => x.message).join('; ')}</td>
                <td>
                  {b.paidOn ??
                    (b.status === 'approved' && can('payment.manage') ? (
                      <PayButton
                        path={`/api/v1/cash-benefits/${b.id}`}
                        onDone={() => client.invalidateQueries({ queryKey: ['/api/v1/cash-benefits'] })}
                      />
                    ) : null)}
                </td>
              </tr>
            ))}
        </tbody>
      </table>
      <MoreButton list={list} />
    </>
  );
}
