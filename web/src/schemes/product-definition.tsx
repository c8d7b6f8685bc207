import { useTranslation } from 'react-i18next';
import { ApiError } from '../api';
import { Field, formatMoney, parseMoney } from '../ui';

export interface CareCategory {
  code: string;
  name: string;
  setting: string;
}

interface Terms {
  category: string;
  covered: boolean;
  waitingDays: number;
  copayment: { shareBp: number; fixed: number };
  deductible: number;
  ceilingPerMember: number | null;
  maxUses: { count: number; per: 'month' | 'year' } | null;
}

/** A product version's definition as the API gives it: minor units and basis points. */
export interface ProductDefinition {
  covers: 'member' | 'household';
  dependants: { relations: string[]; childMaxAge: number | null } | null;
  term: { kind: 'monthly' } | { kind: 'yearly'; cycleStarts: string[] };
  grace: { enrolmentDays: number; renewalDays: number; paymentDays: number };
  registrationFee: number;
  householdPricing: { includedMembers: number; extraMemberAmount: number } | null;
  contributionRuleId: string | null;
  ceilings: Record<'perMember' | 'perHousehold' | 'inpatientPerMember' | 'outpatientPerMember', number | null>;
  categories: Terms[];
  cashBenefits: {
    sickLeave: { dailyWageShareBp: number; waitingDays: number; maxDays: number } | null;
    maternity: { weeks: number; wageShareBp: number } | null;
  };
}

const RELATIONS = ['spouse', 'child', 'parent', 'other'];
const CEILINGS = ['perMember', 'perHousehold', 'inpatientPerMember', 'outpatientPerMember'] as const;

/** What a person types: every figure as text, money in major units, shares in per cent. */
export interface ProductDraft {
  covers: 'member' | 'household';
  relations: string[];
  childMaxAge: string;
  yearly: boolean;
  cycleStarts: string;
  grace: { enrolmentDays: string; renewalDays: string; paymentDays: string };
  registrationFee: string;
  includedMembers: string;
  extraMemberAmount: string;
  contributionRuleId: string;
  ceilings: Record<(typeof CEILINGS)[number], string>;
  categories: Record<
    string,
    {
      covered: boolean;
      waitingDays: string;
      sharePercent: string;
      fixed: string;
      deductible: string;
      ceiling: string;
      maxUses: string;
      per: 'month' | 'year';
    }
  >;
  sickLeave: { sharePercent: string; waitingDays: string; maxDays: string };
  maternity: { weeks: string; sharePercent: string };
}

const text = (n: number | null | undefined) => (n === null || n === undefined ? '' : String(n));
const pct = (bp: number | null | undefined) => (bp === null || bp === undefined ? '' : String(bp / 100));
/** Empty is "none" (null); anything else a number, NaN when it is not one, so the API names the field. */
const num = (s: string) => (s.trim() === '' ? null : Number(s));
const bp = (s: string) => (s.trim() === '' ? null : Math.round(Number(s) * 100));

