import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { api, ApiError, type Page } from '../api';
import { useScheme } from '../registry/draft';
import { useCan } from '../session';
import { ErrorNote, Field, formatMoney, parseMoney } from '../ui';
import { percent } from '../contributions/collection';
import { FacilitySelect } from './facility-select';
import { useCases, useCategories, usePriceLists } from './claims';

/**
 * What facilities are paid for and how (seeds 001 and 003): the case catalogue, price lists,
 * each facility's contract with a mechanism per care category, and its quality scores.
 */
export function ProvidersPage() {
  const { t } = useTranslation();
  return (
    <section>
      <h1>{t('providers.title')}</h1>
      <Contracts />
      <Quality />
      <Cases />
      <PriceLists />
    </section>
  );
}

interface Contract {
  id: string;
  facilityId: string;
  facilityName: string;
  startsOn: string;
  endsOn: string | null;
  categories: ({ category: string; mechanism: string } & Record<string, unknown>)[];
}

const MECHANISMS = ['case', 'fee_for_service', 'lump_sum', 'capitation', 'relative'] as const;

interface Term {
  category: string;
  mechanism: (typeof MECHANISMS)[number];
  amount: string;
  priceListId: string;
  share: string;
  members: 'catchment' | 'assigned';
}

function Contracts() {
  const { t } = useTranslation();
  const can = useCan();
  const client = useQueryClient();
  const minor = useScheme().data?.currencyMinorUnits ?? 2;
  const categories = useCategories();
  const lists = usePriceLists();
  const contracts = useQuery({
    queryKey: ['/api/v1/contracts'],
    queryFn: () => api<Page<Contract>>('/api/v1/contracts?limit=500'),
  });
  const [facilityId, setFacilityId] = useState('');
  const [startsOn, setStartsOn] = useState('');
  const [terms, setTerms] = useState<Term[]>([]);
  const [error, setError] = useState<unknown>(null);
  const money = (n: unknown) => formatMoney(Number(n), minor);

  const basis = (c: Contract['categories'][number]) => {
    switch (c.mechanism) {
      case 'lump_sum':
        return t('providers.perMonth', { amount: money(c.amountPerMonth) });
      case 'capitation': {
        const b = c.basis as { kind: string; amountPerMember?: number; shareBp?: number; members?: string };
        return b.kind === 'per_member'
          ? `${t('providers.perMember', { amount: money(b.amountPerMember) })} (${t(`providers.${b.members ?? 'catchment'}`)})`
          : t('providers.share', { share: percent(b.shareBp ?? 0) });
      }
      case 'fee_for_service':
        return lists.data?.items.find((l) => l.id === c.priceListId)?.name ?? '';
      case 'relative':
        return t('providers.share', { share: percent(Number(c.shareBp)) });
      default:
        return '';
    }
  };

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setError(null);
    try {
      await api('/api/v1/contracts', {
        method: 'POST',
        json: {
          facilityId,
          startsOn,
          categories: terms.map((x) => {
            const common = { category: x.category, mechanism: x.mechanism };
            if (x.mechanism === 'lump_sum') return { ...common, amountPerMonth: parseMoney(x.amount, minor) };
            if (x.mechanism === 'capitation')
              return {
                ...common,
                basis: { kind: 'per_member', amountPerMember: parseMoney(x.amount, minor), members: x.members },
              };
            if (x.mechanism === 'fee_for_service') return { ...common, priceListId: x.priceListId };
            if (x.mechanism === 'relative')
              return { ...common, shareBp: Math.round(Number(x.share) * 100), priceListId: x.priceListId || null };
            return common;
          }),
        },
      });
      setTerms([]);
      await client.invalidateQueries({ queryKey: ['/api/v1/contracts'] });
    } catch (x) {
      setError(x);
    }
  };
  const err = (f: string) => (error instanceof ApiError ? error.fieldError(f) : undefined);
  const setTerm = (i: number, change: Partial<Term>) =>
    setTerms(terms.map((x, j) => (j === i ? { ...x, ...change } : x)));

  return (
    <>
      <h2>{t('providers.contracts')}</h2>
      <ErrorNote error={contracts.error} />
      <table className="list" aria-label={t('providers.contracts')}>
        <thead>
          <tr>
            <th>{t('claims.facility')}</th>
            <th>{t('providers.period')}</th>
            <th>{t('providers.howPaid')}</th>
          </tr>
        </thead>
        <tbody>
          {contracts.data?.items.map((k) => (
            <tr key={k.id}>
              <td>{k.facilityName}</td>
              <td>
                {k.startsOn} – {k.endsOn ?? t('providers.openEnd')}
              </td>
              <td>
                {k.categories.map((c) => (
                  <div key={c.category}>
                    {c.category}: {t(`mechanism.${c.mechanism}`)} {basis(c)}
                  </div>
                ))}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      {can('contract.manage') && (
        <form className="form" onSubmit={submit} aria-label={t('providers.newContract')}>
          <h3>{t('providers.newContract')}</h3>
          <p className="small">{t('providers.newContractHelp')}</p>
          <div className="grid">
            <Field label={t('claims.facility')} error={err('facilityId')}>
              <FacilitySelect name="facilityId" value={facilityId} onChange={setFacilityId} required />
            </Field>
            <Field label={t('providers.startsOn')} error={err('startsOn')}>
              <input
                name="startsOn"
                type="date"
                value={startsOn}
                onChange={(e) => setStartsOn(e.target.value)}
                required
              />
            </Field>
          </div>
          {terms.map((x, i) => (
            <div className="line" key={i}>
              <Field label={t('claims.care')} error={err(`categories.${i}.category`)}>
                <select
                  name={`category.${i}`}
                  value={x.category}
                  onChange={(e) => setTerm(i, { category: e.target.value })}
                >
                  <option value="">—</option>
                  {categories.data?.items.map((c) => (
                    <option key={c.code} value={c.code}>
                      {c.name}
                    </option>
                  ))}
                </select>
              </Field>
              <Field label={t('providers.mechanism')}>
                <select
                  name={`mechanism.${i}`}
                  value={x.mechanism}
                  onChange={(e) => setTerm(i, { mechanism: e.target.value as Term['mechanism'] })}
                >
                  {MECHANISMS.map((m) => (
                    <option key={m} value={m}>
                      {t(`mechanism.${m}`)}
                    </option>
                  ))}
                </select>
              </Field>
              {(x.mechanism === 'lump_sum' || x.mechanism === 'capitation') && (
                <Field label={t(x.mechanism === 'lump_sum' ? 'providers.amountPerMonth' : 'providers.amountPerMember')}>
                  <input
                    name={`amount.${i}`}
                    inputMode="decimal"
                    value={x.amount}
                    onChange={(e) => setTerm(i, { amount: e.target.value })}
                  />
                </Field>
              )}
              {x.mechanism === 'capitation' && (
                <Field label={t('providers.members')}>
                  <select
                    name={`members.${i}`}
                    value={x.members}
                    onChange={(e) => setTerm(i, { members: e.target.value as Term['members'] })}
                  >
                    <option value="catchment">{t('providers.catchment')}</option>
                    <option value="assigned">{t('providers.assigned')}</option>
                  </select>
                </Field>
              )}
              {x.mechanism === 'relative' && (
                <Field label={t('providers.sharePercent')}>
                  <input
                    name={`share.${i}`}
                    inputMode="decimal"
                    value={x.share}
                    onChange={(e) => setTerm(i, { share: e.target.value })}
                  />
                </Field>
              )}
              {(x.mechanism === 'fee_for_service' || x.mechanism === 'relative') && (
                <Field label={t('providers.priceList')}>
                  <select
                    name={`priceList.${i}`}
                    value={x.priceListId}
                    onChange={(e) => setTerm(i, { priceListId: e.target.value })}
                  >
                    <option value="">—</option>
                    {lists.data?.items.map((l) => (
                      <option key={l.id} value={l.id}>
                        {l.name}
                      </option>
                    ))}
                  </select>
                </Field>
              )}
              <button type="button" className="link" onClick={() => setTerms(terms.filter((_, j) => j !== i))}>
                {t('common.remove')}
              </button>
            </div>
          ))}
          <button
            type="button"
            onClick={() =>
              setTerms([
                ...terms,
                { category: '', mechanism: 'case', amount: '', priceListId: '', share: '', members: 'catchment' },
              ])
            }
          >
            {t('providers.addCategory')}
          </button>
          <ErrorNote error={error} />
          <button type="submit" className="primary" disabled={!terms.length}>
            {t('common.save')}
          </button>
        </form>
      )}
    </>
  );
}

interface Assessment {
  id: string;
  assessedOn: string;
  score: number;
  coefficientBp: number;
  note: string | null;
}

function Quality() {
  const { t } = useTranslation();
  const can = useCan();
  const client = useQueryClient();
  const [facilityId, setFacilityId] = useState('');
  const [d, setD] = useState({ assessedOn: '', score: '', note: '' });
  const [error, setError] = useState<unknown>(null);
  const path = `/api/v1/facilities/${facilityId}/quality-assessments`;
  const list = useQuery({
    queryKey: [path],
    enabled: !!facilityId,
    queryFn: () => api<{ items: Assessment[] }>(path),
  });
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setError(null);
    try {
      await api(path, {
        method: 'POST',
        json: { assessedOn: d.assessedOn, score: Number(d.score), note: d.note || null },
      });
      setD({ assessedOn: '', score: '', note: '' });
      await client.invalidateQueries({ queryKey: [path] });
    } catch (x) {
      setError(x);
    }
  };
  const err = (f: string) => (error instanceof ApiError ? error.fieldError(f) : undefined);
  return (
    <>
      <h2>{t('providers.quality')}</h2>
      <p className="small">{t('providers.qualityHelp')}</p>
      <Field label={t('claims.facility')}>
        <FacilitySelect name="qualityFacility" value={facilityId} onChange={setFacilityId} />
      </Field>
      {facilityId && (
        <>
          <table className="list" aria-label={t('providers.quality')}>
            <thead>
              <tr>
                <th>{t('providers.assessedOn')}</th>
                <th>{t('providers.score')}</th>
                <th>{t('providers.coefficient')}</th>
                <th>{t('providers.note')}</th>
              </tr>
            </thead>
            <tbody>
              {list.data?.items.map((a) => (
                <tr key={a.id}>
                  <td>{a.assessedOn}</td>
                  <td>{a.score}</td>
                  <td>{percent(a.coefficientBp)}</td>
                  <td>{a.note}</td>
                </tr>
              ))}
            </tbody>
          </table>
          {can('contract.manage') && (
            <form className="form inline" onSubmit={submit} aria-label={t('providers.addScore')}>
              <Field label={t('providers.assessedOn')} error={err('assessedOn')}>
                <input
                  name="assessedOn"
                  type="date"
                  value={d.assessedOn}
                  onChange={(e) => setD({ ...d, assessedOn: e.target.value })}
                  required
                />
              </Field>
              <Field label={t('providers.score')} error={err('score')}>
                <input
                  name="score"
                  inputMode="numeric"
                  value={d.score}
                  onChange={(e) => setD({ ...d, score: e.target.value })}
                  required
                />
              </Field>
              <Field label={t('providers.note')} error={err('note')}>
                <input name="note" value={d.note} onChange={(e) => setD({ ...d, note: e.target.value })} />
              </Field>
              <button type="submit" className="primary">
                {t('providers.addScore')}
              </button>
              <ErrorNote error={error} />
            </form>
          )}
        </>
      )}
    </>
  );
}

function Cases() {
  const { t } = useTranslation();
  const can = useCan();
  const client = useQueryClient();
  const minor = useScheme().data?.currencyMinorUnits ?? 2;
  const cases = useCases();
  const categories = useCategories();
  const blank = { code: '', name: '', category: '', procedures: '', averageCost: '' };
  const [d, setD] = useState(blank);
  const [error, setError] = useState<unknown>(null);
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setError(null);
    try {
      await api('/api/v1/care-cases', {
        method: 'POST',
        json: {
          code: d.code,
          name: d.name,
          category: d.category,
          procedures: d.procedures
            .split(',')
            .map((p) => p.trim())
            .filter(Boolean),
          averageCost: parseMoney(d.averageCost, minor),
        },
      });
      setD(blank);
      await client.invalidateQueries({ queryKey: ['/api/v1/care-cases'] });
    } catch (x) {
      setError(x);
    }
  };
  const err = (f: string) => (error instanceof ApiError ? error.fieldError(f) : undefined);
  return (
    <>
      <h2>{t('providers.cases')}</h2>
      <table className="list" aria-label={t('providers.cases')}>
        <thead>
          <tr>
            <th>{t('claims.code')}</th>
            <th>{t('providers.name')}</th>
            <th>{t('claims.care')}</th>
            <th>{t('providers.procedures')}</th>
            <th className="amount">{t('providers.averageCost')}</th>
          </tr>
        </thead>
        <tbody>
          {cases.data?.items.map((c) => (
            <tr key={c.code}>
              <td>{c.code}</td>
              <td>{c.name}</td>
              <td>{c.category}</td>
              <td className="small">{c.procedures.join(', ')}</td>
              <td className="amount">{formatMoney(c.averageCost, minor)}</td>
            </tr>
          ))}
        </tbody>
      </table>
      {can('contract.manage') && <CasesUpload />}
      {can('contract.manage') && (
        <form className="form inline" onSubmit={submit} aria-label={t('providers.addCase')}>
          {(['code', 'name'] as const).map((f) => (
            <Field key={f} label={t(f === 'code' ? 'claims.code' : 'providers.name')} error={err(f)}>
              <input name={`case.${f}`} value={d[f]} onChange={(e) => setD({ ...d, [f]: e.target.value })} required />
            </Field>
          ))}
          <Field label={t('claims.care')} error={err('category')}>
            <select
              name="case.category"
              value={d.category}
              onChange={(e) => setD({ ...d, category: e.target.value })}
              required
            >
              <option value="">—</option>
              {categories.data?.items.map((c) => (
                <option key={c.code} value={c.code}>
                  {c.name}
                </option>
              ))}
            </select>
          </Field>
          <Field label={t('providers.procedures')} error={err('procedures')}>
            <input
              name="case.procedures"
              value={d.procedures}
              onChange={(e) => setD({ ...d, procedures: e.target.value })}
            />
          </Field>
          <Field label={t('providers.averageCost')} error={err('averageCost')}>
            <input
              name="case.averageCost"
              inputMode="decimal"
              value={d.averageCost}
              onChange={(e) => setD({ ...d, averageCost: e.target.value })}
              required
            />
          </Field>
          <button type="submit" className="primary">
            {t('providers.addCase')}
          </button>
          <ErrorNote error={error} />
        </form>
      )}
    </>
  );
}

