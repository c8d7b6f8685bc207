import { useCallback, useEffect, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { CardCheck } from '../../../src/registry/cards/claim169';
import { api, ApiError, query } from '../api';
import { useCan, useMe } from '../session';
import { ErrorNote, Field, formatMoney } from '../ui';
import { useScheme } from '../registry/draft';
import { checkCardOffline, photoUrl, refreshCardKeys } from './card-check';
import { CheckIn } from './check-in';
import { Scanner } from './scanner';

interface Match {
  memberId: string;
  memberNumber: string;
  nameLatin: string;
  nameLocal: string | null;
  birthDate: string;
  sex: 'F' | 'M';
  photoUrl: string | null;
  covered: boolean;
  state: string;
  coveredSince: string | null;
  coveredUntil: string | null;
  categories: { category: string; covered: boolean; waitingUntil: string | null; ceilingLeft: number | null }[];
}

const BY = ['member', 'card', 'fid', 'nid', 'name'] as const;
type By = (typeof BY)[number];

/**
 * The facility desk, made for a phone or a small screen: the card scanned with the camera or its
 * number typed; the photo large enough to compare with the face; covered or not in plain words
 * and colour; one click to check the member in and print the patient form. A card is first
 * checked here, with the scheme's key kept in the browser, so the desk still knows a genuine card
 * from a forged one when the network is down.
 */
export function DeskPage() {
  const { t } = useTranslation();
  const minor = useScheme().data?.currencyMinorUnits ?? 2;
  const me = useMe();
  const can = useCan();
  const [by, setBy] = useState<By>('member');
  const [value, setValue] = useState('');
  const [scanning, setScanning] = useState(false);
  const [card, setCard] = useState<{ code: string; check: CardCheck; photo: string | null } | null>(null);
  const [matches, setMatches] = useState<Match[] | null>(null);
  const [offline, setOffline] = useState(false);
  const [error, setError] = useState<unknown>(null);

  useEffect(() => void refreshCardKeys(me.schemeId), [me.schemeId]);

  const ask = useCallback(
    async (field: By, text: string) => {
      setError(null);
      setMatches(null);
      setOffline(false);
      setCard(null);
      if (field === 'card') {
        const check = await checkCardOffline(text, me.schemeId);
        setCard({ code: text, check, photo: check.ok ? photoUrl(check.claims.photo) : null });
        if (!check.ok) return;
      }
      try {
        setMatches((await api<{ matches: Match[] }>(`/api/v1/eligibility${query({ [field]: text })}`)).matches);
      } catch (x) {
        // No network: what the card itself says is all the desk has.
        if (x instanceof ApiError) setError(x);
        else if (field === 'card') setOffline(true);
        else setError(x);
      }
    },
    [me.schemeId],
  );

  const submit = (e: FormEvent) => {
    e.preventDefault();
    void ask(by, value.trim());
  };
  const scanned = useCallback(
    (text: string) => {
      setScanning(false);
      setBy('card');
      setValue(text);
      void ask('card', text);
    },
    [ask],
  );

  return (
    <section className="desk">
      <h1>{t('desk.title')}</h1>
      <button type="button" className="primary scan" onClick={() => setScanning(true)}>
        {t('desk.scan')}
      </button>
      {scanning && <Scanner onCode={scanned} onClose={() => setScanning(false)} />}
      <form onSubmit={submit} className="form narrow" aria-label={t('desk.check')}>
        <Field label={t('desk.by')}>
          <select name="by" value={by} onChange={(e) => setBy(e.target.value as By)}>
            {BY.map((b) => (
              <option key={b} value={b}>
                {t(`desk.bys.${b}`)}
              </option>
            ))}
          </select>
        </Field>
        <Field label={t(`desk.bys.${by}`)} error={error instanceof ApiError ? error.fieldError(by) : undefined}>
          <input name="value" value={value} onChange={(e) => setValue(e.target.value)} autoComplete="off" required />
        </Field>
        <button type="submit" className="primary">
          {t('desk.check')}
        </button>
      </form>
      {card && <CardVerdict check={card.check} photo={card.photo} offline={offline} />}
      <ErrorNote error={error instanceof ApiError && error.fieldError(by) ? null : error} />
      {matches && matches.length === 0 && (
        <p className="error" role="status">
          {t('desk.nobody')}
        </p>
      )}
      {matches?.map((m) => (
        <article
          key={m.memberId}
          className={m.covered ? 'verdict covered' : 'verdict not-covered'}
          aria-label={m.memberNumber}
        >
          <Photo url={m.photoUrl} />
          <div>
            <Who local={m.nameLocal} latin={m.nameLatin} number={m.memberNumber} birthDate={m.birthDate} sex={m.sex} />
            <p className="answer" role="status">
              {m.covered
                ? t('desk.covered', { until: m.coveredUntil })
                : t('desk.notCovered', { state: t(`coverage.states.${m.state}`) })}
            </p>
            {m.categories.length > 0 && (
              <ul className="categories">
                {m.categories.map((c) => (
                  <li key={c.category} className={c.covered ? 'yes' : 'no'}>
                    {c.category}:{' '}
                    {c.covered
                      ? t('desk.yes')
                      : c.waitingUntil
                        ? t('desk.waiting', { until: c.waitingUntil })
                        : t('desk.no')}
                    {c.covered && c.ceilingLeft !== null && (
                      <span className="small">
                        {' '}
                        · {t('desk.ceilingLeft', { amount: formatMoney(c.ceilingLeft, minor) })}
                      </span>
                    )}
                  </li>
                ))}
              </ul>
            )}
            {m.covered && can('visit.record') && (
              <CheckIn
                memberId={m.memberId}
                categories={m.categories.filter((c) => c.covered).map((c) => c.category)}
                card={by === 'card' && card?.check.ok ? card.code : null}
              />
            )}
          </div>
        </article>
      ))}
    </section>
  );
}

/** What the card itself says, checked in the browser: genuine and in date, or why not. */
function CardVerdict({ check, photo, offline }: { check: CardCheck; photo: string | null; offline: boolean }) {
  const { t } = useTranslation();
  if (!check.ok) {
    return (
      <article className="verdict not-covered card-verdict" aria-label={t('desk.cardCheck')}>
        <p className="answer" role="status">
          {t('desk.cardInvalid', { reason: t(`desk.cardReasons.${check.reason}`) })}
        </p>
      </article>
    );
  }
  const c = check.claims;
  return (
    <article className="verdict card-verdict" aria-label={t('desk.cardCheck')}>
      <Photo url={photo} />
      <div>
        <Who local={c.localName} latin={c.fullName} number={c.memberNumber} birthDate={c.birthDate} sex={c.sex} />
        <p className="answer" role="status">
          {t('desk.cardValid', { from: c.validFrom, until: c.validUntil })}
        </p>
        {offline && <p className="offline">{t('desk.offline')}</p>}
      </div>
    </article>
  );
}

/** The photo, large enough to compare with the face, or a plain box saying there is none. */
function Photo({ url }: { url: string | null }) {
  const { t } = useTranslation();
  return url ? <img src={url} alt={t('desk.photo')} /> : <div className="no-photo">{t('desk.noPhoto')}</div>;
}

/** The names in both scripts, then number, birth date and sex: as the card and the registry say them. */
function Who(p: { local: string | null; latin: string; number: string; birthDate: string; sex: string }) {
  return (
    <>
      <p className="names">
        <strong>{p.local}</strong> {p.latin}
      </p>
      <p>
        {p.number} · {p.birthDate} · {p.sex}
      </p>
    </>
  );
}