export function productDraftOf(d: ProductDefinition | null, categories: CareCategory[], mu: number): ProductDraft {
  const terms = new Map(d?.categories.map((c) => [c.category, c]));
  return {
    covers: d?.covers ?? 'member',
    relations: d?.dependants?.relations ?? ['spouse', 'child'],
    childMaxAge: text(d?.dependants?.childMaxAge ?? 18),
    yearly: d?.term.kind === 'yearly',
    cycleStarts: d?.term.kind === 'yearly' ? d.term.cycleStarts.join(', ') : '01-01',
    grace: {
      enrolmentDays: text(d?.grace.enrolmentDays ?? 0),
      renewalDays: text(d?.grace.renewalDays ?? 0),
      paymentDays: text(d?.grace.paymentDays ?? 0),
    },
    registrationFee: formatMoney(d?.registrationFee ?? 0, mu),
    includedMembers: text(d?.householdPricing?.includedMembers),
    extraMemberAmount: formatMoney(d?.householdPricing?.extraMemberAmount ?? null, mu),
    contributionRuleId: d?.contributionRuleId ?? '',
    ceilings: Object.fromEntries(
      CEILINGS.map((k) => [k, formatMoney(d?.ceilings[k] ?? null, mu)]),
    ) as ProductDraft['ceilings'],
    categories: Object.fromEntries(
      categories.map((c) => {
        const x = terms.get(c.code);
        return [
          c.code,
          {
            covered: x?.covered ?? false,
            waitingDays: text(x?.waitingDays ?? 0),
            sharePercent: pct(x?.copayment.shareBp ?? 0),
            fixed: formatMoney(x?.copayment.fixed ?? 0, mu),
            deductible: formatMoney(x?.deductible ?? 0, mu),
            ceiling: formatMoney(x?.ceilingPerMember ?? null, mu),
            maxUses: text(x?.maxUses?.count),
            per: x?.maxUses?.per ?? 'year',
          },
        ];
      }),
    ),
    sickLeave: {
      sharePercent: pct(d?.cashBenefits.sickLeave?.dailyWageShareBp),
      waitingDays: text(d?.cashBenefits.sickLeave?.waitingDays),
      maxDays: text(d?.cashBenefits.sickLeave?.maxDays),
    },
    maternity: {
      weeks: text(d?.cashBenefits.maternity?.weeks),
      sharePercent: pct(d?.cashBenefits.maternity?.wageShareBp),
    },
  };
}

export function productDefinitionOf(d: ProductDraft, mu: number) {
  const money = (s: string) => parseMoney(s, mu);
  return {
    covers: d.covers,
    dependants: d.covers === 'household' ? { relations: d.relations, childMaxAge: num(d.childMaxAge) } : null,
    term: d.yearly
      ? {
          kind: 'yearly',
          cycleStarts: d.cycleStarts
            .split(',')
            .map((s) => s.trim())
            .filter(Boolean),
        }
      : { kind: 'monthly' },
    grace: {
      enrolmentDays: num(d.grace.enrolmentDays) ?? 0,
      renewalDays: num(d.grace.renewalDays) ?? 0,
      paymentDays: num(d.grace.paymentDays) ?? 0,
    },
    registrationFee: money(d.registrationFee) ?? 0,
    householdPricing: d.includedMembers.trim()
      ? { includedMembers: num(d.includedMembers), extraMemberAmount: money(d.extraMemberAmount) ?? 0 }
      : null,
    contributionRuleId: d.contributionRuleId || null,
    ceilings: Object.fromEntries(CEILINGS.map((k) => [k, money(d.ceilings[k])])),
    // Every catalogue category covered is listed with its terms; the others are excluded.
    categories: Object.entries(d.categories)
      .filter(([, c]) => c.covered)
      .map(([category, c]) => ({
        category,
        covered: true,
        waitingDays: num(c.waitingDays) ?? 0,
        copayment: { shareBp: bp(c.sharePercent) ?? 0, fixed: money(c.fixed) ?? 0 },
        deductible: money(c.deductible) ?? 0,
        ceilingPerMember: money(c.ceiling),
        maxUses: c.maxUses.trim() ? { count: num(c.maxUses), per: c.per } : null,
      })),
    cashBenefits: {
      sickLeave: d.sickLeave.sharePercent.trim()
        ? {
            dailyWageShareBp: bp(d.sickLeave.sharePercent),
            waitingDays: num(d.sickLeave.waitingDays) ?? 0,
            maxDays: num(d.sickLeave.maxDays) ?? 0,
          }
        : null,
      maternity: d.maternity.weeks.trim()
        ? { weeks: num(d.maternity.weeks), wageShareBp: bp(d.maternity.sharePercent) ?? 0 }
        : null,
    },
  };
}

