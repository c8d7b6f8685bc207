import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { api, ApiError, type Page } from '../api';
import { useCan } from '../session';
import { ErrorNote, Field } from '../ui';

export interface Payer {
  id: string;
  code: string;
  name: string;
  kind: string;
}

const KINDS = ['government', 'donor', 'local_authority', 'social_fund', 'other'] as const;

export function usePayers() {
  const payers = useQuery({ queryKey: ['payers'], queryFn: () => api<Page<Payer>>('/api/v1/payers?limit=500') });
  return payers.data?.items ?? [];
}

/** Those who pay part of members' contributions, and a form to add one. */
export function PayersSection() {
  const { t } = useTranslation();
  const can = useCan();
  const client = useQueryClient();
  const payers = usePayers();
  const [d, setD] = useState({ code: '', name: '', kind: 'government' });
  const [error, setError] = useState<unknown>(null);
  const err = (f: string) => (error instanceof ApiError ? error.fieldError(f) : undefined);
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setError(null);
    try {
      await api('/api/v1/payers', { method: 'POST', json: d });
      setD({ code: '', name: '', kind: 'government' });
      await client.invalidateQueries({ queryKey: ['payers'] });
    } catch (x) {
      setError(x);
    }
  };
  return (
    <section>
      <h2>{t('payers.title')}</h2>
      <table className="list">
        <thead>
          <tr>
            <th>{t('payers.code')}</th>
            <th>{t('payers.name')}</th>
            <th>{t('payers.kind')}</th>
          </tr>
        </thead>
        <tbody>
          {payers.map((p) => (
            <tr key={p.id}>
              <td>{p.code}</td>
              <td>{p.name}</td>
              <td>{t(`payerKind.${p.kind}`)}</td>
            </tr>
          ))}
        </tbody>
      </table>
      {can('product.manage') && (
        <form onSubmit={submit} className="form inline" aria-label={t('payers.add')}>
          <Field label={t('payers.code')} error={err('code')}>
            <input value={d.code} onChange={(e) => setD({ ...d, code: e.target.value })} required />
          </Field>
          <Field label={t('payers.name')} error={err('name')}>
            <input value={d.name} onChange={(e) => setD({ ...d, name: e.target.value })} required />
          </Field>
          <Field label={t('payers.kind')}>
            <select value={d.kind} onChange={(e) => setD({ ...d, kind: e.target.value })}>
              {KINDS.map((k) => (
                <option key={k} value={k}>
                  {t(`payerKind.${k}`)}
                </option>
              ))}
            </select>
          </Field>
          <button type="submit">{t('payers.add')}</button>
          <ErrorNote error={error} />
        </form>
      )}
    </section>
  );
}
