import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { api, ApiError } from '../api';
import { ErrorNote, formatMoney, parseMoney } from '../ui';
import { ExportButtons } from './export-buttons';

interface FixedLine {
  name: string;
  group: 'direct' | 'indirect';
  units: string;
  unitCost: string;
  monthlyCost: string;
  allocation: string;
}
interface Rate {
  name: string;
  rate: string;
}
interface Period {
  label: string;
  months: string;
  premiumsPaid: string;
  premiumIncome: string;
  providerPayments: string;
}

interface Input {
  currency: string;
  fixedCosts: {
    name: string;
    group: 'direct' | 'indirect';
    units: number;
    unitCost: number;
    monthlyCost?: number;
    allocation: number;
  }[];
  variableRates: { name: string; rate: number }[];
  periods: { label: string; months: number; premiumsPaid: number; premiumIncome: number; providerPayments?: number }[];
}

interface Result {
  currency: string;
  lines: {
    name: string;
    group: string;
    monthlyCost: number;
    allocation: number;
    proportionalCost: number;
    share: number;
  }[];
  directMonthlyCost: number;
  indirectMonthlyCost: number;
  monthlyFixedCost: number;
  premiumsPaid: number;
  premiumIncome: number;
  fixedCost: number;
  variableCost: number;
  totalCollectionCost: number;
  averagePremium: number | null;
  costPerPremium: number | null;
  collectionCostShare: number | null;
  unitContributionMargin: number | null;
  breakEvenPremiumsPerMonth: number | null;
  providerPayments: number;
  totalCost: number;
  deficit: number;
  deficitPerPremium: number | null;
  periods: {
    label: string;
    premiumsPaid: number;
    premiumIncome: number;
    collectionCost: number;
    totalCost: number;
    balance: number;
    cumulativeBalance: number;
    breakEvenPremiums: number | null;
    aboveBreakEven: boolean | null;
  }[];
  notes: string[];
}

const pct = (n: number | null) => (n === null ? '—' : `${Math.round(n * 1000) / 10} %`);
const blankLine = (): FixedLine => ({
  name: '',
  group: 'direct',
  units: '1',
  unitCost: '',
  monthlyCost: '',
  allocation: '100',
});
const blankPeriod = (): Period => ({
  label: '',
  months: '3',
  premiumsPaid: '',
  premiumIncome: '',
  providerPayments: '',
});

/**
 * What collecting premiums costs, as seed 003 costs it line by line: the share of each cost that
 * goes to collection, the cost per premium, the break-even point, the deficit once providers are
 * paid. Amounts are typed in the currency's major units; nothing is stored.
 */
