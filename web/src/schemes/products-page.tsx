import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { api, ApiError, type Page } from '../api';
import { useCan } from '../session';
import { ErrorNote, Field, MoreButton, usePagedList } from '../ui';
import { useCurrency, type Rule } from './rules-page';
import {
  productDefinitionOf,
  productDraftOf,
  ProductFields,
  type CareCategory,
  type ProductDefinition,
  type ProductDraft,
} from './product-definition';

interface Product {
  id: string;
  code: string;
  name: string;
  versions: { id: string; effectiveFrom: string; definition: ProductDefinition }[];
}

export function ProductsPage() {
  const { t } = useTranslation();
  const can = useCan();
  const client = useQueryClient();
  const { mu } = useCurrency();
  const list = usePagedList<Product>('/api/v1/products', { limit: 50 });
  const categories =
    useQuery({
      queryKey: ['care-categories'],
      queryFn: () => api<{ items: CareCategory[] }>('/api/v1/care-categories'),
    }).data?.items ?? [];
  const rules =
    useQuery({ queryKey: ['rule-choices'], queryFn: () => api<Page<Rule>>('/api/v1/contribution-rules?limit=500') })
      .data?.items ?? [];
  const [editing, setEditing] = useState<Product | 'new' | null>(null);
  const [head, setHead] = useState({ code: '', name: '', effectiveFrom: '' });
  const [draft, setDraft] = useState<ProductDraft | null>(null);
  const [error, setError] = useState<unknown>(null);
  const err = (f: string) => (error instanceof ApiError ? error.fieldError(f) : undefined);
  const name = (code: string) => categories.find((c) => c.code === code)?.name ?? code;

  const open = (p: Product | 'new') => {
    setError(null);
    setEditing(p);
    setHead({ code: '', name: '', effectiveFrom: '' });
    const latest = p === 'new' ? null : p.versions[p.versions.length - 1]!.definition;
    setDraft(productDraftOf(latest, categories, mu));
  };
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (!draft) return;
    setError(null);
    const version = { effectiveFrom: head.effectiveFrom, definition: productDefinitionOf(draft, mu) };
    try {
      if (editing === 'new') {
        await api('/api/v1/products', { method: 'POST', json: { code: head.code, name: head.name, version } });
      } else if (editing) {
        await api(`/api/v1/products/${editing.id}/versions`, { method: 'POST', json: version });
      }
      setEditing(null);
      await client.invalidateQueries({ queryKey: ['/api/v1/products'] });
    } catch (x) {
      setError(x);
    }
  };
  const summary = (d: ProductDefinition) =>
    [
      t(d.covers === 'household' ? 'product.coversHousehold' : 'product.coversMember'),
      t(d.term.kind === 'yearly' ? 'product.yearly' : 'product.monthly'),
      d.categories
        .filter((c) => c.covered)
        .map((c) =>
          c.waitingDays
            ? `${name(c.category)} (${t('product.waitingShort', { days: c.waitingDays })})`
            : name(c.category),
        )
        .join(', '),
    ].join(' · ');

  return (
    <section>
      <div className="title-row">
        <h1>{t('products.title')}</h1>
        {can('product.manage') && (
          <button type="button" className="primary" onClick={() => open('new')}>
            {t('products.add')}
          </button>
        )}
      </div>
      {editing && draft && (
        <form onSubmit={submit} className="form" aria-label={editing === 'new' ? t('products.add') : t('rules.change')}>
          {editing !== 'new' && <h2>{t('rules.changeOf', { name: editing.name })}</h2>}
          <div className="grid">
            {editing === 'new' && (
              <>
                <Field label={t('rule.code')} error={err('code')}>
                  <input
                    name="code"
                    value={head.code}
                    onChange={(e) => setHead({ ...head, code: e.target.value })}
                    required
                  />
                </Field>
                <Field label={t('rule.name')} error={err('name')}>
                  <input
                    name="name"
                    value={head.name}
                    onChange={(e) => setHead({ ...head, name: e.target.value })}
                    required
                  />
                </Field>
              </>
            )}
            <Field
              label={t('rule.effectiveFrom')}
              error={err('effectiveFrom') ?? err('version.effectiveFrom')}
              hint={t('product.effectiveHint')}
            >
              <input
                name="effectiveFrom"
                type="date"
                value={head.effectiveFrom}
                onChange={(e) => setHead({ ...head, effectiveFrom: e.target.value })}
                required
              />
            </Field>
          </div>
          <ProductFields
            draft={draft}
            set={(c) => setDraft({ ...draft, ...c })}
            error={error}
            categories={categories}
            rules={rules}
          />
          <ErrorNote error={error} />
          <button type="submit" className="primary">
            {t('common.save')}
          </button>{' '}
          <button type="button" onClick={() => setEditing(null)}>
            {t('common.cancel')}
          </button>
        </form>
      )}
      <ErrorNote error={list.error} />
      <table className="list">
        <thead>
          <tr>
            <th>{t('rule.code')}</th>
            <th>{t('rule.name')}</th>
            <th>{t('rules.versions')}</th>
            <th />
          </tr>
        </thead>
        <tbody>
          {list.data?.pages
            .flatMap((p) => p.items)
            .map((p) => (
              <tr key={p.id}>
                <td>{p.code}</td>
                <td>{p.name}</td>
                <td>
                  {p.versions.map((v) => (
                    <div key={v.id}>
                      {t('rules.from', { date: v.effectiveFrom })}: {summary(v.definition)}
                    </div>
                  ))}
                </td>
                <td>
                  {can('product.manage') && (
                    <button type="button" onClick={() => open(p)}>
                      {t('rules.change')}
                    </button>
                  )}
                </td>
              </tr>
            ))}
        </tbody>
      </table>
      <MoreButton list={list} />
      <CategoriesSection categories={categories} />
    </section>
  );
}

