import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { api, ApiError, type Employer, type Member, type Page } from '../api';
import { useCan } from '../session';
import { ErrorNote, Field, MoreButton, orNull, usePagedList } from '../ui';
import { useRegistryChoices } from './member-fields';
import { EmployerCards } from './member-cards';

type Draft = Record<
  | 'code'
  | 'name'
  | 'registrationNumber'
  | 'sector'
  | 'address'
  | 'areaId'
  | 'latitude'
  | 'longitude'
  | 'contactName'
  | 'contactPhone'
  | 'enrolmentMode'
  | 'productId',
  string
>;

const blank: Draft = {
  code: '',
  name: '',
  registrationNumber: '',
  sector: '',
  address: '',
  areaId: '',
  latitude: '',
  longitude: '',
  contactName: '',
  contactPhone: '',
  enrolmentMode: 'voluntary',
  productId: '',
};

const draftOf = (e: Employer): Draft => ({
  code: e.code,
  name: e.name,
  registrationNumber: e.registrationNumber ?? '',
  sector: e.sector ?? '',
  address: e.address ?? '',
  areaId: e.areaId ?? '',
  latitude: e.latitude?.toString() ?? '',
  longitude: e.longitude?.toString() ?? '',
  contactName: e.contactName ?? '',
  contactPhone: e.contactPhone ?? '',
  enrolmentMode: e.enrolmentMode,
  productId: e.productId ?? '',
});

const number = (s: string) => (s.trim() === '' ? null : Number(s));

const bodyOf = (d: Draft) => ({
  name: d.name.trim(),
  registrationNumber: orNull(d.registrationNumber),
  sector: orNull(d.sector),
  address: orNull(d.address),
  areaId: orNull(d.areaId),
  latitude: number(d.latitude),
  longitude: number(d.longitude),
  contactName: orNull(d.contactName),
  contactPhone: orNull(d.contactPhone),
  enrolmentMode: d.enrolmentMode,
  productId: orNull(d.productId),
});

/** The scheme's products, to enrol an employer's workers in one; none for those who may not read them. */
function useProducts() {
  const can = useCan();
  const products = useQuery({
    queryKey: ['product-choices'],
    queryFn: () => api<Page<{ id: string; name: string }>>('/api/v1/products?limit=500'),
    enabled: can('product.read'),
  });
  return products.data?.items ?? [];
}

function EmployerForm({
  initial,
  onSave,
  isNew,
}: {
  initial: Draft;
  onSave: (d: Draft) => Promise<void>;
  isNew: boolean;
}) {
  const { t } = useTranslation();
  const { areas } = useRegistryChoices();
  const products = useProducts();
  const [d, setD] = useState(initial);
  const [error, setError] = useState<unknown>(null);
  const err = (f: string) => (error instanceof ApiError ? error.fieldError(f) : undefined);
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setError(null);
    try {
      await onSave(d);
    } catch (x) {
      setError(x);
    }
  };
  const input = (f: keyof Draft, props: Record<string, unknown> = {}) => (
    <Field label={t(`employer.${f}`)} error={err(f)}>
      <input name={f} value={d[f]} onChange={(e) => setD({ ...d, [f]: e.target.value })} {...props} />
    </Field>
  );
  return (
    <form onSubmit={submit} className="form">
      <div className="grid">
        {isNew && input('code', { required: true })}
        {input('name', { required: true })}
        {input('registrationNumber')}
        {input('sector')}
        {input('address')}
        <Field label={t('employer.areaId')} error={err('areaId')}>
          <select name="areaId" value={d.areaId} onChange={(e) => setD({ ...d, areaId: e.target.value })}>
            <option value="">—</option>
            {areas.map((a) => (
              <option key={a.id} value={a.id}>
                {a.name}
              </option>
            ))}
          </select>
        </Field>
        {input('latitude', { inputMode: 'decimal' })}
        {input('longitude', { inputMode: 'decimal' })}
        {input('contactName')}
        {input('contactPhone', { type: 'tel' })}
        <Field label={t('employer.enrolmentMode')} error={err('enrolmentMode')}>
          <select
            name="enrolmentMode"
            value={d.enrolmentMode}
            onChange={(e) => setD({ ...d, enrolmentMode: e.target.value })}
          >
            <option value="voluntary">{t('employer.voluntary')}</option>
            <option value="automatic">{t('employer.automatic')}</option>
          </select>
        </Field>
        <Field label={t('employer.productId')} error={err('productId')}>
          <select name="productId" value={d.productId} onChange={(e) => setD({ ...d, productId: e.target.value })}>
            <option value="">—</option>
            {products.map((p) => (
              <option key={p.id} value={p.id}>
                {p.name}
              </option>
            ))}
          </select>
        </Field>
      </div>
      <ErrorNote error={error} />
      <button type="submit" className="primary">
        {t('common.save')}
      </button>
    </form>
  );
}

