import { useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router';
import { api, ApiError } from '../api';
import { useScheme } from '../registry/draft';
import { useCan } from '../session';
import { ErrorNote, Field, MoreButton, usePagedList } from '../ui';
import { DIMENSIONS, QUESTION_TYPES, type Question, type Survey, type Texts } from './care';

/** Satisfaction surveys, newest first, and the questionnaire builder of a new round. */
export function SurveysPage() {
  const { t } = useTranslation();
  const can = useCan();
  const list = usePagedList<Survey>('/api/v1/surveys', { limit: 50 });
  const surveys = list.data?.pages.flatMap((p) => p.items) ?? [];
  return (
    <section>
      <h1>{t('surveys.title')}</h1>
      <ErrorNote error={list.error} />
      {list.isSuccess && !surveys.length && <p className="empty">{t('surveys.none')}</p>}
      {surveys.length > 0 && (
        <table className="list" aria-label={t('surveys.title')}>
          <thead>
            <tr>
              <th>{t('surveys.name')}</th>
              <th>{t('surveys.round')}</th>
              <th>{t('surveys.state')}</th>
              <th className="amount">{t('surveys.sampled')}</th>
              <th className="amount">{t('surveys.answered')}</th>
            </tr>
          </thead>
          <tbody>
            {surveys.map((s) => (
              <tr key={s.id}>
                <td>
                  <Link to={`/surveys/${s.id}`}>{s.name}</Link>
                </td>
                <td>{s.round}</td>
                <td>{t(`surveyState.${s.state}`)}</td>
                <td className="amount">{s.counts.sampled}</td>
                <td className="amount">{s.counts.answered}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <MoreButton list={list} />
      {can('care.manage') && <Builder previous={surveys} />}
    </section>
  );
}

interface Draft {
  dimension: string;
  type: Question['type'];
  text: Texts;
  positive: 'yes' | 'no';
  options: Texts;
  scores: string;
  required: boolean;
}

const blank = (): Draft => ({
  dimension: 'registration',
  type: 'likert',
  text: {},
  positive: 'yes',
  options: {},
  scores: '',
  required: true,
});

/** The API's question from a row of the builder: options one per line, in each language. */
function questionOf(d: Draft, i: number, languages: (keyof Texts)[]): Question {
  const lines = (lang: keyof Texts) =>
    (d.options[lang] ?? '')
      .split('\n')
      .map((l) => l.trim())
      .filter(Boolean);
  const count = Math.max(0, ...languages.map((l) => lines(l).length));
  const scores = d.scores
    .split(/[\s,]+/)
    .filter(Boolean)
    .map(Number);
  const text = Object.fromEntries(languages.filter((l) => d.text[l]?.trim()).map((l) => [l, d.text[l]!.trim()]));
  return {
    code: `q${i + 1}`,
    dimension: d.dimension,
    type: d.type,
    text,
    required: d.required,
    ...(d.type === 'yes_no' ? { positive: d.positive } : {}),
    ...(d.type === 'single_choice'
      ? {
          options: Array.from({ length: count }, (_, j) => ({
            code: `o${j + 1}`,
            text: Object.fromEntries(languages.filter((l) => lines(l)[j]).map((l) => [l, lines(l)[j]!])),
            ...(scores[j] ? { score: scores[j] } : {}),
          })),
        }
      : {}),
  };
}

function Builder({ previous }: { previous: Survey[] }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const client = useQueryClient();
  const languages = (useScheme().data?.languages ?? ['en']).filter((l): l is keyof Texts =>
    ['en', 'fr', 'km', 'vi'].includes(l),
  );
  const [name, setName] = useState('');
  const [round, setRound] = useState('');
  const [previousId, setPreviousId] = useState('');
  const [rows, setRows] = useState<Draft[]>([blank()]);
  const [error, setError] = useState<unknown>(null);
  const set = (i: number, change: Partial<Draft>) => setRows(rows.map((r, j) => (j === i ? { ...r, ...change } : r)));
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setError(null);
    try {
      const created = await api<Survey>('/api/v1/surveys', {
        method: 'POST',
        json: {
          name,
          round,
          previousId: previousId || null,
          questions: rows.map((r, i) => questionOf(r, i, languages)),
        },
      });
      await client.invalidateQueries({ queryKey: ['/api/v1/surveys'] });
      navigate(`/surveys/${created.id}`);
    } catch (x) {
      setError(x);
    }
  };
  const err = (f: string) => (error instanceof ApiError ? error.fieldError(f) : undefined);
  return (
    <form className="form" onSubmit={submit} aria-label={t('surveys.new')}>
      <h2>{t('surveys.new')}</h2>
      <Field label={t('surveys.name')} error={err('name')}>
        <input name="name" value={name} onChange={(e) => setName(e.target.value)} required />
      </Field>
      <Field label={t('surveys.round')} error={err('round')} hint={t('surveys.roundHint')}>
        <input name="round" value={round} onChange={(e) => setRound(e.target.value)} required />
      </Field>
      <Field label={t('surveys.previous')} error={err('previousId')}>
        <select name="previousId" value={previousId} onChange={(e) => setPreviousId(e.target.value)}>
          <option value="">—</option>
          {previous.map((s) => (
            <option key={s.id} value={s.id}>
              {s.name} · {s.round}
            </option>
          ))}
        </select>
      </Field>
      {rows.map((r, i) => (
        <fieldset key={i} className="question">
          <legend>{t('surveys.question', { n: i + 1 })}</legend>
          <Field label={t('surveys.dimension')} error={err(`questions.${i}.dimension`)}>
            <select name={`dimension-${i}`} value={r.dimension} onChange={(e) => set(i, { dimension: e.target.value })}>
              {DIMENSIONS.map((d) => (
                <option key={d} value={d}>
                  {t(`dimension.${d}`)}
                </option>
              ))}
            </select>
          </Field>
          <Field label={t('surveys.type')} error={err(`questions.${i}.type`)}>
            <select
              name={`type-${i}`}
              value={r.type}
              onChange={(e) => set(i, { type: e.target.value as Draft['type'] })}
            >
              {QUESTION_TYPES.map((q) => (
                <option key={q} value={q}>
                  {t(`questionType.${q}`)}
                </option>
              ))}
            </select>
          </Field>
          {languages.map((l) => (
            <Field key={l} label={`${t('surveys.text')} (${l})`} error={err(`questions.${i}.text`)}>
              <input
                name={`text-${i}-${l}`}
                lang={l}
                value={r.text[l] ?? ''}
                onChange={(e) => set(i, { text: { ...r.text, [l]: e.target.value } })}
                required={l === languages[0]}
              />
            </Field>
          ))}
          {r.type === 'yes_no' && (
            <Field label={t('surveys.positive')}>
              <select
                name={`positive-${i}`}
                value={r.positive}
                onChange={(e) => set(i, { positive: e.target.value as 'yes' | 'no' })}
              >
                <option value="yes">{t('common.yes')}</option>
                <option value="no">{t('common.no')}</option>
              </select>
            </Field>
          )}
          {r.type === 'single_choice' && (
            <>
              {languages.map((l) => (
                <Field
                  key={l}
                  label={`${t('surveys.options')} (${l})`}
                  error={err(`questions.${i}.options`)}
                  hint={t('surveys.optionsHint')}
                >
                  <textarea
                    name={`options-${i}-${l}`}
                    rows={3}
                    value={r.options[l] ?? ''}
                    onChange={(e) => set(i, { options: { ...r.options, [l]: e.target.value } })}
                  />
                </Field>
              ))}
              <Field label={t('surveys.scores')} hint={t('surveys.scoresHint')}>
                <input name={`scores-${i}`} value={r.scores} onChange={(e) => set(i, { scores: e.target.value })} />
              </Field>
            </>
          )}
          <label className="check">
            <input type="checkbox" checked={r.required} onChange={(e) => set(i, { required: e.target.checked })} />{' '}
            {t('surveys.required')}
          </label>
          {rows.length > 1 && (
            <button type="button" className="link" onClick={() => setRows(rows.filter((_, j) => j !== i))}>
              {t('common.remove')}
            </button>
          )}
        </fieldset>
      ))}
      <button type="button" onClick={() => setRows([...rows, blank()])}>
        {t('surveys.addQuestion')}
      </button>
      <ErrorNote error={error} />
      <button type="submit" className="primary">
        {t('surveys.create')}
      </button>
    </form>
  );
}