export function ProductFields(props: {
  draft: ProductDraft;
  set: (change: Partial<ProductDraft>) => void;
  error: unknown;
  categories: CareCategory[];
  rules: { id: string; name: string }[];
}) {
  const { t } = useTranslation();
  const { draft: d, set } = props;
  const problems = props.error instanceof ApiError ? (props.error.problem.errors ?? []) : [];
  const err = (f: string) =>
    problems.find((e) => e.field.replace(/^version\./, '').startsWith(`definition.${f}`))?.reason;
  const setCategory = (code: string, change: Partial<ProductDraft['categories'][string]>) =>
    set({ categories: { ...d.categories, [code]: { ...d.categories[code]!, ...change } } });
  return (
    <>
      <div className="grid">
        <Field label={t('product.covers')} error={err('covers') ?? err('dependants')}>
          <select
            name="covers"
            value={d.covers}
            onChange={(e) => set({ covers: e.target.value as ProductDraft['covers'] })}
          >
            <option value="member">{t('product.coversMember')}</option>
            <option value="household">{t('product.coversHousehold')}</option>
          </select>
        </Field>
        {d.covers === 'household' && (
          <>
            <fieldset>
              <legend>{t('product.relations')}</legend>
              {RELATIONS.map((r) => (
                <label key={r} className="check">
                  <input
                    type="checkbox"
                    checked={d.relations.includes(r)}
                    onChange={(e) =>
                      set({ relations: e.target.checked ? [...d.relations, r] : d.relations.filter((x) => x !== r) })
                    }
                  />{' '}
                  {t(`relation.${r}`)}
                </label>
              ))}
            </fieldset>
            <Field label={t('product.childMaxAge')}>
              <input inputMode="numeric" value={d.childMaxAge} onChange={(e) => set({ childMaxAge: e.target.value })} />
            </Field>
          </>
        )}
        <Field label={t('product.term')} error={err('term')}>
          <select
            name="term"
            value={d.yearly ? 'yearly' : 'monthly'}
            onChange={(e) => set({ yearly: e.target.value === 'yearly' })}
          >
            <option value="monthly">{t('product.monthly')}</option>
            <option value="yearly">{t('product.yearly')}</option>
          </select>
        </Field>
        {d.yearly && (
          <Field label={t('product.cycleStarts')} hint={t('product.cycleStartsHint')}>
            <input name="cycleStarts" value={d.cycleStarts} onChange={(e) => set({ cycleStarts: e.target.value })} />
          </Field>
        )}
        {(['enrolmentDays', 'renewalDays', 'paymentDays'] as const).map((k) => (
          <Field key={k} label={t(`product.grace.${k}`)} error={err(`grace.${k}`)}>
            <input
              inputMode="numeric"
              value={d.grace[k]}
              onChange={(e) => set({ grace: { ...d.grace, [k]: e.target.value } })}
            />
          </Field>
        ))}
        <Field label={t('product.registrationFee')} error={err('registrationFee')}>
          <input
            name="registrationFee"
            inputMode="decimal"
            value={d.registrationFee}
            onChange={(e) => set({ registrationFee: e.target.value })}
          />
        </Field>
        <Field label={t('product.includedMembers')} error={err('householdPricing')}>
          <input
            inputMode="numeric"
            value={d.includedMembers}
            onChange={(e) => set({ includedMembers: e.target.value })}
          />
        </Field>
        <Field label={t('product.extraMemberAmount')}>
          <input
            inputMode="decimal"
            value={d.extraMemberAmount}
            onChange={(e) => set({ extraMemberAmount: e.target.value })}
          />
        </Field>
        <Field label={t('product.contributionRule')} error={err('contributionRuleId')}>
          <select value={d.contributionRuleId} onChange={(e) => set({ contributionRuleId: e.target.value })}>
            <option value="">—</option>
            {props.rules.map((r) => (
              <option key={r.id} value={r.id}>
                {r.name}
              </option>
            ))}
          </select>
        </Field>
        {CEILINGS.map((k) => (
          <Field key={k} label={t(`product.ceiling.${k}`)} error={err(`ceilings.${k}`)}>
            <input
              inputMode="decimal"
              value={d.ceilings[k]}
              onChange={(e) => set({ ceilings: { ...d.ceilings, [k]: e.target.value } })}
            />
          </Field>
        ))}
      </div>
      <table className="list terms">
        <caption>{t('product.categories')}</caption>
        <thead>
          <tr>
            <th>{t('product.category')}</th>
            <th>{t('product.covered')}</th>
            <th>{t('product.waitingDays')}</th>
            <th>{t('product.copayPercent')}</th>
            <th>{t('product.copayFixed')}</th>
            <th>{t('product.deductible')}</th>
            <th>{t('product.categoryCeiling')}</th>
            <th>{t('product.maxUses')}</th>
          </tr>
        </thead>
        <tbody>
          {props.categories.map((c) => {
            const x = d.categories[c.code]!;
            return (
              <tr key={c.code}>
                <td>{c.name}</td>
                <td>
                  <input
                    type="checkbox"
                    name={`covered-${c.code}`}
                    aria-label={c.name}
                    checked={x.covered}
                    onChange={(e) => setCategory(c.code, { covered: e.target.checked })}
                  />
                </td>
                <td>
                  <input
                    inputMode="numeric"
                    name={`waiting-${c.code}`}
                    value={x.waitingDays}
                    disabled={!x.covered}
                    onChange={(e) => setCategory(c.code, { waitingDays: e.target.value })}
                  />
                </td>
                <td>
                  <input
                    inputMode="decimal"
                    value={x.sharePercent}
                    disabled={!x.covered}
                    onChange={(e) => setCategory(c.code, { sharePercent: e.target.value })}
                  />
                </td>
                <td>
                  <input
                    inputMode="decimal"
                    value={x.fixed}
                    disabled={!x.covered}
                    onChange={(e) => setCategory(c.code, { fixed: e.target.value })}
                  />
                </td>
                <td>
                  <input
                    inputMode="decimal"
                    value={x.deductible}
                    disabled={!x.covered}
                    onChange={(e) => setCategory(c.code, { deductible: e.target.value })}
                  />
                </td>
                <td>
                  <input
                    inputMode="decimal"
                    value={x.ceiling}
                    disabled={!x.covered}
                    onChange={(e) => setCategory(c.code, { ceiling: e.target.value })}
                  />
                </td>
                <td>
                  <input
                    inputMode="numeric"
                    value={x.maxUses}
                    disabled={!x.covered}
                    onChange={(e) => setCategory(c.code, { maxUses: e.target.value })}
                  />
                  <select
                    value={x.per}
                    disabled={!x.covered}
                    onChange={(e) => setCategory(c.code, { per: e.target.value as 'month' | 'year' })}
                  >
                    <option value="month">{t('rule.perMonth')}</option>
                    <option value="year">{t('rule.perYear')}</option>
                  </select>
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
      {err('categories') && <p className="error">{err('categories')}</p>}
      <div className="grid">
        <Field label={t('product.sickLeavePercent')} error={err('cashBenefits.sickLeave')}>
          <input
            inputMode="decimal"
            value={d.sickLeave.sharePercent}
            onChange={(e) => set({ sickLeave: { ...d.sickLeave, sharePercent: e.target.value } })}
          />
        </Field>
        <Field label={t('product.sickLeaveWaiting')}>
          <input
            inputMode="numeric"
            value={d.sickLeave.waitingDays}
            onChange={(e) => set({ sickLeave: { ...d.sickLeave, waitingDays: e.target.value } })}
          />
        </Field>
        <Field label={t('product.sickLeaveMaxDays')}>
          <input
            inputMode="numeric"
            value={d.sickLeave.maxDays}
            onChange={(e) => set({ sickLeave: { ...d.sickLeave, maxDays: e.target.value } })}
          />
        </Field>
        <Field label={t('product.maternityWeeks')} error={err('cashBenefits.maternity')}>
          <input
            inputMode="numeric"
            value={d.maternity.weeks}
            onChange={(e) => set({ maternity: { ...d.maternity, weeks: e.target.value } })}
          />
        </Field>
        <Field label={t('product.maternityPercent')}>
          <input
            inputMode="decimal"
            value={d.maternity.sharePercent}
            onChange={(e) => set({ maternity: { ...d.maternity, sharePercent: e.target.value } })}
          />
        </Field>
      </div>
    </>
  );
}
