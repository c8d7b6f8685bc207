import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { api, ApiError } from '../api';
import { useScheme } from '../registry/draft';
import { useCan } from '../session';
import { ErrorNote, Field, formatMoney, parseMoney } from '../ui';
import type { Claim } from './claims';

/** One claim: what was claimed, what the rules decided and why, and a claims officer's decision. */
export function ClaimPage() {
  const { t } = useTranslation();
  const { id } = useParams();
  const minor = useScheme().data?.currencyMinorUnits ?? 2;
  const claim = useQuery({ queryKey: ['/api/v1/claims', id], queryFn: () => api<Claim>(`/api/v1/claims/${id}`) });
  const c = claim.data;
  if (!c) return <ErrorNote error={claim.error} />;
  const money = (n: number) => formatMoney(n, minor);
  return (
    <section>
      <p>
        <Link to="/claims">← {t('claims.title')}</Link>
      </p>
      <div className="title-row">
        <h1>{t('claims.claim', { number: c.number })}</h1>
        <span className={`badge ${c.status}`}>{t(`claimStatus.${c.status}`)}</span>
      </div>
      <dl className="facts">
        <dt>{t('claims.facility')}</dt>
        <dd>
          {c.facilityName} · {c.externalId}
        </dd>
        <dt>{t('claims.member')}</dt>
        <dd>
          <Link to={`/members/${c.memberId}`}>
            {c.memberNumber} · {c.nameLatin}
          </Link>
        </dd>
        <dt>{t('claims.care')}</dt>
        <dd>{[c.category, c.caseCode, c.diagnosis].filter(Boolean).join(' · ')}</dd>
        <dt>{t('claims.admittedOn')}</dt>
        <dd>{[c.admittedOn, c.dischargedOn].filter(Boolean).join(' – ')}</dd>
        <dt>{t('claims.claimed')}</dt>
        <dd>{money(c.claimed)}</dd>
        <dt>{t('claims.proposed')}</dt>
        <dd>
          {money(c.proposed)} {c.mechanism && `(${t(`mechanism.${c.mechanism}`)})`}
        </dd>
        <dt>{t('claims.approved')}</dt>
        <dd>{money(c.approved)}</dd>
        <dt>{t('claims.memberPays')}</dt>
        <dd>{money(c.memberPays)}</dd>
        {c.status === 'review' && (
          <>
            <dt>{t('claims.risk')}</dt>
            <dd>{c.riskScore}</dd>
          </>
        )}
        <dt>{t('claims.decided')}</dt>
        <dd>{c.decidedBy ? `${c.decidedBy} · ${c.decidedAt?.slice(0, 16).replace('T', ' ')}` : '—'}</dd>
        <dt>{t('claims.paymentRun')}</dt>
        <dd>{c.paymentRunId ? <Link to={`/payment-runs/${c.paymentRunId}`}>{t('claims.inRun')}</Link> : '—'}</dd>
      </dl>
      <h2>{t('claims.why')}</h2>
      <ul className="reasons">
        {c.reasons.map((r, i) => (
          <li key={i}>
            <code>{r.code}</code> {r.message}
          </li>
        ))}
      </ul>
      {c.lines.length > 0 && (
        <table className="list" aria-label={t('claims.lines')}>
          <thead>
            <tr>
              <th>{t('claims.code')}</th>
              <th className="amount">{t('claims.quantity')}</th>
              <th className="amount">{t('claims.unitPrice')}</th>
              <th className="amount">{t('claims.claimed')}</th>
              <th className="amount">{t('claims.approved')}</th>
              <th>{t('claims.why')}</th>
            </tr>
          </thead>
          <tbody>
            {c.lines.map((l, i) => (
              <tr key={i}>
                <td>{l.code}</td>
                <td className="amount">{l.quantity}</td>
                <td className="amount">{money(l.unitPrice)}</td>
                <td className="amount">{money(l.claimed)}</td>
                <td className="amount">{money(l.approved)}</td>
                <td className="small">{l.reasons.map((r) => r.message).join('; ')}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {c.reviews.length > 0 && (
        <>
          <h2>{t('claims.reviews')}</h2>
          <ul className="history">
            {c.reviews.map((r, i) => (
              <li key={i}>
                <time>{r.reviewedAt.slice(0, 16).replace('T', ' ')}</time> {r.reviewedBy}:{' '}
                {t(`claims.action.${r.action}`)} {money(r.amount)} — {r.reason}
              </li>
            ))}
          </ul>
        </>
      )}
      {c.status === 'review' && <Decide claim={c} kind="review" minor={minor} />}
      {c.audit === 'drawn' && <Decide claim={c} kind="audit" minor={minor} />}
    </section>
  );
}

function Decide({ claim, kind, minor }: { claim: Claim; kind: 'review' | 'audit'; minor: number }) {
  const { t } = useTranslation();
  const can = useCan();
  const client = useQueryClient();
  const [action, setAction] = useState<'approve' | 'adjust' | 'reject'>('approve');
  const [amount, setAmount] = useState('');
  const [reason, setReason] = useState('');
  const [error, setError] = useState<unknown>(null);
  if (!can('claim.review')) return null;
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setError(null);
    try {
      await api(`/api/v1/claims/${claim.id}/${kind}`, {
        method: 'POST',
        json: { action, reason, amount: action === 'adjust' ? (parseMoney(amount, minor) ?? undefined) : undefined },
      });
      await client.invalidateQueries({ queryKey: ['/api/v1/claims'] });
    } catch (x) {
      setError(x);
    }
  };
  const err = (f: string) => (error instanceof ApiError ? error.fieldError(f) : undefined);
  return (
    <form className="form narrow" onSubmit={submit} aria-label={t(`claims.decide.${kind}`)}>
      <h2>{t(`claims.decide.${kind}`)}</h2>
      <Field label={t('claims.decision')} error={err('action')}>
        <select name="action" value={action} onChange={(e) => setAction(e.target.value as typeof action)}>
          {(['approve', 'adjust', 'reject'] as const).map((a) => (
            <option key={a} value={a}>
              {t(`claims.action.${a}`)}
            </option>
          ))}
        </select>
      </Field>
      {action === 'adjust' && (
        <Field label={t('claims.approvedAmount')} error={err('amount')}>
          <input name="amount" inputMode="decimal" value={amount} onChange={(e) => setAmount(e.target.value)} />
        </Field>
      )}
      <Field label={t('claims.reason')} error={err('reason')}>
        <input name="reason" value={reason} onChange={(e) => setReason(e.target.value)} required />
      </Field>
      <ErrorNote error={error} />
      <button type="submit" className="primary">
        {t('claims.record')}
      </button>
    </form>
  );
}
