import { useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError, query } from '../api';
import { useCan } from '../session';
import { ErrorNote, Field, formatMoney, MoreButton, parseMoney, usePagedList } from '../ui';
import { useRegistryChoices } from '../registry/member-fields';
import { useCurrency } from '../schemes/rules-page';

interface Invoice {
  id: string;
  currency: string;
  amount: number;
  memberPart: number;
  employerPart: number;
  payerParts: { payerId: string; amount: number }[];
  state: 'open' | 'superseded';
  settledOn: string | null;
}

interface Declaration {
  id: string;
  employerId: string;
  period: string;
  version: number;
  state: 'current' | 'superseded';
  lineCount: number;
  createdAt: string;
  invoice: Invoice;
}

/** Employers' monthly payroll declarations and the invoices they produce. */
export function DeclarationsPage() {
  const { t } = useTranslation();
  const can = useCan();
  const client = useQueryClient();
  const { employers } = useRegistryChoices();
  const { mu } = useCurrency();
  const [filter, setFilter] = useState({ employerId: '', period: '' });
  const list = usePagedList<Declaration>('/api/v1/declarations', { ...filter, limit: 50 });
  const [d, setD] = useState({ employerId: '', period: new Date().toISOString().slice(0, 7) });
  const [file, setFile] = useState<File | null>(null);
  // A small employer types its few lines; a large one uploads its payroll file.
  const [typed, setTyped] = useState(false);
  const blankLine = { memberNumber: '', wage: '', daysWorked: '' };
  const [lines, setLines] = useState([blankLine]);
  const [error, setError] = useState<unknown>(null);
  const [done, setDone] = useState<Declaration | null>(null);
  // One key per declaration typed: a second click, or a retry after a lost answer, declares once.
  const [key, setKey] = useState(() => crypto.randomUUID());
  const err = (f: string) => (error instanceof ApiError ? error.fieldError(f) : undefined);
  const money = (n: number) => formatMoney(n, mu);
  const employerName = (id: string) => employers.find((e) => e.id === id)?.name ?? id;

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setError(null);
    setDone(null);
    if (!typed && !file) return;
    try {
      const res = typed
        ? await fetch('/api/v1/declarations', {
            method: 'POST',
            credentials: 'same-origin',
            headers: { 'content-type': 'application/json', 'idempotency-key': key },
            body: JSON.stringify({
              ...d,
              lines: lines.map((l) => ({
                memberNumber: l.memberNumber.trim(),
                wage: parseMoney(l.wage, mu),
                daysWorked: l.daysWorked === '' ? null : Number(l.daysWorked),
              })),
            }),
          })
        : await fetch(`/api/v1/declarations/csv${query(d)}`, {
            method: 'POST',
            credentials: 'same-origin',
            headers: { 'content-type': 'text/csv', 'idempotency-key': key },
            body: await file!.text(),
          });
      const body = await res.json();
      if (!res.ok) throw new ApiError(res.status, body);
      setDone(body as Declaration);
      setKey(crypto.randomUUID());
      setLines([blankLine]);
      await client.invalidateQueries({ queryKey: ['/api/v1/declarations'] });
    } catch (x) {
      setError(x);
    }
  };
  const lineErrors =
    error instanceof ApiError
      ? (error.problem.errors ?? []).filter((e) => !['employerId', 'period', 'file'].includes(e.field))
      : [];

  return (
    <section>
      <h1>{t('declarations.title')}</h1>
      {can('contribution.manage') && (
        <form onSubmit={submit} className="form" aria-label={t('declarations.declare')}>
          <div className="grid">
            <Field label={t('declarations.employer')} error={err('employerId')}>
              <select
                name="employerId"
                value={d.employerId}
                onChange={(e) => setD({ ...d, employerId: e.target.value })}
                required
              >
                <option value="">—</option>
                {employers.map((x) => (
                  <option key={x.id} value={x.id}>
                    {x.name}
                  </option>
                ))}
              </select>
            </Field>
            <Field label={t('declarations.period')} error={err('period')}>
              <input
                name="period"
                type="month"
                value={d.period}
                onChange={(e) => setD({ ...d, period: e.target.value })}
                required
              />
            </Field>
            {!typed && (
              <Field label={t('declarations.file')} error={err('file')} hint={t('declarations.fileHint')}>
                <input
                  name="file"
                  type="file"
                  accept=".csv,text/csv"
                  onChange={(e) => setFile(e.target.files?.[0] ?? null)}
                  required
                />
              </Field>
            )}
          </div>
          <label className="check">
            <input type="checkbox" name="typed" checked={typed} onChange={(e) => setTyped(e.target.checked)} />{' '}
            {t('declarations.typeLines')}
          </label>
          {typed && (
            <table className="list lines" aria-label={t('declarations.typedLines')}>
              <thead>
                <tr>
                  <th>{t('declarations.memberNumber')}</th>
                  <th>{t('declarations.wage')}</th>
                  <th>{t('declarations.daysWorked')}</th>
                </tr>
              </thead>
              <tbody>
                {lines.map((l, i) => {
                  const set = (change: Partial<typeof l>) =>
                    setLines(lines.map((x, j) => (j === i ? { ...x, ...change } : x)));
                  return (
                    <tr key={i}>
                      <td>
                        <input
                          aria-label={`${t('declarations.memberNumber')} ${i + 1}`}
                          value={l.memberNumber}
                          onChange={(e) => set({ memberNumber: e.target.value })}
                          required
                        />
                      </td>
                      <td>
                        <input
                          aria-label={`${t('declarations.wage')} ${i + 1}`}
                          inputMode="decimal"
                          value={l.wage}
                          onChange={(e) => set({ wage: e.target.value })}
                        />
                      </td>
                      <td>
                        <input
                          aria-label={`${t('declarations.daysWorked')} ${i + 1}`}
                          type="number"
                          min={0}
                          max={31}
                          value={l.daysWorked}
                          onChange={(e) => set({ daysWorked: e.target.value })}
                        />
                      </td>
                    </tr>
                  );
                })}
              </tbody>
            </table>
          )}
          {typed && (
            <button type="button" onClick={() => setLines([...lines, blankLine])}>
              {t('declarations.addLine')}
            </button>
          )}
          <ErrorNote error={error} />
          {lineErrors.length > 0 && (
            <ul className="errors">
              {lineErrors.map((x, i) => (
                <li key={i}>
                  {x.field}: {x.reason}
                </li>
              ))}
            </ul>
          )}
          <button type="submit" className="primary">
            {t('declarations.declare')}
          </button>
        </form>
      )}
      {done && (
        <p className="done" role="status">
          {t('declarations.done', {
            version: done.version,
            lines: done.lineCount,
            amount: money(done.invoice.amount),
            members: money(done.invoice.memberPart),
            employer: money(done.invoice.employerPart),
            currency: done.invoice.currency,
          })}
        </p>
      )}
      <div className="form inline">
        <Field label={t('declarations.employer')}>
          <select value={filter.employerId} onChange={(e) => setFilter({ ...filter, employerId: e.target.value })}>
            <option value="">{t('declarations.all')}</option>
            {employers.map((x) => (
              <option key={x.id} value={x.id}>
                {x.name}
              </option>
            ))}
          </select>
        </Field>
        <Field label={t('declarations.period')}>
          <input
            type="month"
            value={filter.period}
            onChange={(e) => setFilter({ ...filter, period: e.target.value })}
          />
        </Field>
      </div>
      <ErrorNote error={list.error} />
      <table className="list" aria-label={t('declarations.title')}>
        <thead>
          <tr>
            <th>{t('declarations.employer')}</th>
            <th>{t('declarations.period')}</th>
            <th>{t('declarations.version')}</th>
            <th>{t('declarations.lines')}</th>
            <th>{t('declarations.amount')}</th>
            <th>{t('declarations.memberPart')}</th>
            <th>{t('declarations.employerPart')}</th>
            <th>{t('declarations.state')}</th>
            <th>{t('declarations.settledOn')}</th>
          </tr>
        </thead>
        <tbody>
          {list.data?.pages
            .flatMap((p) => p.items)
            .map((x) => (
              <tr key={x.id} className={x.state === 'superseded' ? 'superseded' : undefined}>
                <td>{employerName(x.employerId)}</td>
                <td>{x.period}</td>
                <td>{x.version}</td>
                <td>{x.lineCount}</td>
                <td>
                  {money(x.invoice.amount)} {x.invoice.currency}
                </td>
                <td>{money(x.invoice.memberPart)}</td>
                <td>{money(x.invoice.employerPart)}</td>
                <td>{t(`declarations.${x.state}`)}</td>
                <td>{x.invoice.settledOn ?? (x.state === 'current' ? t('declarations.unpaid') : '')}</td>
              </tr>
            ))}
        </tbody>
      </table>
      <MoreButton list={list} />
    </section>
  );
}
