import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { api } from '../api';
import { useCan } from '../session';
import { ErrorNote, formatMoney, MoreButton, usePagedList } from '../ui';
import { useRegistryChoices } from '../registry/member-fields';
import { PayersSection, usePayers } from './payers';
import { PreviewPanel } from './preview';
import { definitionOf, DefinitionFields, draftOf, emptyDraft, type Definition, type Draft } from './rule-definition';
import { useVersionedEditor, VersionedForm, VersionsTable, type VersionedRecord } from './versioned';

export type Rule = VersionedRecord<Definition>;

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
  const { employers } = useRegistryChoices();
  const payers = usePayers();
  const { mu } = useCurrency();
  const list = usePagedList<Rule>('/api/v1/contribution-rules', { limit: 50 });
  const rules = list.data?.pages.flatMap((p) => p.items) ?? [];
  const editor = useVersionedEditor<Definition, Draft>({
    path: '/api/v1/contribution-rules',
    draftOf: (d) => (d ? draftOf(d, mu) : emptyDraft()),
    definitionOf: (d) => definitionOf(d, mu),
  });

  const summary = (d: Definition) => {
    const per = d.kind === 'percent-of-wage' ? '' : ` / ${t(d.period === 'year' ? 'rule.year' : 'rule.month')}`;
    const figures =
      d.kind === 'flat'
        ? `${formatMoney(d.amount ?? 0, mu)}${per}`
        : d.kind === 'percent-of-wage'
          ? `${(d.rateBp ?? 0) / 100} %`
          : d.kind === 'group-enrolment'
            ? d.tiers!.map((x) => `≥${x.fromRateBp / 100} %: ${formatMoney(x.amount, mu)}`).join(', ') + per
            : d
                .bands!.map(
                  (b) => `${b.upTo === null ? '…' : `≤${formatMoney(b.upTo, mu)}`}: ${formatMoney(b.amount, mu)}`,
                )
                .join(', ') + per;
    return `${t(`ruleKind.${d.kind}`)}, ${figures}`;
  };

  return (
    <section>
      <div className="title-row">
        <h1>{t('rules.title')}</h1>
        {can('product.manage') && (
          <button type="button" className="primary" onClick={() => editor.open('new')}>
            {t('rules.add')}
          </button>
        )}
      </div>
      <VersionedForm editor={editor} addLabel={t('rules.add')} hint={t('rule.effectiveHint')}>
        {editor.draft && (
          <DefinitionFields
            draft={editor.draft}
            set={(c) => editor.setDraft({ ...editor.draft!, ...c })}
            error={editor.error}
            employers={employers}
            payers={payers}
          />
        )}
      </VersionedForm>
      <ErrorNote error={list.error} />
      <VersionsTable records={rules} summary={summary} onChange={editor.open} />
      <MoreButton list={list} />
      {rules.length > 0 && <PreviewPanel rules={rules} />}
      <PayersSection />
    </section>
  );
}
