import { useQuery } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useParams } from 'react-router';
import { api } from '../api';
import { LANGUAGES, setLanguage } from '../i18n';
import { ErrorNote } from '../ui';
import { AnswerFields, type ShownQuestion } from './answer-fields';

interface Shown {
  name: string;
  language: string;
  state: 'draft' | 'open' | 'closed';
  answered: boolean;
  questions: ShownQuestion[];
}

/** A sampled member's own link: the survey in their language, on their phone, with no login. */
export function SurveyAnswerPage() {
  const { t, i18n } = useTranslation();
  const { token } = useParams();
  const survey = useQuery({
    queryKey: ['/api/v1/survey-links', token, i18n.language],
    queryFn: () => api<Shown>(`/api/v1/survey-links/${token}?lang=${i18n.language}`),
  });
  const [answers, setAnswers] = useState<Record<string, string>>({});
  const [error, setError] = useState<unknown>(null);
  const [done, setDone] = useState(false);
  const s = survey.data;
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setError(null);
    try {
      await api(`/api/v1/survey-links/${token}`, { method: 'POST', json: { answers } });
      setDone(true);
    } catch (x) {
      setError(x);
    }
  };
  return (
    <main className="public">
      <label className="language">
        <select
          value={i18n.language}
          onChange={(e) => void setLanguage(e.target.value)}
          aria-label={t('common.language')}
        >
          {LANGUAGES.map((l) => (
            <option key={l.code} value={l.code}>
              {l.name}
            </option>
          ))}
        </select>
      </label>
      {!s ? (
        survey.isPending ? (
          <p className="loading">{t('common.loading')}</p>
        ) : (
          <p className="error" role="alert">
            {t('surveyLink.unknown')}
          </p>
        )
      ) : (
        <>
          <h1>{s.name}</h1>
          {done || s.answered ? (
            <p role="status">{t('surveyLink.thanks')}</p>
          ) : s.state !== 'open' ? (
            <p role="status">{t(s.state === 'closed' ? 'surveyLink.closed' : 'surveyLink.notYet')}</p>
          ) : (
            <form className="form" onSubmit={submit} aria-label={s.name} lang={s.language}>
              <p>{t('surveyLink.intro')}</p>
              <AnswerFields questions={s.questions} answers={answers} onChange={setAnswers} error={error} />
              <ErrorNote error={error} />
              <button type="submit" className="primary">
                {t('surveyLink.send')}
              </button>
            </form>
          )}
        </>
      )}
    </main>
  );
}