/** The catalogue from a CSV file: one bad row and nothing changes, each bad cell named. */
function CasesUpload() {
  const { t } = useTranslation();
  const client = useQueryClient();
  const [file, setFile] = useState<File | null>(null);
  const [done, setDone] = useState<{ created: number; updated: number } | null>(null);
  const [error, setError] = useState<unknown>(null);
  const upload = async (e: FormEvent) => {
    e.preventDefault();
    setError(null);
    setDone(null);
    try {
      setDone(
        await api('/api/v1/care-cases/upload', {
          method: 'POST',
          headers: { 'content-type': 'text/csv' },
          body: await file!.text(),
        }),
      );
      await client.invalidateQueries({ queryKey: ['/api/v1/care-cases'] });
    } catch (x) {
      setError(x);
    }
  };
  return (
    <form className="form inline" onSubmit={upload} aria-label={t('providers.importCases')}>
      <Field label={t('providers.importCases')} hint={t('providers.importCasesHint')}>
        <input
          name="casesFile"
          type="file"
          accept=".csv,text/csv"
          onChange={(e) => setFile(e.target.files?.[0] ?? null)}
        />
      </Field>
      <button type="submit" disabled={!file}>
        {t('providers.import')}
      </button>
      {done && (
        <p className="ok" role="status">
          {t('providers.imported', done)}
        </p>
      )}
      {error instanceof ApiError && error.problem.errors ? (
        <ul className="errors" role="alert">
          {error.problem.errors.map((x, i) => (
            <li key={i}>
              {x.field}: {x.reason}
            </li>
          ))}
        </ul>
      ) : (
        <ErrorNote error={error} />
      )}
    </form>
  );
}

