import { useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { api, ApiError } from '../api';
import { useCan } from '../session';
import { ErrorNote, Field, MoreButton, orNull, usePagedList } from '../ui';
import { useRegistryChoices } from './member-fields';

const TYPES = [
  'national_hospital',
  'referral_hospital',
  'health_centre',
  'private_clinic',
  'private_hospital',
] as const;

interface Facility {
  id: string;
  code: string;
  name: string;
  nameLocal: string | null;
  type: string;
  ownership: string;
  phoneNumbers: string[];
  contractStart: string | null;
}

const blank = {
  code: '',
  name: '',
  nameLocal: '',
  type: 'health_centre',
  ownership: 'public',
  areaId: '',
  phoneNumbers: '',
  contractStart: '',
};

export function FacilitiesPage() {
  const { t } = useTranslation();
  const can = useCan();
  const client = useQueryClient();
  const { areas } = useRegistryChoices();
  const list = usePagedList<Facility>('/api/v1/facilities', { limit: 50 });
  const [adding, setAdding] = useState(false);
  const [d, setD] = useState(blank);
  const [error, setError] = useState<unknown>(null);
  const err = (f: string) =>
    error instanceof ApiError ? (error.fieldError(f) ?? error.fieldError(`${f}.0`)) : undefined;

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setError(null);
    try {
      await api('/api/v1/facilities', {
        method: 'POST',
        json: {
          ...d,
          nameLocal: orNull(d.nameLocal),
          areaId: orNull(d.areaId),
          contractStart: orNull(d.contractStart),
          phoneNumbers: d.phoneNumbers
            .split(',')
            .map((p) => p.trim())
            .filter(Boolean),
        },
      });
      setAdding(false);
      setD(blank);
      await client.invalidateQueries({ queryKey: ['/api/v1/facilities'] });
    } catch (x) {
      setError(x);
    }
  };
  const input = (f: keyof typeof blank, props: Record<string, unknown> = {}) => (
    <Field label={t(`facility.${f}`)} error={err(f)}>
      <input name={f} value={d[f]} onChange={(e) => setD({ ...d, [f]: e.target.value })} {...props} />
    </Field>
  );
  return (
    <section>
      <div className="title-row">
        <h1>{t('facilities.title')}</h1>
        {can('facility.manage') && (
          <button type="button" className="primary" onClick={() => setAdding(!adding)}>
            {t('facilities.add')}
          </button>
        )}
      </div>
      {adding && (
        <form onSubmit={submit} className="form">
          <div className="grid">
            {input('code', { required: true })}
            {input('name', { required: true })}
            {input('nameLocal', { lang: 'km' })}
            <Field label={t('facility.type')} error={err('type')}>
              <select name="type" value={d.type} onChange={(e) => setD({ ...d, type: e.target.value })}>
                {TYPES.map((x) => (
                  <option key={x} value={x}>
                    {t(`facilityType.${x}`)}
                  </option>
                ))}
              </select>
            </Field>
            <Field label={t('facility.ownership')} error={err('ownership')}>
              <select name="ownership" value={d.ownership} onChange={(e) => setD({ ...d, ownership: e.target.value })}>
                <option value="public">{t('facility.public')}</option>
                <option value="private">{t('facility.private')}</option>
              </select>
            </Field>
            <Field label={t('facility.areaId')} error={err('areaId')}>
              <select name="areaId" value={d.areaId} onChange={(e) => setD({ ...d, areaId: e.target.value })}>
                <option value="">—</option>
                {areas.map((a) => (
                  <option key={a.id} value={a.id}>
                    {a.name}
                  </option>
                ))}
              </select>
            </Field>
            {input('phoneNumbers', { type: 'tel' })}
            {input('contractStart', { type: 'date' })}
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
            <th>{t('facility.code')}</th>
            <th>{t('facility.name')}</th>
            <th>{t('facility.type')}</th>
            <th>{t('facility.contractStart')}</th>
            <th>{t('facility.phoneNumbers')}</th>
          </tr>
        </thead>
        <tbody>
          {list.data?.pages
            .flatMap((p) => p.items)
            .map((f) => (
              <tr key={f.id}>
                <td>{f.code}</td>
                <td>
                  {f.name} <span lang="km">{f.nameLocal}</span>
                </td>
                <td>{t(`facilityType.${f.type}`)}</td>
                <td>{f.contractStart}</td>
                <td>{f.phoneNumbers.join(', ')}</td>
              </tr>
            ))}
        </tbody>
      </table>
      <MoreButton list={list} />
    </section>
  );
}
