import { useTranslation } from 'react-i18next';
import { ApiError, type Employer } from '../api';
import { Field, formatMoney, parseMoney } from '../ui';
import type { Payer } from './payers';

export const KINDS = ['flat', 'percent-of-wage', 'group-enrolment', 'income-bands'] as const;

/** A contribution rule's definition as the API takes it: minor units and basis points. */
export interface Definition {
  kind: (typeof KINDS)[number];
  period?: 'month' | 'year';
  amount?: number;
  rateBp?: number;
  wageFloor?: number | null;
  wageCeiling?: number | null;
  tiers?: { fromRateBp: number; amount: number }[];
  minimumRateBp?: number | null;
  bands?: { upTo: number | null; amount: number }[];
  employerShareBp: number;
  employersPayingAll: string[];
  subsidies: { payerId: string; shareBp?: number; fixed?: number }[];
}

/** What a person types: money in major units, rates and shares in per cent, all as text. */
export interface Draft {
  kind: Definition['kind'];
  period: 'month' | 'year';
  amount: string;
  ratePercent: string;
  wageFloor: string;
  wageCeiling: string;
  tiers: { fromPercent: string; amount: string }[];
  minimumPercent: string;
  bands: { upTo: string; amount: string }[];
  employerSharePercent: string;
  employersPayingAll: string[];
  subsidies: { payerId: string; sharePercent: string; fixed: string }[];
}

const percent = (bp: number | null | undefined) => (bp === null || bp === undefined ? '' : String(bp / 100));
/** Per cent typed ("2.6") in basis points (260); NaN for what is not a number, so the API names it. */
const basisPoints = (text: string) => (text.trim() === '' ? null : Math.round(Number(text) * 100));

export const emptyDraft = (): Draft => ({
  kind: 'flat',
  period: 'month',
  amount: '',
  ratePercent: '',
  wageFloor: '',
  wageCeiling: '',
  tiers: [{ fromPercent: '', amount: '' }],
  minimumPercent: '',
  bands: [{ upTo: '', amount: '' }],
  employerSharePercent: '0',
  employersPayingAll: [],
  subsidies: [],
});

export const draftOf = (d: Definition, mu: number): Draft => ({
  ...emptyDraft(),
  kind: d.kind,
  period: d.period ?? 'month',
  amount: formatMoney(d.amount ?? null, mu),
  ratePercent: percent(d.rateBp),
  wageFloor: formatMoney(d.wageFloor ?? null, mu),
  wageCeiling: formatMoney(d.wageCeiling ?? null, mu),
  tiers: d.tiers?.map((x) => ({ fromPercent: percent(x.fromRateBp), amount: formatMoney(x.amount, mu) })) ?? [
    { fromPercent: '', amount: '' },
  ],
  minimumPercent: percent(d.minimumRateBp),
  bands: d.bands?.map((b) => ({ upTo: formatMoney(b.upTo, mu), amount: formatMoney(b.amount, mu) })) ?? [
    { upTo: '', amount: '' },
  ],
  employerSharePercent: percent(d.employerShareBp),
  employersPayingAll: d.employersPayingAll,
  subsidies: d.subsidies.map((s) => ({
    payerId: s.payerId,
    sharePercent: percent(s.shareBp),
    fixed: formatMoney(s.fixed ?? null, mu),
  })),
});