export function EmployersPage() {
  const { t } = useTranslation();
  const can = useCan();
  const client = useQueryClient();
  const [q, setQ] = useState('');
  const [adding, setAdding] = useState(false);
  const list = usePagedList<Employer>('/api/v1/employers', { q: q || undefined, limit: 50 });
  const employers = list.data?.pages.flatMap((p) => p.items) ?? [];
  const create = async (d: Draft) => {
    await api('/api/v1/employers', { method: 'POST', json: { code: d.code.trim(), ...bodyOf(d) } });
    setAdding(false);
    await client.invalidateQueries({ queryKey: ['/api/v1/employers'] });
    await client.invalidateQueries({ queryKey: ['choices'] });
  };
  return (
    <section>
      <div className="title-row">
        <h1>{t('employers.title')}</h1>
        {can('employer.manage') && (
          <button type="button" className="primary" onClick={() => setAdding(!adding)}>
            {t('employers.add')}
          </button>
        )}
      </div>
      {adding && <EmployerForm initial={blank} onSave={create} isNew />}
      <input
        type="search"
        className="filter"
        value={q}
        onChange={(e) => setQ(e.target.value)}
        placeholder={t('employers.filter')}
        aria-label={t('employers.filter')}
      />
      <ErrorNote error={list.error} />
      <table className="list">
        <thead>
          <tr>
            <th>{t('employer.code')}</th>
            <th>{t('employer.name')}</th>
            <th>{t('employer.sector')}</th>
            <th>{t('employer.enrolmentMode')}</th>
          </tr>
        </thead>
        <tbody>
          {employers.map((e) => (
            <tr key={e.id}>
              <td>{e.code}</td>
              <td>
                <Link to={`/employers/${e.id}`}>{e.name}</Link>
              </td>
              <td>{e.sector}</td>
              <td>{t(`employer.${e.enrolmentMode}`)}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <MoreButton list={list} />
    </section>
  );
}

export function EmployerPage() {
  const { id } = useParams();
  const { t } = useTranslation();
  const can = useCan();
  const [editing, setEditing] = useState(false);
  const employer = useQuery({ queryKey: ['employer', id], queryFn: () => api<Employer>(`/api/v1/employers/${id}`) });
  const members = usePagedList<Member>('/api/v1/members', { employerId: id, limit: 50 });
  const products = useProducts();
  const save = async (d: Draft) => {
    await api(`/api/v1/employers/${id}`, { method: 'PATCH', json: bodyOf(d) });
    setEditing(false);
    await employer.refetch();
  };
  if (employer.error) return <ErrorNote error={employer.error} />;
  const e = employer.data;
  if (!e) return <p className="loading">{t('common.loading')}</p>;
  return (
    <section>
      <div className="title-row">
        <h1>{e.name}</h1>
        {can('employer.manage') && (
          <button type="button" onClick={() => setEditing(!editing)}>
            {t('common.edit')}
          </button>
        )}
      </div>
      {editing ? (
        <EmployerForm initial={draftOf(e)} onSave={save} isNew={false} />
      ) : (
        <dl className="facts">
          <dt>{t('employer.code')}</dt>
          <dd>{e.code}</dd>
          <dt>{t('employer.registrationNumber')}</dt>
          <dd>{e.registrationNumber}</dd>
          <dt>{t('employer.address')}</dt>
          <dd>{e.address}</dd>
          <dt>{t('employer.contactName')}</dt>
          <dd>
            {e.contactName} {e.contactPhone}
          </dd>
          <dt>{t('employer.gps')}</dt>
          <dd>{e.latitude !== null && `${e.latitude}, ${e.longitude}`}</dd>
          <dt>{t('employer.enrolmentMode')}</dt>
          <dd>{t(`employer.${e.enrolmentMode}`)}</dd>
          <dt>{t('employer.productId')}</dt>
          <dd>{products.find((p) => p.id === e.productId)?.name ?? '—'}</dd>
          <dt>{t('employer.memberCount')}</dt>
          <dd>{e.memberCount}</dd>
        </dl>
      )}
      <h2>{t('employer.members')}</h2>
      <EmployerCards employerId={e.id} />
      <ul className="household">
        {members.data?.pages
          .flatMap((p) => p.items)
          .map((m) => (
            <li key={m.id}>
              <Link to={`/members/${m.id}`}>{m.memberNumber}</Link> {m.nameLatin} · {m.factoryCardNumber}
            </li>
          ))}
      </ul>
      <MoreButton list={members} />
    </section>
  );
}
