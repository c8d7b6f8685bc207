import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { api, ApiError, type Page } from '../api';
import { useCan } from '../session';
import { ErrorNote, Field, MoreButton, usePagedList } from '../ui';
import { useCurrency, type Rule } from './rules-page';
import { useVersionedEditor, VersionedForm, VersionsTable, type VersionedRecord } from './versioned';
import {
  productDefinitionOf,
  productDraftOf,
  ProductFields,
  type CareCategory,
  type ProductDefinition,
  type ProductDraft,
} from './product-definition';

type Product = VersionedRecord<ProductDefinition>;

export function ProductsPage() {
  const { t } = useTranslation();
  const can = useCan();
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
  const editor = useVersionedEditor<ProductDefinition, ProductDraft>({
    path: '/api/v1/products',
    draftOf: (d) => productDraftOf(d, categories, mu),
    definitionOf: (d) => productDefinitionOf(d, mu),
  });
  const name = (code: string) => categories.find((c) => c.code === code)?.name ?? code;
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
          <button type="button" className="primary" onClick={() => editor.open('new')}>
            {t('products.add')}
          </button>
        )}
      </div>
      <VersionedForm editor={editor} addLabel={t('products.add')} hint={t('product.effectiveHint')}>
        {editor.draft && (
          <ProductFields
            draft={editor.draft}
            set={(c) => editor.setDraft({ ...editor.draft!, ...c })}
            error={editor.error}
            categories={categories}
            rules={rules}
          />
        )}
      </VersionedForm>
      <ErrorNote error={list.error} />
      <VersionsTable
        records={list.data?.pages.flatMap((p) => p.items) ?? []}
        summary={summary}
        onChange={editor.open}
      />
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