export function definitionOf(d: Draft, mu: number): Definition {
  const common = {
    employerShareBp: basisPoints(d.employerSharePercent) ?? 0,
    employersPayingAll: d.employersPayingAll,
    subsidies: d.subsidies.map((s) => ({
      payerId: s.payerId,
      ...(s.sharePercent.trim() ? { shareBp: basisPoints(s.sharePercent)! } : {}),
      ...(s.fixed.trim() ? { fixed: parseMoney(s.fixed, mu)! } : {}),
    })),
  };
  switch (d.kind) {
    case 'flat':
      return { kind: d.kind, period: d.period, amount: parseMoney(d.amount, mu) ?? NaN, ...common };
    case 'percent-of-wage':
      return {
        kind: d.kind,
        rateBp: basisPoints(d.ratePercent) ?? NaN,
        wageFloor: parseMoney(d.wageFloor, mu),
        wageCeiling: parseMoney(d.wageCeiling, mu),
        ...common,
      };
    case 'group-enrolment':
      return {
        kind: d.kind,
        period: d.period,
        tiers: d.tiers.map((x) => ({
          fromRateBp: basisPoints(x.fromPercent) ?? NaN,
          amount: parseMoney(x.amount, mu) ?? NaN,
        })),
        minimumRateBp: basisPoints(d.minimumPercent),
        ...common,
      };
    case 'income-bands':
      return {
        kind: d.kind,
        period: d.period,
        bands: d.bands.map((b) => ({ upTo: parseMoney(b.upTo, mu), amount: parseMoney(b.amount, mu) ?? NaN })),
        ...common,
      };
  }
}

