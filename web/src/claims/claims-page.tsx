import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { useScheme } from '../registry/draft';
import { useCan } from '../session';
import { ErrorNote, formatMoney, MoreButton, usePagedList, Tabs } from '../ui';
import type { Claim } from './claims';

type Tab = 'review' | 'all' | 'audit' | 'answers';

interface FollowUp {
  claimId: string;
  claimNumber: string;
  facilityName: string;
  admittedOn: string;
  memberNumber: string;
  nameLatin: string;
  phone: string;
  state: string;
  answer: { careGiven: boolean; askedToPay: boolean; medicines: boolean; rating: number } | null;
  concern: boolean;
}

/** Claims as a claims officer works them: the review queue riskiest first, everything decided, the audit sample, members' answers. */
export function ClaimsPage() {
  const { t } = useTranslation();
  const can = useCan();
  const [tab, setTab] = useState<Tab>('review');
  const [status, setStatus] = useState('');
  const minor = useScheme().data?.currencyMinorUnits ?? 2;
  const params =
    tab === 'review' ? { status: 'review' } : tab === 'audit' ? { audit: 'drawn' } : { status: status || undefined };
  const list = usePagedList<Claim>('/api/v1/claims', { ...params, limit: 50 }, tab !== 'answers');
  const answers = usePagedList<FollowUp>(
    '/api/v1/claim-follow-ups',
    { state: 'answered', limit: 50 },
    tab === 'answers',
  );
  const claims = list.data?.pages.flatMap((p) => p.items) ?? [];
  return (
    <section>
      <div className="title-row">
        <h1>{t('claims.title')}</h1>
        {can('claim.submit') && (
          <Link to="/claims/new" className="button primary">
            {t('claims.submit')}
          </Link>
        )}
      </div>
      <Tabs
        tabs={['review', 'all', 'audit', 'answers'] as const}
        current={tab}
        onChange={setTab}
        label={(x) => t(`claims.tab.${x}`)}
      />
      {tab === 'all' && (
        <label className="filter">
          {t('claims.status')}{' '}
          <select value={status} onChange={(e) => setStatus(e.target.value)} aria-label={t('claims.status')}>
            <option value="">{t('claims.anyStatus')}</option>
            {['approved', 'partly_approved', 'rejected', 'review'].map((s) => (
              <option key={s} value={s}>
                {t(`claimStatus.${s}`)}
              </option>
            ))}
          </select>
        </label>
      )}
      {tab !== 'answers' && (
        <>
          <ErrorNote error={list.error} />
          {list.isSuccess && !claims.length && <p className="empty">{t('claims.none')}</p>}
          {claims.length > 0 && (
            <table className="list" aria-label={t(`claims.tab.${tab}`)}>
              <thead>
                <tr>
                  <th>{t('claims.number')}</th>
                  <th>{t('claims.facility')}</th>
                  <th>{t('claims.member')}</th>
                  <th>{t('claims.care')}</th>
                  <th>{t('claims.admittedOn')}</th>
                  <th className="amount">{t('claims.claimed')}</th>
                  <th className="amount">{t('claims.approved')}</th>
                  <th>{t('claims.status')}</th>
                  {tab === 'review' && <th>{t('claims.risk')}</th>}
                  <th>{t('claims.why')}</th>
                </tr>
              </thead>
              <tbody>
                {claims.map((c) => (
                  <tr key={c.id}>
                    <td>
                      <Link to={`/claims/${c.id}`}>{c.number}</Link>
                    </td>
                    <td>{c.facilityName}</td>
                    <td>
                      {c.memberNumber} · {c.nameLatin}
                    </td>
                    <td>{[c.category, c.caseCode].filter(Boolean).join(' · ')}</td>
                    <td>{c.admittedOn}</td>
                    <td className="amount">{formatMoney(c.claimed, minor)}</td>
                    <td className="amount">{formatMoney(c.status === 'review' ? c.proposed : c.approved, minor)}</td>
                    <td>
                      <span className={`badge ${c.status}`}>{t(`claimStatus.${c.status}`)}</span>
                    </td>
                    {tab === 'review' && <td>{c.riskScore}</td>}
                    <td className="small">{c.reasons.map((r) => r.message).join('; ')}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
          <MoreButton list={list} />
        </>
      )}
      {tab === 'answers' && (
        <>
          <p className="small">{t('claims.answersHelp')}</p>
          <ErrorNote error={answers.error} />
          <table className="list" aria-label={t('claims.tab.answers')}>
            <thead>
              <tr>
                <th>{t('claims.number')}</th>
                <th>{t('claims.facility')}</th>
                <th>{t('claims.member')}</th>
                <th>{t('claims.careGiven')}</th>
                <th>{t('claims.askedToPay')}</th>
                <th>{t('claims.medicines')}</th>
                <th>{t('claims.rating')}</th>
              </tr>
            </thead>
            <tbody>
              {answers.data?.pages
                .flatMap((p) => p.items)
                .map((f) => (
                  <tr key={f.claimId} className={f.concern ? 'concern' : undefined}>
                    <td>
                      <Link to={`/claims/${f.claimId}`}>{f.claimNumber}</Link>
                    </td>
                    <td>
                      {f.facilityName} · {f.admittedOn}
                    </td>
                    <td>
                      {f.memberNumber} · {f.nameLatin} · {f.phone}
                    </td>
                    <td>{f.answer && t(f.answer.careGiven ? 'common.yes' : 'common.no')}</td>
                    <td>{f.answer && t(f.answer.askedToPay ? 'common.yes' : 'common.no')}</td>
                    <td>{f.answer && t(f.answer.medicines ? 'common.yes' : 'common.no')}</td>
                    <td>{f.answer?.rating}</td>
                  </tr>
                ))}
            </tbody>
          </table>
          <MoreButton list={answers} />
        </>
      )}
    </section>
  );
}
