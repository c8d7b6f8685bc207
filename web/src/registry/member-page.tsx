import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { api, type Member } from '../api';
import { useCan } from '../session';
import { ErrorNote, formatMoney } from '../ui';
import { draftOf, fieldsOf, useScheme } from './draft';
import { MemberFieldset, type MemberDraft } from './member-fields';
import { MemberCards } from './member-cards';

interface HistoryEntry {
  at: string;
  username: string | null;
  action: string;
  before: Record<string, unknown> | null;
  after: Record<string, unknown> | null;
}

const STATUSES = ['active', 'suspended', 'left', 'deceased'] as const;

/** What changed between two versions of a member, field by field. */
const changes = (e: HistoryEntry) =>
  e.before && e.after
    ? Object.keys(e.after).filter(
        (k) => !['version', 'updatedAt'].includes(k) && JSON.stringify(e.before![k]) !== JSON.stringify(e.after![k]),
      )
    : [];

export function MemberPage() {
  const { id } = useParams();
  const { t } = useTranslation();
  const can = useCan();
  const client = useQueryClient();
  const scheme = useScheme();
  const minor = scheme.data?.currencyMinorUnits ?? 2;
  const member = useQuery({ queryKey: ['member', id], queryFn: () => api<Member>(`/api/v1/members/${id}`) });
  const household = useQuery({
    queryKey: ['household', member.data?.householdId],
    enabled: !!member.data,
    queryFn: () => api<{ members: Member[] }>(`/api/v1/households/${member.data!.householdId}`),
  });
  const history = useQuery({
    queryKey: ['member-history', id],
    queryFn: () => api<{ items: HistoryEntry[] }>(`/api/v1/members/${id}/history`),
  });
  const [draft, setDraft] = useState<MemberDraft | null>(null);
  const [status, setStatus] = useState<string>('');
  const [error, setError] = useState<unknown>(null);
  const [photoVersion, setPhotoVersion] = useState(0);

  const refresh = () =>
    Promise.all([member.refetch(), history.refetch(), client.invalidateQueries({ queryKey: ['/api/v1/members'] })]);

  const save = async (e: FormEvent) => {
    e.preventDefault();
    setError(null);
    try {
      await api(`/api/v1/members/${id}`, {
        method: 'PATCH',
        json: { ...fieldsOf(draft!, minor), status, version: member.data!.version },
      });
      setDraft(null);
      await refresh();
    } catch (err) {
      setError(err);
    }
  };

  const upload = async (file: File | undefined) => {
    if (!file) return;
    setError(null);
    try {
      await api(`/api/v1/members/${id}/photo`, { method: 'PUT', body: file, headers: { 'content-type': file.type } });
      setPhotoVersion((v) => v + 1);
      await refresh();
    } catch (err) {
      setError(err);
    }
  };

  if (member.error) return <ErrorNote error={member.error} />;
  const m = member.data;
  if (!m) return <p className="loading">{t('common.loading')}</p>;
  return (
    <section>
      <div className="title-row">
        <h1>
          {m.nameLatin} <span lang="km">{m.nameLocal}</span>
        </h1>
        <span className={`badge ${m.status}`}>{t(`status.${m.status}`)}</span>
      </div>
      <div className="member">
        <figure className="photo">
          {m.hasPhoto ? (
            <img src={`/api/v1/members/${m.id}/photo?v=${m.version}-${photoVersion}`} alt={t('member.photo')} />
          ) : (
            <div className="no-photo">{t('member.noPhoto')}</div>
          )}
          {can('member.manage') && (
            <label className="button">
              {t('member.uploadPhoto')}
              <input
                type="file"
                accept="image/jpeg,image/png"
                capture="user"
                hidden
                onChange={(e) => void upload(e.target.files?.[0])}
              />
            </label>
          )}
        </figure>
        {!draft ? (
          <dl className="facts">
            <dt>{t('member.number')}</dt>
            <dd className="number">{m.memberNumber}</dd>
            <dt>{t('member.sex')}</dt>
            <dd>{t(`sex.${m.sex}`)}</dd>
            <dt>{t('member.birthDate')}</dt>
            <dd>{m.birthDate}</dd>
            <dt>{t('member.relation')}</dt>
            <dd>{t(`relation.${m.relation}`)}</dd>
            <dt>{t('member.nationalId')}</dt>
            <dd>{m.nationalId}</dd>
            <dt>{t('member.phone')}</dt>
            <dd>{m.phone}</dd>
            <dt>{t('member.employerId')}</dt>
            <dd>{m.employerId && <Link to={`/employers/${m.employerId}`}>{t('member.seeEmployer')}</Link>}</dd>
            <dt>{t('member.factoryCardNumber')}</dt>
            <dd>{m.factoryCardNumber}</dd>
            <dt>{t('member.wage')}</dt>
            <dd>
              {formatMoney(m.wage, minor)} {m.wage !== null && scheme.data?.currency}
            </dd>
          </dl>
        ) : (
          <form onSubmit={save} className="form">
            <MemberFieldset draft={draft} set={(c) => setDraft({ ...draft, ...c })} error={error} />
            <label className="field">
              <span>{t('member.status')}</span>
              <select name="status" value={status} onChange={(e) => setStatus(e.target.value)}>
                {STATUSES.map((s) => (
                  <option key={s} value={s}>
                    {t(`status.${s}`)}
                  </option>
                ))}
              </select>
            </label>
            <div className="actions">
              <button type="submit" className="primary">
                {t('common.save')}
              </button>
              <button type="button" onClick={() => setDraft(null)}>
                {t('common.cancel')}
              </button>
            </div>
          </form>
        )}
      </div>
      <ErrorNote error={error} />
      {can('member.manage') && !draft && (
        <div className="actions">
          <button
            type="button"
            onClick={() => {
              setDraft(draftOf(m, minor));
              setStatus(m.status);
            }}
          >
            {t('common.edit')}
          </button>
          <Link className="button" to={`/members/new?household=${m.householdId}`}>
            {t('member.addDependant')}
          </Link>
        </div>
      )}
      <p>
        <Link to={`/members/${m.id}/coverage`}>{t('member.coverage')}</Link>
        {can('ticket.open') && (
          <>
            {' · '}
            <Link to={`/tickets/new?member=${m.id}`}>{t('member.complaint')}</Link>
          </>
        )}
      </p>
      <MemberCards memberId={m.id} active={m.status === 'active'} />
      <h2>{t('member.household')}</h2>
      <ul className="household">
        {household.data?.members.map((h) => (
          <li key={h.id}>
            <Link to={`/members/${h.id}`}>{h.memberNumber}</Link> {h.nameLatin} · {t(`relation.${h.relation}`)} ·{' '}
            {h.birthDate}
          </li>
        ))}
      </ul>
      <h2>{t('member.history')}</h2>
      <ol className="history">
        {history.data?.items.map((e, i) => (
          <li key={i}>
            <time>{e.at.slice(0, 16).replace('T', ' ')}</time> {e.username} ·{' '}
            {t(`action.${e.action}`, { defaultValue: e.action })}
            {changes(e).length > 0 && (
              <span className="changed">
                {' '}
                ·{' '}
                {changes(e)
                  .map((k) => t(`member.${k}`, { defaultValue: k }))
                  .join(', ')}
              </span>
            )}
          </li>
        ))}
      </ol>
    </section>
  );
}
