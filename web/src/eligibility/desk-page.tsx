import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { api, ApiError, query } from '../api';
import { ErrorNote, Field } from '../ui';

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
  categories: { category: string; covered: boolean; waitingUntil: string | null }[];
}

const BY = ['member', 'fid', 'nid', 'name'] as const;

/**
 * The facility desk, made for a phone or a small screen: the card's number typed, the photo large
 * enough to compare with the face, and covered or not in plain words and colour.
 */
export function DeskPage() {
  const { t } = useTranslation();
  const [by, setBy] = useState<(typeof BY)[number]>('member');
  const [value, setValue] = useState('');
  const [matches, setMatches] = useState<Match[] | null>(null);
  const [error, setError] = useState<unknown>(null);

  const check = async (e: FormEvent) => {
    e.preventDefault();
    setError(null);
    setMatches(null);
    try {
      setMatches((await api<{ matches: Match[] }>(`/api/v1/eligibility${query({ [by]: value.trim() })}`)).matches);
    } catch (x) {
      setError(x);
    }
  };

  return (
    <section className="desk">
      <h1>{t('desk.title')}</h1>
      <form onSubmit={check} className="form narrow" aria-label={t('desk.check')}>
        <Field label={t('desk.by')}>
          <select name="by" value={by} onChange={(e) => setBy(e.target.value as (typeof BY)[number])}>
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
          {m.photoUrl ? (
            <img src={m.photoUrl} alt={t('desk.photo')} />
          ) : (
            <div className="no-photo">{t('desk.noPhoto')}</div>
          )}
          <div>
            <p className="names">
              <strong>{m.nameLocal}</strong> {m.nameLatin}
            </p>
            <p>
              {m.memberNumber} · {m.birthDate} · {m.sex}
            </p>
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
                  </li>
                ))}
              </ul>
            )}
          </div>
        </article>
      ))}
    </section>
  );
}
