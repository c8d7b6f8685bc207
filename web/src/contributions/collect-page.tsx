import { useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { api, ApiError, query } from '../api';
import { useMe } from '../session';
import { ErrorNote, Field, formatMoney } from '../ui';
import { useCurrency } from '../schemes/rules-page';
import { percent, useCampaigns, useCollectors } from './collection';

interface Quote {
  householdId: string;
  productId: string;
  coverFrom: string;
  coverTo: string;
  persons: number;
  members: { id: string; memberNumber: string; nameLatin: string }[];
  contribution: number;
  registrationFee: number;
  discount: number;
  amount: number;
}

interface Receipt {
  receiptNumber: string;
  amount: number;
  commission: number;
  coverFrom: string;
  coverTo: string;
  persons: number;
}

const today = () => new Date().toISOString().slice(0, 10);

/**
 * The collector's page, made for a phone in the village: find the household by a member's
 * number, see what it owes and whom it covers, note its intention to enrol, take the premium
 * and give the receipt.
 */
export function CollectPage() {
  const { t } = useTranslation();
  const me = useMe();
  const client = useQueryClient();
  const { currency, mu } = useCurrency();
  const collectors = useCollectors().data?.items ?? [];
  const open = (useCampaigns().data?.items ?? []).filter((c) => c.opensOn <= today() && today() <= c.closesOn);
  const mine = collectors.find((c) => c.username === me.username);
  const [campaignId, setCampaignId] = useState('');
  const [collectorId, setCollectorId] = useState('');
  const [memberNumber, setMemberNumber] = useState('');
  const [quote, setQuote] = useState<Quote | null>(null);
  const [receiptNumber, setReceiptNumber] = useState('');
  const [receipt, setReceipt] = useState<Receipt | null>(null);
  const [note, setNote] = useState('');
  const [error, setError] = useState<unknown>(null);
  const money = (n: number) => `${formatMoney(n, mu)} ${currency}`;
  const campaign = open.find((c) => c.id === campaignId);
  const err = (f: string) => (error instanceof ApiError ? error.fieldError(f) : undefined);

  const find = async (e: FormEvent) => {
    e.preventDefault();
    setError(null);
    setQuote(null);
    setReceipt(null);
    setNote('');
    try {
      setQuote(await api<Quote>(`/api/v1/premiums/quote${query({ memberNumber, campaignId, date: today() })}`));
    } catch (x) {
      setError(x);
    }
  };
  const intend = async () => {
    setError(null);
    try {
      const c = await api<{ progress: { intentionRateBp: number } }>(`/api/v1/campaigns/${campaignId}/intentions`, {
        method: 'POST',
        json: { memberNumber, collectorId: collectorId || mine?.id || null },
      });
      setNote(t('collect.intended', { rate: percent(c.progress.intentionRateBp) }));
      await client.invalidateQueries({ queryKey: ['/api/v1/campaigns'] });
    } catch (x) {
      setError(x);
    }
  };
  const collect = async () => {
    if (!quote) return;
    setError(null);
    try {
      const body = {
        memberNumber,
        amount: quote.amount,
        collectedOn: today(),
        ...(campaignId ? { campaignId } : { productId: quote.productId }),
        ...(collectorId ? { collectorId } : {}),
        ...(receiptNumber ? { receiptNumber } : {}),
      };
      setReceipt(await api<Receipt>('/api/v1/premiums', { method: 'POST', json: body }));
      setNote('');
      setQuote(null);
      setReceiptNumber('');
      await client.invalidateQueries({ queryKey: ['/api/v1/campaigns'] });
    } catch (x) {
      setError(x);
    }
  };

  return (
    <section className="collect">
      <h1>{t('collect.title')}</h1>
      <form onSubmit={find} className="form narrow" aria-label={t('collect.find')}>
        <Field label={t('collect.campaign')} error={err('campaignId')}>
          <select name="campaignId" value={campaignId} onChange={(e) => setCampaignId(e.target.value)}>
            <option value="">{t('collect.renewal')}</option>
            {open.map((c) => (
              <option key={c.id} value={c.id}>
                {c.name} ({c.groupName})
              </option>
            ))}
          </select>
        </Field>
        {campaign && (
          <p className={campaign.progress.thresholdMet ? 'done' : 'warning'}>
            {t('collect.progress', {
              rate: percent(campaign.progress.intentionRateBp),
              threshold: percent(campaign.thresholdBp),
            })}
          </p>
        )}
        {!mine && (
          <Field label={t('collect.collector')} error={err('collectorId')}>
            <select name="collectorId" value={collectorId} onChange={(e) => setCollectorId(e.target.value)}>
              <option value="">—</option>
              {collectors
                .filter((c) => c.active)
                .map((c) => (
                  <option key={c.id} value={c.id}>
                    {c.name}
                  </option>
                ))}
            </select>
          </Field>
        )}
        <Field label={t('collect.memberNumber')} error={err('memberNumber')}>
          <input
            name="memberNumber"
            value={memberNumber}
            onChange={(e) => setMemberNumber(e.target.value.trim())}
            autoComplete="off"
            required
          />
        </Field>
        <button type="submit" className="primary">
          {t('collect.find')}
        </button>
        <p>
          <Link to="/members/new">{t('collect.register')}</Link>
        </p>
      </form>
      <ErrorNote error={error} />
      {error instanceof ApiError &&
        (error.problem.errors ?? []).map((x) => (
          <p key={x.field} className="error" role="alert">
            {x.reason}
          </p>
        ))}
      {note && (
        <p className="done" role="status">
          {note}
        </p>
      )}
      {quote && (
        <div className="quote" aria-label={t('collect.due')}>
          <h2>{t('collect.due')}</h2>
          <ul>
            {quote.members.map((m) => (
              <li key={m.id}>
                {m.nameLatin} <small>{m.memberNumber}</small>
              </li>
            ))}
          </ul>
          <dl>
            <dt>{t('collect.cover')}</dt>
            <dd>
              {quote.coverFrom} – {quote.coverTo}
            </dd>
            <dt>{t('collect.contribution', { persons: quote.persons })}</dt>
            <dd>{money(quote.contribution)}</dd>
            {quote.registrationFee > 0 && (
              <>
                <dt>{t('collect.fee')}</dt>
                <dd>{money(quote.registrationFee)}</dd>
              </>
            )}
            {quote.discount > 0 && (
              <>
                <dt>{t('collect.discount')}</dt>
                <dd>−{money(quote.discount)}</dd>
              </>
            )}
            <dt>{t('collect.total')}</dt>
            <dd className="total">{money(quote.amount)}</dd>
          </dl>
          {campaignId && (
            <button type="button" onClick={() => void intend()}>
              {t('collect.intends')}
            </button>
          )}
          <Field label={t('collect.receiptNumber')} hint={t('collect.receiptHint')} error={err('receiptNumber')}>
            <input name="receiptNumber" value={receiptNumber} onChange={(e) => setReceiptNumber(e.target.value)} />
          </Field>
          <button type="button" className="primary" onClick={() => void collect()}>
            {t('collect.collect', { amount: money(quote.amount) })}
          </button>
        </div>
      )}
      {receipt && (
        <div className="receipt done" role="status">
          <h2>{t('collect.receipt', { number: receipt.receiptNumber })}</h2>
          <p>
            {t('collect.receiptText', {
              amount: money(receipt.amount),
              persons: receipt.persons,
              from: receipt.coverFrom,
              to: receipt.coverTo,
            })}
          </p>
          <p>{t('collect.commission', { amount: money(receipt.commission) })}</p>
        </div>
      )}
    </section>
  );
}
