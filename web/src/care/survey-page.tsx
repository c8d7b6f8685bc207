import { useQuery, useQueryClient } from '@tanstack/react-query';
import { Fragment, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { api, ApiError } from '../api';
import { useCan } from '../session';
import { ErrorNote, Field, MoreButton, usePagedList } from '../ui';
import { percent, type SampledMember, type Survey, type SurveyResults } from './care';
import { AnswerFields, textIn } from './answer-fields';
import { DimensionChart } from './dimension-chart';

/** One survey round: its questions, its sample, the interviewers' list, and its results. */
export function SurveyPage() {
  const { t, i18n } = useTranslation();
  const { id } = useParams();
  const can = useCan();
  const survey = useQuery({ queryKey: ['/api/v1/surveys', id], queryFn: () => api<Survey>(`/api/v1/surveys/${id}`) });
  const s = survey.data;
  if (!s) return <ErrorNote error={survey.error} />;
  return (
    <section>
      <p>
        <Link to="/surveys">← {t('surveys.title')}</Link>
      </p>
      <div className="title-row">
        <h1>
          {s.name} · {s.round}
        </h1>
        <span className={`badge ${s.state}`}>{t(`surveyState.${s.state}`)}</span>
      </div>
      <ol className="questions">
        {s.questions.map((q) => (
          <li key={q.code}>
            {textIn(q.text, i18n.language)}{' '}
            <small>
              ({t(`dimension.${q.dimension}`, { defaultValue: q.dimension })} · {t(`questionType.${q.type}`)})
            </small>
          </li>
        ))}
      </ol>
      {can('care.manage') && <Manage survey={s} />}
      {s.sample && <p>{t('surveys.counts', { ...s.counts })}</p>}
      {can('survey.interview') && s.sample && <Interviews survey={s} />}
      {can('care.figures') && s.counts.answered > 0 && <Results survey={s} />}
    </section>
  );
}

function Manage({ survey }: { survey: Survey }) {
  const { t } = useTranslation();
  const client = useQueryClient();
  const [size, setSize] = useState('400');
  const [stratifyBy, setStratifyBy] = useState('employer');
  const [seed, setSeed] = useState(String(Math.floor(Math.random() * 1_000_000)));
  const [error, setError] = useState<unknown>(null);
  const [sent, setSent] = useState<string | null>(null);
  const run = async (path: string, json: unknown) => {
    setError(null);
    try {
      const result = await api<Survey | { sent: number; failed: number }>(`/api/v1/surveys/${survey.id}/${path}`, {
        method: 'POST',
        json,
      });
      if ('sent' in result) setSent(t('surveys.smsSent', { sent: result.sent, failed: result.failed }));
      await client.invalidateQueries({ queryKey: ['/api/v1/surveys'] });
    } catch (x) {
      setError(x);
    }
  };
  const draw = (e: FormEvent) => {
    e.preventDefault();
    void run('sample', { size: Number(size), stratifyBy, seed: Number(seed) });
  };
  const err = (f: string) => (error instanceof ApiError ? error.fieldError(f) : undefined);
  return (
    <>
      <ErrorNote error={error} />
      {sent && <p role="status">{sent}</p>}
      {survey.state === 'draft' && (
        <form className="form narrow" onSubmit={draw} aria-label={t('surveys.draw')}>
          <h2>{t('surveys.draw')}</h2>
          <Field label={t('surveys.size')} error={err('size')}>
            <input name="size" inputMode="numeric" value={size} onChange={(e) => setSize(e.target.value)} required />
          </Field>
          <Field label={t('surveys.stratifyBy')} error={err('stratifyBy')}>
            <select name="stratifyBy" value={stratifyBy} onChange={(e) => setStratifyBy(e.target.value)}>
              {['none', 'employer', 'province', 'district', 'commune', 'village'].map((k) => (
                <option key={k} value={k}>
                  {t(`stratum.${k}`)}
                </option>
              ))}
            </select>
          </Field>
          <Field label={t('surveys.seed')} error={err('seed')} hint={t('surveys.seedHint')}>
            <input name="seed" inputMode="numeric" value={seed} onChange={(e) => setSeed(e.target.value)} required />
          </Field>
          <button type="submit">{t('surveys.drawButton')}</button>
        </form>
      )}
      {survey.sample && (
        <table className="list" aria-label={t('surveys.strata')}>
          <thead>
            <tr>
              <th>{t('surveys.stratum')}</th>
              <th className="amount">{t('surveys.population')}</th>
              <th className="amount">{t('surveys.drawn')}</th>
            </tr>
          </thead>
          <tbody>
            {survey.sample.strata.map((x) => (
              <tr key={x.key}>
                <td>{x.name}</td>
                <td className="amount">{x.population}</td>
                <td className="amount">{x.drawn}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <div className="actions">
        {survey.state === 'draft' && survey.sample && (
          <button type="button" className="primary" onClick={() => void run('open', { version: survey.version })}>
            {t('surveys.open')}
          </button>
        )}
        {survey.state === 'open' && survey.smsReady && (
          <button type="button" onClick={() => void run('send-sms', {})}>
            {t('surveys.sendSms')}
          </button>
        )}
        {survey.state === 'open' && (
          <button type="button" onClick={() => void run('close', { version: survey.version })}>
            {t('surveys.close')}
          </button>
        )}
      </div>
    </>
  );
}

/** The list for phone interviewers, in the order drawn, each with the form to enter the answers. */
function Interviews({ survey }: { survey: Survey }) {
  const { t } = useTranslation();
  const [state, setState] = useState('pending');
  const [open, setOpen] = useState<string | null>(null);
  const list = usePagedList<SampledMember>(`/api/v1/surveys/${survey.id}/sample`, {
    state: state || undefined,
    limit: 50,
  });
  const rows = list.data?.pages.flatMap((p) => p.items) ?? [];
  return (
    <>
      <h2>{t('surveys.interviews')}</h2>
      <label className="filter">
        {t('surveys.state')}{' '}
        <select value={state} onChange={(e) => setState(e.target.value)} aria-label={t('surveys.state')}>
          <option value="">{t('surveys.anyState')}</option>
          {['pending', 'answered', 'refused', 'unreachable'].map((x) => (
            <option key={x} value={x}>
              {t(`sampleState.${x}`)}
            </option>
          ))}
        </select>
      </label>
      <ErrorNote error={list.error} />
      <table className="list" aria-label={t('surveys.interviews')}>
        <thead>
          <tr>
            <th>#</th>
            <th>{t('surveys.member')}</th>
            <th>{t('surveys.phone')}</th>
            <th>{t('surveys.state')}</th>
            <th>{t('surveys.link')}</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((m) => (
            <Fragment key={m.memberId}>
              <tr>
                <td>{m.position}</td>
                <td>
                  {m.memberNumber} · {m.nameLatin} {m.nameLocal && <span lang="km">{m.nameLocal}</span>}
                </td>
                <td>{m.phone ?? '—'}</td>
                <td>
                  {t(`sampleState.${m.state}`)}
                  {m.channel && ` · ${t(`answerChannel.${m.channel}`)}`}
                </td>
                <td>
                  <a href={m.link}>{t('surveys.openLink')}</a>
                  {survey.state === 'open' && m.state === 'pending' && (
                    <>
                      {' · '}
                      <button
                        type="button"
                        className="link"
                        onClick={() => setOpen(open === m.memberId ? null : m.memberId)}
                      >
                        {t('surveys.interview')}
                      </button>
                    </>
                  )}
                </td>
              </tr>
              {open === m.memberId && (
                <tr>
                  <td colSpan={5}>
                    <Interview survey={survey} member={m} done={() => setOpen(null)} />
                  </td>
                </tr>
              )}
            </Fragment>
          ))}
        </tbody>
      </table>
      <MoreButton list={list} />
    </>
  );
}

function Interview({ survey, member, done }: { survey: Survey; member: SampledMember; done: () => void }) {
  const { t, i18n } = useTranslation();
  const client = useQueryClient();
  const [answers, setAnswers] = useState<Record<string, string>>({});
  const [error, setError] = useState<unknown>(null);
  const record = async (outcome: 'answered' | 'refused' | 'unreachable') => {
    setError(null);
    try {
      await api(`/api/v1/surveys/${survey.id}/interviews`, {
        method: 'POST',
        json: { memberId: member.memberId, outcome, ...(outcome === 'answered' ? { answers } : {}) },
      });
      await client.invalidateQueries({ queryKey: [`/api/v1/surveys/${survey.id}/sample`] });
      await client.invalidateQueries({ queryKey: ['/api/v1/surveys'] });
      done();
    } catch (x) {
      setError(x);
    }
  };
  const submit = (e: FormEvent) => {
    e.preventDefault();
    void record('answered');
  };
  const questions = survey.questions.map((q) => ({
    code: q.code,
    type: q.type,
    required: q.required,
    text: textIn(q.text, i18n.language),
    options: q.options?.map((o) => ({ code: o.code, text: textIn(o.text, i18n.language) })),
  }));
  return (
    <form className="form" onSubmit={submit} aria-label={t('surveys.interviewOf', { name: member.nameLatin })}>
      <AnswerFields questions={questions} answers={answers} onChange={setAnswers} error={error} />
      <ErrorNote error={error} />
      <div className="actions">
        <button type="submit" className="primary">
          {t('surveys.saveAnswers')}
        </button>
        <button type="button" onClick={() => void record('refused')}>
          {t('sampleState.refused')}
        </button>
        <button type="button" onClick={() => void record('unreachable')}>
          {t('sampleState.unreachable')}
        </button>
      </div>
    </form>
  );
}

function Results({ survey }: { survey: Survey }) {
  const { t } = useTranslation();
  const results = useQuery({
    queryKey: ['/api/v1/surveys', survey.id, 'results', survey.counts.answered],
    queryFn: () => api<SurveyResults>(`/api/v1/surveys/${survey.id}/results`),
  });
  const r = results.data;
  if (!r) return <ErrorNote error={results.error} />;
  const interval = (i: { low: number; high: number } | null, share = false) =>
    i ? `${share ? percent(i.low) : i.low} – ${share ? percent(i.high) : i.high}` : '—';
  return (
    <>
      <h2>{t('surveys.results')}</h2>
      <p>{t('surveys.responseRate', { rate: percent(r.responseRate), answered: r.answered, sampled: r.sampled })}</p>
      <DimensionChart results={r} />
      <table className="list" aria-label={t('surveys.byDimension')}>
        <thead>
          <tr>
            <th>{t('surveys.dimension')}</th>
            <th className="amount">{t('surveys.respondents')}</th>
            <th className="amount">{t('surveys.mean')}</th>
            <th>{t('surveys.interval')}</th>
            <th className="amount">{t('surveys.satisfied')}</th>
            <th>{t('surveys.interval')}</th>
            {r.previousRound && <th>{t('surveys.change', { round: r.previousRound })}</th>}
          </tr>
        </thead>
        <tbody>
          {r.dimensions.map((d) => (
            <tr key={d.dimension}>
              <td>{t(`dimension.${d.dimension}`, { defaultValue: d.dimension })}</td>
              <td className="amount">{d.respondents}</td>
              <td className="amount">{d.meanScore ?? '—'}</td>
              <td>{interval(d.meanInterval)}</td>
              <td className="amount">{percent(d.satisfiedShare)}</td>
              <td>{interval(d.satisfiedInterval, true)}</td>
              {r.previousRound && (
                <td>
                  {d.previous
                    ? `${d.previous.meanChange !== null && d.previous.meanChange >= 0 ? '+' : ''}${d.previous.meanChange ?? '—'} · ${
                        d.previous.satisfiedChange !== null
                          ? `${d.previous.satisfiedChange >= 0 ? '+' : ''}${percent(d.previous.satisfiedChange)}`
                          : '—'
                      }${d.previous.significant ? ` (${t('surveys.significant')})` : ''}`
                    : '—'}
                </td>
              )}
            </tr>
          ))}
        </tbody>
      </table>
      <h3>{t('surveys.byQuestion')}</h3>
      <ul className="reasons">
        {r.questions
          .filter((q) => q.type !== 'free_text')
          .map((q) => (
            <li key={q.code}>
              <code>{q.code}</code> {q.meanScore !== null && `${t('surveys.mean')} ${q.meanScore} · `}
              {Object.entries(q.distribution)
                .map(([v, n]) => `${v}: ${n}`)
                .join(', ')}
            </li>
          ))}
      </ul>
      {r.comments.length > 0 && (
        <>
          <h3>{t('surveys.comments')}</h3>
          <ul className="history">
            {r.comments.map((c, i) => (
              <li key={i}>
                <code>{c.question}</code> {c.text}
              </li>
            ))}
          </ul>
        </>
      )}
    </>
  );
}