function PriceLists() {
  const { t } = useTranslation();
  const can = useCan();
  const client = useQueryClient();
  const minor = useScheme().data?.currencyMinorUnits ?? 2;
  const lists = usePriceLists();
  const [d, setD] = useState({ code: '', name: '', items: '' });
  const [error, setError] = useState<unknown>(null);
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setError(null);
    try {
      // One item a line: code; name; service or medicine; price.
      const items = d.items
        .split('\n')
        .map((l) => l.trim())
        .filter(Boolean)
        .map((l) => {
          const [code = '', name = '', kind = '', price = ''] = l.split(';').map((x) => x.trim());
          return { code, name, kind, price: parseMoney(price, minor) };
        });
      await api('/api/v1/price-lists', { method: 'POST', json: { code: d.code, name: d.name, items } });
      setD({ code: '', name: '', items: '' });
      await client.invalidateQueries({ queryKey: ['/api/v1/price-lists'] });
    } catch (x) {
      setError(x);
    }
  };
  const err = (f: string) =>
    error instanceof ApiError
      ? (error.fieldError(f) ?? error.problem.errors?.find((x) => x.field.startsWith(`${f}.`))?.reason)
      : undefined;
  return (
    <>
      <h2>{t('providers.priceLists')}</h2>
      {lists.data?.items.map((l) => (
        <details key={l.id}>
          <summary>
            {l.code} · {l.name} ({t('providers.itemCount', { count: l.items.length })})
          </summary>
          <table className="list">
            <tbody>
              {l.items.map((i) => (
                <tr key={i.code}>
                  <td>{i.code}</td>
                  <td>{i.name}</td>
                  <td>{t(`providers.kind.${i.kind}`)}</td>
                  <td className="amount">{formatMoney(i.price, minor)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </details>
      ))}
      {can('contract.manage') && (
        <form className="form" onSubmit={submit} aria-label={t('providers.addPriceList')}>
          <div className="grid">
            <Field label={t('claims.code')} error={err('code')}>
              <input name="list.code" value={d.code} onChange={(e) => setD({ ...d, code: e.target.value })} required />
            </Field>
            <Field label={t('providers.name')} error={err('name')}>
              <input name="list.name" value={d.name} onChange={(e) => setD({ ...d, name: e.target.value })} required />
            </Field>
          </div>
          <Field label={t('providers.items')} error={err('items')} hint={t('providers.itemsHint')}>
            <textarea
              name="list.items"
              rows={5}
              value={d.items}
              onChange={(e) => setD({ ...d, items: e.target.value })}
            />
          </Field>
          <ErrorNote error={error} />
          <button type="submit" className="primary">
            {t('providers.addPriceList')}
          </button>
        </form>
      )}
    </>
  );
}