/** The fields of a definition, those of its kind only; errors shown beside the field the API named. */
export function DefinitionFields(props: {
  draft: Draft;
  set: (change: Partial<Draft>) => void;
  error: unknown;
  employers: Employer[];
  payers: Payer[];
}) {
  const { t } = useTranslation();
  const { draft: d, set } = props;
  const err = (f: string) =>
    props.error instanceof ApiError
      ? props.error.problem.errors?.find(
          (e) =>
            e.field === `version.definition.${f}` ||
            e.field === `definition.${f}` ||
            e.field.startsWith(`definition.${f}.`) ||
            e.field.startsWith(`version.definition.${f}.`),
        )?.reason
      : undefined;
  const rows = <T,>(list: T[], i: number, change: Partial<T>) =>
    list.map((x, j) => (j === i ? { ...x, ...change } : x));
  return (
    <div className="grid">
      <Field label={t('rule.kind')}>
        <select name="kind" value={d.kind} onChange={(e) => set({ kind: e.target.value as Draft['kind'] })}>
          {KINDS.map((k) => (
            <option key={k} value={k}>
              {t(`ruleKind.${k}`)}
            </option>
          ))}
        </select>
      </Field>
      {d.kind !== 'percent-of-wage' && (
        <Field label={t('rule.period')}>
          <select name="period" value={d.period} onChange={(e) => set({ period: e.target.value as Draft['period'] })}>
            <option value="month">{t('rule.perMonth')}</option>
            <option value="year">{t('rule.perYear')}</option>
          </select>
        </Field>
      )}
      {d.kind === 'flat' && (
        <Field label={t('rule.amount')} error={err('amount')}>
          <input name="amount" inputMode="decimal" value={d.amount} onChange={(e) => set({ amount: e.target.value })} />
        </Field>
      )}
      {d.kind === 'percent-of-wage' && (
        <>
          <Field label={t('rule.ratePercent')} error={err('rateBp')}>
            <input
              name="ratePercent"
              inputMode="decimal"
              value={d.ratePercent}
              onChange={(e) => set({ ratePercent: e.target.value })}
            />
          </Field>
          <Field label={t('rule.wageFloor')} error={err('wageFloor')}>
            <input
              name="wageFloor"
              inputMode="decimal"
              value={d.wageFloor}
              onChange={(e) => set({ wageFloor: e.target.value })}
            />
          </Field>
          <Field label={t('rule.wageCeiling')} error={err('wageCeiling')}>
            <input
              name="wageCeiling"
              inputMode="decimal"
              value={d.wageCeiling}
              onChange={(e) => set({ wageCeiling: e.target.value })}
            />
          </Field>
        </>
      )}
      {d.kind === 'group-enrolment' && (
        <fieldset>
          <legend>{t('rule.tiers')}</legend>
          {d.tiers.map((x, i) => (
            <div className="row" key={i}>
              <Field label={t('rule.fromPercent')}>
                <input
                  inputMode="decimal"
                  value={x.fromPercent}
                  onChange={(e) => set({ tiers: rows(d.tiers, i, { fromPercent: e.target.value }) })}
                />
              </Field>
              <Field label={t('rule.amount')}>
                <input
                  inputMode="decimal"
                  value={x.amount}
                  onChange={(e) => set({ tiers: rows(d.tiers, i, { amount: e.target.value }) })}
                />
              </Field>
            </div>
          ))}
          {err('tiers') && <em role="alert">{err('tiers')}</em>}
          <button type="button" onClick={() => set({ tiers: [...d.tiers, { fromPercent: '', amount: '' }] })}>
            {t('rule.addTier')}
          </button>
          <Field label={t('rule.minimumPercent')} error={err('minimumRateBp')}>
            <input
              name="minimumPercent"
              inputMode="decimal"
              value={d.minimumPercent}
              onChange={(e) => set({ minimumPercent: e.target.value })}
            />
          </Field>
        </fieldset>
      )}
      {d.kind === 'income-bands' && (
        <fieldset>
          <legend>{t('rule.bands')}</legend>
          {d.bands.map((b, i) => (
            <div className="row" key={i}>
              <Field label={t('rule.upTo')}>
                <input
                  inputMode="decimal"
                  value={b.upTo}
                  onChange={(e) => set({ bands: rows(d.bands, i, { upTo: e.target.value }) })}
                />
              </Field>
              <Field label={t('rule.amount')}>
                <input
                  inputMode="decimal"
                  value={b.amount}
                  onChange={(e) => set({ bands: rows(d.bands, i, { amount: e.target.value }) })}
                />
              </Field>
            </div>
          ))}
          {err('bands') && <em role="alert">{err('bands')}</em>}
          <button type="button" onClick={() => set({ bands: [...d.bands, { upTo: '', amount: '' }] })}>
            {t('rule.addBand')}
          </button>
        </fieldset>
      )}
      <Field label={t('rule.employerSharePercent')} error={err('employerShareBp')}>
        <input
          name="employerSharePercent"
          inputMode="decimal"
          value={d.employerSharePercent}
          onChange={(e) => set({ employerSharePercent: e.target.value })}
        />
      </Field>
      <Field label={t('rule.employersPayingAll')} error={err('employersPayingAll')}>
        <select
          multiple
          name="employersPayingAll"
          value={d.employersPayingAll}
          onChange={(e) => set({ employersPayingAll: [...e.target.selectedOptions].map((o) => o.value) })}
        >
          {props.employers.map((e) => (
            <option key={e.id} value={e.id}>
              {e.name}
            </option>
          ))}
        </select>
      </Field>
      <fieldset>
        <legend>{t('rule.subsidies')}</legend>
        {d.subsidies.map((s, i) => (
          <div className="row" key={i}>
            <Field label={t('rule.payer')}>
              <select
                value={s.payerId}
                onChange={(e) => set({ subsidies: rows(d.subsidies, i, { payerId: e.target.value }) })}
              >
                {props.payers.map((p) => (
                  <option key={p.id} value={p.id}>
                    {p.name}
                  </option>
                ))}
              </select>
            </Field>
            <Field label={t('rule.sharePercent')}>
              <input
                inputMode="decimal"
                value={s.sharePercent}
                onChange={(e) => set({ subsidies: rows(d.subsidies, i, { sharePercent: e.target.value }) })}
              />
            </Field>
            <Field label={t('rule.fixed')}>
              <input
                inputMode="decimal"
                value={s.fixed}
                onChange={(e) => set({ subsidies: rows(d.subsidies, i, { fixed: e.target.value }) })}
              />
            </Field>
          </div>
        ))}
        {err('subsidies') && <em role="alert">{err('subsidies')}</em>}
        {props.payers.length > 0 && (
          <button
            type="button"
            onClick={() =>
              set({ subsidies: [...d.subsidies, { payerId: props.payers[0]!.id, sharePercent: '', fixed: '' }] })
            }
          >
            {t('rule.addSubsidy')}
          </button>
        )}
      </fieldset>
    </div>
  );
}
