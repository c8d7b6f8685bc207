import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { api, ApiError } from '../api';
import { useCan } from '../session';
import { ErrorNote, Field, formatMoney, MoreButton, usePagedList } from '../ui';
import { useRegistryChoices } from '../registry/member-fields';
import { PayersSection, usePayers } from './payers';
import { PreviewPanel } from './preview';
import { definitionOf, DefinitionFields, draftOf, emptyDraft, type Definition, type Draft } from './rule-definition';

export interface Rule {
  id: string;
  code: string;
  name: string;
  versions: { id: string; effectiveFrom: string; definition: Definition }[];
}

/** The scheme's currency and its minor units, for typing and showing money. */
export function useCurrency() {
  const scheme = useQuery({
    queryKey: ['scheme'],
    queryFn: () => api<{ currency: string; currencyMinorUnits: number }>('/api/v1/scheme'),
  });
  return { currency: scheme.data?.currency ?? '', mu: scheme.data?.currencyMinorUnits ?? 2 };
}

export function RulesPage() {
  const { t } = useTranslation();
  const can = useCan();
  const client = useQueryClient();
  const { employers } = useRegistryChoices();
  const payers = usePayers();
  const { mu } = useCurrency();
  const list = usePagedList<Rule>('/api/v1/contribution-rules', { limit: 50 });
  const rules = list.data?.pages.flatMap((p) => p.items) ?? [];
  /** The rule being changed, or 'new' for a new rule; null when no form is open. */
  const [editing, setEditing] = useState<Rule | 'new' | null>(null);
  const [head, setHead] = useState({ code: '', name: '', effectiveFrom: '' });
  const [draft, setDraft] = useState<Draft>(emptyDraft());
  const [error, setError] = useState<unknown>(null);
  const err = (f: string) => (error instanceof ApiError ? error.fieldError(f) : undefined);

  const open = (rule: Rule | 'new') => {
    setError(null);
    setEditing(rule);
    setHead({ code: '', name: '', effectiveFrom: '' });
    const latest = rule === 'new' ? undefined : rule.versions[rule.versions.length - 1];
    setDraft(latest ? draftOf(latest.definition, mu) : emptyDraft());
  };
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setError(null);
    const version = { effectiveFrom: head.effectiveFrom, definition: definitionOf(draft, mu) };
    try {
      if (editing === 'new') {
        await api('/api/v1/contribution-rules', {
          method: 'POST',
          json: { code: head.code, name: head.name, version },
        });
      } else if (editing) {
        await api(`/api/v1/contribution-rules/${editing.id}/versions`, { method: 'POST', json: version });
      }
      setEditing(null);
      await client.invalidateQueries({ queryKey: ['/api/v1/contribution-rules'] });
    } catch (x) {
      setError(x);
    }
  };

  const summary = (d: Definition) => {
    const per = d.kind === 'percent-of-wage' ? '' : ` / ${t(d.period === 'year' ? 'rule.year' : 'rule.month')}`;
    if (d.kind === 'flat') return `${formatMoney(d.amount ?? 0, mu)}${per}`;
    if (d.kind === 'percent-of-wage') return `${(d.rateBp ?? 0) / 100} %`;
    if (d.kind === 'group-enrolment')
      return d.tiers!.map((x) => `≥${x.fromRateBp / 100} %: ${formatMoney(x.amount, mu)}`).join(', ') + per;
    return (
      d
        .bands!.map((b) => `${b.upTo === null ? '…' : `≤${formatMoney(b.upTo, mu)}`}: ${formatMoney(b.amount, mu)}`)
        .join(', ') + per
    );
  };

  return (
    <section>
      <div className="title-row">
        <h1>{t('rules.title')}</h1>
        {can('product.manage') && (
          <button type="button" className="primary" onClick={() => open('new')}>
            {t('rules.add')}
          </button>
        )}
      </div>
      {editing && (
        <form onSubmit={submit} className="form" aria-label={editing === 'new' ? t('rules.add') : t('rules.change')}>
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
              hint={t('rule.effectiveHint')}
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
          <DefinitionFields
            draft={draft}
            set={(c) => setDraft({ ...draft, ...c })}
            error={error}
            employers={employers}
            payers={payers}
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
          {rules.map((r) => (
            <tr key={r.id}>
              <td>{r.code}</td>
              <td>{r.name}</td>
              <td>
                {r.versions.map((v) => (
                  <div key={v.id}>
                    {t('rules.from', { date: v.effectiveFrom })}: {t(`ruleKind.${v.definition.kind}`)},{' '}
                    {summary(v.definition)}
                  </div>
                ))}
              </td>
              <td>
                {can('product.manage') && (
                  <button type="button" onClick={() => open(r)}>
                    {t('rules.change')}
                  </button>
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <MoreButton list={list} />
      {rules.length > 0 && <PreviewPanel rules={rules} />}
      <PayersSection />
    </section>
  );
}
