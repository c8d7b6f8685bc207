import { useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { api, ApiError, type Group } from '../api';
import { useCan } from '../session';
import { ErrorNote, Field, MoreButton, orNull, usePagedList } from '../ui';
import { useRegistryChoices } from './member-fields';

const KINDS = ['village', 'commune', 'cooperative', 'savings_bank', 'other'] as const;

export function GroupsPage() {
  const { t } = useTranslation();
  const can = useCan();
  const client = useQueryClient();
  const { areas } = useRegistryChoices();
  const list = usePagedList<Group>('/api/v1/groups', { limit: 50 });
  const [adding, setAdding] = useState(false);
  const [d, setD] = useState({ code: '', name: '', kind: 'village', areaId: '', population: '' });
  const [error, setError] = useState<unknown>(null);
  const err = (f: string) => (error instanceof ApiError ? error.fieldError(f) : undefined);

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setError(null);
    try {
      await api('/api/v1/groups', {
        method: 'POST',
        json: { ...d, areaId: orNull(d.areaId), population: d.population === '' ? null : Number(d.population) },
      });
      setAdding(false);
      setD({ code: '', name: '', kind: 'village', areaId: '', population: '' });
      await client.invalidateQueries({ queryKey: ['/api/v1/groups'] });
      await client.invalidateQueries({ queryKey: ['choices'] });
    } catch (x) {
      setError(x);
    }
  };
  return (
    <section>
      <div className="title-row">
        <h1>{t('groups.title')}</h1>
        {can('group.manage') && (
          <button type="button" className="primary" onClick={() => setAdding(!adding)}>
            {t('groups.add')}
          </button>
        )}
      </div>
      {adding && (
        <form onSubmit={submit} className="form">
          <div className="grid">
            <Field label={t('group.code')} error={err('code')}>
              <input value={d.code} onChange={(e) => setD({ ...d, code: e.target.value })} required />
            </Field>
            <Field label={t('group.name')} error={err('name')}>
              <input value={d.name} onChange={(e) => setD({ ...d, name: e.target.value })} required />
            </Field>
            <Field label={t('group.kind')} error={err('kind')}>
              <select value={d.kind} onChange={(e) => setD({ ...d, kind: e.target.value })}>
                {KINDS.map((k) => (
                  <option key={k} value={k}>
                    {t(`kind.${k}`)}
                  </option>
                ))}
              </select>
            </Field>
            <Field label={t('group.areaId')} error={err('areaId')}>
              <select value={d.areaId} onChange={(e) => setD({ ...d, areaId: e.target.value })}>
                <option value="">—</option>
                {areas.map((a) => (
                  <option key={a.id} value={a.id}>
                    {a.name}
                  </option>
                ))}
              </select>
            </Field>
            <Field label={t('group.population')} error={err('population')}>
              <input
                inputMode="numeric"
                value={d.population}
                onChange={(e) => setD({ ...d, population: e.target.value })}
              />
            </Field>
          </div>
          <ErrorNote error={error} />
          <button type="submit" className="primary">
            {t('common.save')}
          </button>
        </form>
      )}
      <ErrorNote error={list.error} />
      <table className="list">
        <thead>
          <tr>
            <th>{t('group.code')}</th>
            <th>{t('group.name')}</th>
            <th>{t('group.kind')}</th>
            <th>{t('group.population')}</th>
          </tr>
        </thead>
        <tbody>
          {list.data?.pages
            .flatMap((p) => p.items)
            .map((g) => (
              <tr key={g.id}>
                <td>{g.code}</td>
                <td>{g.name}</td>
                <td>{t(`kind.${g.kind}`)}</td>
                <td>{g.population}</td>
              </tr>
            ))}
        </tbody>
      </table>
      <MoreButton list={list} />
    </section>
  );
}