export function CostingPage() {
  const { t } = useTranslation();
  const [currency, setCurrency] = useState('USD');
  const [lines, setLines] = useState<FixedLine[]>([blankLine()]);
  const [rates, setRates] = useState<Rate[]>([]);
  const [periods, setPeriods] = useState<Period[]>([blankPeriod()]);
  const [result, setResult] = useState<Result | null>(null);
  const [sent, setSent] = useState<unknown>(null);
  const [error, setError] = useState<unknown>(null);
  const money = (n: number | null) => (n === null ? '—' : `${formatMoney(n)} ${currency}`);
  const num = (s: string) => (s.trim() === '' ? NaN : Number(s));

  const loadExample = async () => {
    setError(null);
    try {
      const x = await api<Input>('/api/v1/costing/collection/example');
      setCurrency(x.currency);
      setLines(
        x.fixedCosts.map((l) => ({
          name: l.name,
          group: l.group,
          units: String(l.units),
          unitCost: formatMoney(l.unitCost),
          monthlyCost: l.monthlyCost === undefined ? '' : formatMoney(l.monthlyCost),
          allocation: String(Math.round(l.allocation * 1e7) / 1e5),
        })),
      );
      setRates(x.variableRates.map((r) => ({ name: r.name, rate: String(Math.round(r.rate * 100000) / 1000) })));
      setPeriods(
        x.periods.map((p) => ({
          label: p.label,
          months: String(p.months),
          premiumsPaid: String(p.premiumsPaid),
          premiumIncome: formatMoney(p.premiumIncome),
          providerPayments: p.providerPayments === undefined ? '' : formatMoney(p.providerPayments),
        })),
      );
      setResult(null);
    } catch (x) {
      setError(x);
    }
  };

  const compute = async (e: FormEvent) => {
    e.preventDefault();
    setError(null);
    try {
      const input: Input = {
        currency,
        fixedCosts: lines.map((l) => ({
          name: l.name,
          group: l.group,
          units: num(l.units),
          unitCost: parseMoney(l.unitCost) ?? NaN,
          ...(l.monthlyCost.trim() ? { monthlyCost: parseMoney(l.monthlyCost) ?? NaN } : {}),
          allocation: num(l.allocation) / 100,
        })),
        variableRates: rates.map((r) => ({ name: r.name, rate: num(r.rate) / 100 })),
        periods: periods.map((p) => ({
          label: p.label,
          months: num(p.months),
          premiumsPaid: num(p.premiumsPaid),
          premiumIncome: parseMoney(p.premiumIncome) ?? NaN,
          ...(p.providerPayments.trim() ? { providerPayments: parseMoney(p.providerPayments) ?? NaN } : {}),
        })),
      };
      setResult(await api<Result>('/api/v1/costing/collection', { method: 'POST', json: input }));
      setSent(input);
    } catch (x) {
      setResult(null);
      setError(x);
    }
  };
  const bad = (field: string) => (error instanceof ApiError ? error.fieldError(field) : undefined);
  const cell = (
    field: string,
    value: string,
    onChange: (v: string) => void,
    props: { inputMode?: 'decimal' | 'numeric'; label: string },
  ) => (
    <td>
      <input
        aria-label={props.label}
        name={field}
        value={value}
        inputMode={props.inputMode}
        onChange={(e) => onChange(e.target.value)}
        aria-invalid={Boolean(bad(field))}
        title={bad(field)}
      />
    </td>
  );
  const setLine = (i: number, c: Partial<FixedLine>) => setLines(lines.map((l, j) => (j === i ? { ...l, ...c } : l)));
  const setRate = (i: number, c: Partial<Rate>) => setRates(rates.map((l, j) => (j === i ? { ...l, ...c } : l)));
  const setPeriod = (i: number, c: Partial<Period>) =>
    setPeriods(periods.map((l, j) => (j === i ? { ...l, ...c } : l)));

  return (
    <section>
      <div className="title-row">
        <h1>{t('costing.title')}</h1>
        <button type="button" onClick={() => void loadExample()}>
          {t('costing.example')}
        </button>
      </div>
      <p>{t('costing.intro')}</p>
      <form onSubmit={compute} aria-label={t('costing.title')}>
        <label className="filter">
          {t('costing.currency')}{' '}
          <input
            name="currency"
            value={currency}
            onChange={(e) => setCurrency(e.target.value.toUpperCase())}
            size={4}
          />
        </label>
        <h2>{t('costing.fixed')}</h2>
        <table className="list edit" aria-label={t('costing.fixed')}>
          <thead>
            <tr>
              <th>{t('costing.line')}</th>
              <th>{t('costing.group')}</th>
              <th>{t('costing.units')}</th>
              <th>{t('costing.unitCost')}</th>
              <th>{t('costing.monthlyCost')}</th>
              <th>{t('costing.allocation')}</th>
              <th />
            </tr>
          </thead>
          <tbody>
            {lines.map((l, i) => (
              <tr key={i}>
                {cell(`fixedCosts.${i}.name`, l.name, (v) => setLine(i, { name: v }), { label: t('costing.line') })}
                <td>
                  <select
                    aria-label={t('costing.group')}
                    value={l.group}
                    onChange={(e) => setLine(i, { group: e.target.value as FixedLine['group'] })}
                  >
                    <option value="direct">{t('costing.direct')}</option>
                    <option value="indirect">{t('costing.indirect')}</option>
                  </select>
                </td>
                {cell(`fixedCosts.${i}.units`, l.units, (v) => setLine(i, { units: v }), {
                  inputMode: 'decimal',
                  label: t('costing.units'),
                })}
                {cell(`fixedCosts.${i}.unitCost`, l.unitCost, (v) => setLine(i, { unitCost: v }), {
                  inputMode: 'decimal',
                  label: t('costing.unitCost'),
                })}
                {cell(`fixedCosts.${i}.monthlyCost`, l.monthlyCost, (v) => setLine(i, { monthlyCost: v }), {
                  inputMode: 'decimal',
                  label: t('costing.monthlyCost'),
                })}
                {cell(`fixedCosts.${i}.allocation`, l.allocation, (v) => setLine(i, { allocation: v }), {
                  inputMode: 'decimal',
                  label: t('costing.allocation'),
                })}
                <td>
                  <button type="button" className="link" onClick={() => setLines(lines.filter((_, j) => j !== i))}>
                    {t('common.remove')}
                  </button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
        <button type="button" onClick={() => setLines([...lines, blankLine()])}>
          {t('costing.addLine')}
        </button>
        <h2>{t('costing.variable')}</h2>
        <table className="list edit" aria-label={t('costing.variable')}>
          <thead>
            <tr>
              <th>{t('costing.line')}</th>
              <th>{t('costing.rate')}</th>
              <th />
            </tr>
          </thead>
          <tbody>
            {rates.map((r, i) => (
              <tr key={i}>
                {cell(`variableRates.${i}.name`, r.name, (v) => setRate(i, { name: v }), { label: t('costing.line') })}
                {cell(`variableRates.${i}.rate`, r.rate, (v) => setRate(i, { rate: v }), {
                  inputMode: 'decimal',
                  label: t('costing.rate'),
                })}
                <td>
                  <button type="button" className="link" onClick={() => setRates(rates.filter((_, j) => j !== i))}>
                    {t('common.remove')}
                  </button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
        <button type="button" onClick={() => setRates([...rates, { name: '', rate: '' }])}>
          {t('costing.addRate')}
        </button>
        <h2>{t('costing.periods')}</h2>
        <table className="list edit" aria-label={t('costing.periods')}>
          <thead>
            <tr>
              <th>{t('costing.period')}</th>
              <th>{t('costing.months')}</th>
              <th>{t('costing.premiumsPaid')}</th>
              <th>{t('costing.premiumIncome')}</th>
              <th>{t('costing.providerPayments')}</th>
              <th />
            </tr>
          </thead>
          <tbody>
            {periods.map((p, i) => (
              <tr key={i}>
                {cell(`periods.${i}.label`, p.label, (v) => setPeriod(i, { label: v }), { label: t('costing.period') })}
                {cell(`periods.${i}.months`, p.months, (v) => setPeriod(i, { months: v }), {
                  inputMode: 'numeric',
                  label: t('costing.months'),
                })}
                {cell(`periods.${i}.premiumsPaid`, p.premiumsPaid, (v) => setPeriod(i, { premiumsPaid: v }), {
                  inputMode: 'numeric',
                  label: t('costing.premiumsPaid'),
                })}
                {cell(`periods.${i}.premiumIncome`, p.premiumIncome, (v) => setPeriod(i, { premiumIncome: v }), {
                  inputMode: 'decimal',
                  label: t('costing.premiumIncome'),
                })}
                {cell(
                  `periods.${i}.providerPayments`,
                  p.providerPayments,
                  (v) => setPeriod(i, { providerPayments: v }),
                  { inputMode: 'decimal', label: t('costing.providerPayments') },
                )}
                <td>
                  <button type="button" className="link" onClick={() => setPeriods(periods.filter((_, j) => j !== i))}>
                    {t('common.remove')}
                  </button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
        <button type="button" onClick={() => setPeriods([...periods, blankPeriod()])}>
          {t('costing.addPeriod')}
        </button>
        <ErrorNote error={error} />
        {error instanceof ApiError && (
          <ul className="reasons" role="alert">
            {error.problem.errors?.map((e) => (
              <li key={e.field}>
                <code>{e.field}</code> {e.reason}
              </li>
            ))}
          </ul>
        )}
        <p>
          <button type="submit" className="primary">
            {t('costing.compute')}
          </button>
        </p>
      </form>
      {result && (
        <>
          <h2>{t('costing.results')}</h2>
          <ExportButtons path="/api/v1/costing/collection" body={sent} name="collection-costing" />
          <dl className="facts" aria-label={t('costing.results')}>
            <dt>{t('costing.monthlyFixed')}</dt>
            <dd>
              {money(result.monthlyFixedCost)} ({t('costing.direct')} {money(result.directMonthlyCost)},{' '}
              {t('costing.indirect')} {money(result.indirectMonthlyCost)})
            </dd>
            <dt>{t('costing.totalCollection')}</dt>
            <dd>
              {money(result.totalCollectionCost)} ({t('costing.fixedShort')} {money(result.fixedCost)},{' '}
              {t('costing.variableShort')} {money(result.variableCost)})
            </dd>
            <dt>{t('costing.averagePremium')}</dt>
            <dd>{money(result.averagePremium)}</dd>
            <dt>{t('costing.costPerPremium')}</dt>
            <dd>
              {money(result.costPerPremium)} · {pct(result.collectionCostShare)} {t('costing.ofIncome')}
            </dd>
            <dt>{t('costing.margin')}</dt>
            <dd>{money(result.unitContributionMargin)}</dd>
            <dt>{t('costing.breakEven')}</dt>
            <dd>
              {result.breakEvenPremiumsPerMonth === null
                ? '—'
                : t('costing.perMonth', {
                    n: result.breakEvenPremiumsPerMonth,
                    q: Math.ceil(result.breakEvenPremiumsPerMonth * 3),
                  })}
            </dd>
            <dt>{t('costing.totalCost')}</dt>
            <dd>
              {money(result.totalCost)} ({t('costing.providerPayments')} {money(result.providerPayments)})
            </dd>
            <dt>{result.deficit >= 0 ? t('costing.deficit') : t('costing.surplus')}</dt>
            <dd>
              {money(Math.abs(result.deficit))} ·{' '}
              {money(result.deficitPerPremium === null ? null : Math.abs(result.deficitPerPremium))}{' '}
              {t('costing.perPremium')}
            </dd>
          </dl>
          {result.notes.map((n) => (
            <p key={n} className="error">
              {n}
            </p>
          ))}
          <table className="list" aria-label={t('costing.proportional')}>
            <thead>
              <tr>
                <th>{t('costing.line')}</th>
                <th className="amount">{t('costing.monthlyCost')}</th>
                <th className="amount">{t('costing.allocation')}</th>
                <th className="amount">{t('costing.proportional')}</th>
                <th className="amount">{t('costing.share')}</th>
              </tr>
            </thead>
            <tbody>
              {result.lines.map((l, i) => (
                <tr key={i}>
                  <td>{l.name}</td>
                  <td className="amount">{formatMoney(l.monthlyCost)}</td>
                  <td className="amount">{pct(l.allocation)}</td>
                  <td className="amount">{formatMoney(l.proportionalCost)}</td>
                  <td className="amount">{pct(l.share)}</td>
                </tr>
              ))}
            </tbody>
          </table>
          <table className="list" aria-label={t('costing.byPeriod')}>
            <thead>
              <tr>
                <th>{t('costing.period')}</th>
                <th className="amount">{t('costing.premiumsPaid')}</th>
                <th className="amount">{t('costing.breakEvenShort')}</th>
                <th className="amount">{t('costing.premiumIncome')}</th>
                <th className="amount">{t('costing.totalCost')}</th>
                <th className="amount">{t('costing.balance')}</th>
                <th className="amount">{t('costing.cumulative')}</th>
              </tr>
            </thead>
            <tbody>
              {result.periods.map((p, i) => (
                <tr key={i} className={p.aboveBreakEven === false ? 'overdue' : undefined}>
                  <td>{p.label}</td>
                  <td className="amount">{p.premiumsPaid}</td>
                  <td className="amount">{p.breakEvenPremiums ?? '—'}</td>
                  <td className="amount">{formatMoney(p.premiumIncome)}</td>
                  <td className="amount">{formatMoney(p.totalCost)}</td>
                  <td className="amount">{formatMoney(p.balance)}</td>
                  <td className="amount">{formatMoney(p.cumulativeBalance)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </>
      )}
    </section>
  );
}