function CategoriesSection({ categories }: { categories: CareCategory[] }) {
  const { t } = useTranslation();
  const can = useCan();
  const client = useQueryClient();
  const [d, setD] = useState({ code: '', name: '', setting: 'outpatient' });
  const [error, setError] = useState<unknown>(null);
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setError(null);
    try {
      await api('/api/v1/care-categories', { method: 'POST', json: d });
      setD({ code: '', name: '', setting: 'outpatient' });
      await client.invalidateQueries({ queryKey: ['care-categories'] });
    } catch (x) {
      setError(x);
    }
  };
  return (
    <section>
      <h2>{t('categories.title')}</h2>
      <table className="list">
        <thead>
          <tr>
            <th>{t('rule.code')}</th>
            <th>{t('rule.name')}</th>
            <th>{t('categories.setting')}</th>
          </tr>
        </thead>
        <tbody>
          {categories.map((c) => (
            <tr key={c.code}>
              <td>{c.code}</td>
              <td>{c.name}</td>
              <td>{t(`setting.${c.setting}`)}</td>
            </tr>
          ))}
        </tbody>
      </table>
      {can('product.manage') && (
        <form onSubmit={submit} className="form inline" aria-label={t('categories.add')}>
          <Field label={t('rule.code')} error={error instanceof ApiError ? error.fieldError('code') : undefined}>
            <input value={d.code} onChange={(e) => setD({ ...d, code: e.target.value })} required />
          </Field>
          <Field label={t('rule.name')}>
            <input value={d.name} onChange={(e) => setD({ ...d, name: e.target.value })} required />
          </Field>
          <Field label={t('categories.setting')}>
            <select value={d.setting} onChange={(e) => setD({ ...d, setting: e.target.value })}>
              {['outpatient', 'inpatient', 'other'].map((s) => (
                <option key={s} value={s}>
                  {t(`setting.${s}`)}
                </option>
              ))}
            </select>
          </Field>
          <button type="submit">{t('categories.add')}</button>
          <ErrorNote error={error} />
        </form>
      )}
    </section>
  );
}
