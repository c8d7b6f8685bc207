import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';
import type { Member } from '../api';
import { useCan } from '../session';
import { ErrorNote, MoreButton, usePagedList } from '../ui';

const MODES = ['name', 'number', 'fid', 'nid', 'phone'] as const;

export function MembersPage() {
  const { t } = useTranslation();
  const can = useCan();
  const [params, setParams] = useSearchParams();
  const mode = (params.get('by') as (typeof MODES)[number]) ?? 'name';
  const text = params.get('q') ?? '';
  const [draft, setDraft] = useState(text);
  const [draftMode, setDraftMode] = useState(mode);
  const list = usePagedList<Member>('/api/v1/members', text ? { [mode]: text, limit: 50 } : { limit: 50 });
  const members = list.data?.pages.flatMap((p) => p.items) ?? [];

  const search = (e: FormEvent) => {
    e.preventDefault();
    setParams(draft.trim() ? { by: draftMode, q: draft.trim() } : {});
  };

  return (
    <section>
      <div className="title-row">
        <h1>{t('members.title')}</h1>
        {can('member.manage') && (
          <Link to="/members/new" className="button primary">
            {t('members.register')}
          </Link>
        )}
      </div>
      <form onSubmit={search} className="search" role="search">
        <select
          value={draftMode}
          onChange={(e) => setDraftMode(e.target.value as typeof mode)}
          aria-label={t('members.searchBy')}
        >
          {MODES.map((m) => (
            <option key={m} value={m}>
              {t(`members.by.${m}`)}
            </option>
          ))}
        </select>
        <input
          type="search"
          value={draft}
          onChange={(e) => setDraft(e.target.value)}
          placeholder={t(`members.placeholder.${draftMode}`)}
          aria-label={t('members.search')}
        />
        <button type="submit">{t('members.search')}</button>
      </form>
      <ErrorNote error={list.error} />
      {list.isSuccess && members.length === 0 && <p className="empty">{t('members.none')}</p>}
      {members.length > 0 && (
        <table className="list">
          <thead>
            <tr>
              <th>{t('member.number')}</th>
              <th>{t('member.nameLatin')}</th>
              <th>{t('member.nameLocal')}</th>
              <th>{t('member.sex')}</th>
              <th>{t('member.birthDate')}</th>
              <th>{t('member.factoryCardNumber')}</th>
              <th>{t('member.status')}</th>
            </tr>
          </thead>
          <tbody>
            {members.map((m) => (
              <tr key={m.id}>
                <td>
                  <Link to={`/members/${m.id}`}>{m.memberNumber}</Link>
                </td>
                <td>{m.nameLatin}</td>
                <td lang="km">{m.nameLocal}</td>
                <td>{t(`sex.${m.sex}`)}</td>
                <td>{m.birthDate}</td>
                <td>{m.factoryCardNumber}</td>
                <td>{t(`status.${m.status}`)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <MoreButton list={list} />
    </section>
  );
}
