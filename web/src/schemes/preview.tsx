import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { api, ApiError } from '../api';
import { ErrorNote, Field, formatMoney, parseMoney } from '../ui';
import { useRegistryChoices } from '../registry/member-fields';
import { usePayers } from './payers';
import { useCurrency, type Rule } from './rules-page';

/** The facts a rule may need, by the label of their field. */
const FACTS: Record<string, string> = {
  wage: 'preview.wage',
  enrolmentRate: 'preview.ratePercent',
  income: 'preview.income',
};

interface Preview {
  currency: string;
  due: boolean;
  period?: 'month' | 'year';
  amount?: number;
  parts?: { party: 'member' | 'employer' | 'payer'; payerId?: string; amount: number }[];
  reasons: ({ code: string } & Record<string, unknown>)[];
}

/** "A worker earning 150 at factory X pays 0.80 and the factory 0.80 this month." */
export function PreviewPanel({ rules }: { rules: Rule[] }) {
  const { t } = useTranslation();
  const { employers, groups } = useRegistryChoices();
  const payers = usePayers();
  const { mu } = useCurrency();
  const [d, setD] = useState({
    ruleId: '',
    date: '',
    wage: '',
    employerId: '',
    groupId: '',
    ratePercent: '',
    income: '',
  });
  const [result, setResult] = useState<Preview | null>(null);
  const [error, setError] = useState<unknown>(null);
  const err = (f: string) => (error instanceof ApiError ? error.fieldError(f) : undefined);
  const ruleId = d.ruleId || rules[0]!.id;
  const money = (n: number) => formatMoney(n, mu);

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setError(null);
    setResult(null);
    const optionalMoney = (s: string) => (s.trim() ? parseMoney(s, mu) : undefined);
    try {
      setResult(
        await api<Preview>(`/api/v1/contribution-rules/${ruleId}/preview`, {
          method: 'POST',
          json: {
            date: d.date || undefined,
            wage: optionalMoney(d.wage),
            employerId: d.employerId || undefined,
            groupId: d.groupId || undefined,
            enrolmentRateBp: d.ratePercent.trim() ? Math.round(Number(d.ratePercent) * 100) : undefined,
            income: optionalMoney(d.income),
          },
        }),
      );
    } catch (x) {
      setError(x);
    }
  };
  const who = (p: NonNullable<Preview['parts']>[number]) =>
    p.party === 'payer' ? (payers.find((x) => x.id === p.payerId)?.name ?? p.payerId) : t(`preview.${p.party}`);
  const reason = (r: Preview['reasons'][number]) => {
    const shown = (k: string, v: unknown) => {
      if (k === 'payerId') return payers.find((x) => x.id === v)?.name ?? v;
      if (k === 'employerId') return employers.find((x) => x.id === v)?.name ?? v;
      if (k === 'fact') return t(FACTS[String(v)] ?? 'preview.wage');
      if (typeof v !== 'number') return v;
      return k.endsWith('Bp') ? v / 100 : money(v);
    };
    const figures = Object.fromEntries(Object.entries(r).map(([k, v]) => [k, shown(k, v)]));
    return t(`reason.${r.code}`, figures);
  };

  return (
    <section className="preview">
      <h2>{t('preview.title')}</h2>
      <form onSubmit={submit} className="form" aria-label={t('preview.title')}>
        <div className="grid">
          <Field label={t('preview.rule')}>
            <select name="ruleId" value={ruleId} onChange={(e) => setD({ ...d, ruleId: e.target.value })}>
              {rules.map((r) => (
                <option key={r.id} value={r.id}>
                  {r.name}
                </option>
              ))}
            </select>
          </Field>
          <Field label={t('preview.date')} error={err('date')}>
            <input name="date" type="date" value={d.date} onChange={(e) => setD({ ...d, date: e.target.value })} />
          </Field>
          <Field label={t('preview.wage')} error={err('wage')}>
            <input
              name="wage"
              inputMode="decimal"
              value={d.wage}
              onChange={(e) => setD({ ...d, wage: e.target.value })}
            />
          </Field>
          <Field label={t('preview.employer')} error={err('employerId')}>
            <select name="employerId" value={d.employerId} onChange={(e) => setD({ ...d, employerId: e.target.value })}>
              <option value="">—</option>
              {employers.map((x) => (
                <option key={x.id} value={x.id}>
                  {x.name}
                </option>
              ))}
            </select>
          </Field>
          <Field label={t('preview.group')} error={err('groupId')}>
            <select name="groupId" value={d.groupId} onChange={(e) => setD({ ...d, groupId: e.target.value })}>
              <option value="">—</option>
              {groups.map((x) => (
                <option key={x.id} value={x.id}>
                  {x.name}
                </option>
              ))}
            </select>
          </Field>
          <Field label={t('preview.ratePercent')} error={err('enrolmentRateBp')}>
            <input
              name="ratePercent"
              inputMode="decimal"
              value={d.ratePercent}
              onChange={(e) => setD({ ...d, ratePercent: e.target.value })}
            />
          </Field>
          <Field label={t('preview.income')} error={err('income')}>
            <input
              name="income"
              inputMode="decimal"
              value={d.income}
              onChange={(e) => setD({ ...d, income: e.target.value })}
            />
          </Field>
        </div>
        <ErrorNote error={error} />
        <button type="submit" className="primary">
          {t('preview.submit')}
        </button>
      </form>
      {result && (
        <div className="result" role="status">
          {result.due ? (
            <>
              <p className="total">
                {t(result.period === 'year' ? 'preview.totalYear' : 'preview.totalMonth', {
                  amount: money(result.amount!),
                  currency: result.currency,
                })}
              </p>
              <ul>
                {result.parts!.map((p, i) => (
                  <li key={i}>
                    {t('preview.pays', { who: who(p), amount: money(p.amount), currency: result.currency })}
                  </li>
                ))}
              </ul>
            </>
          ) : (
            <p className="total">{t('preview.notDue')}</p>
          )}
          <ol className="reasons">
            {result.reasons.map((r, i) => (
              <li key={i}>{reason(r)}</li>
            ))}
          </ol>
        </div>
      )}
    </section>
  );
}
