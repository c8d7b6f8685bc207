import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { api, query } from '../api';
import { ErrorNote, Field } from '../ui';
import { useRegistryChoices } from './member-fields';

interface ImportJob {
  id: string;
  state: 'queued' | 'running' | 'done' | 'failed';
  fileName: string;
  done: number;
  total: number;
  rows: number;
  created: number;
  alreadyRegistered: number;
  invalid: number;
  error: string | null;
  errors: { line: number; field: string; reason: string }[];
}

/** Uploads a worker list, then follows the import until it is done, row errors and all. */
export function ImportPage() {
  const { t } = useTranslation();
  const client = useQueryClient();
  const { employers, groups } = useRegistryChoices();
  const [file, setFile] = useState<File | null>(null);
  const [employerId, setEmployerId] = useState('');
  const [groupId, setGroupId] = useState('');
  const [keepValid, setKeepValid] = useState(false);
  const [jobId, setJobId] = useState<string | null>(null);
  const [error, setError] = useState<unknown>(null);

  const job = useQuery({
    queryKey: ['import', jobId],
    enabled: !!jobId,
    queryFn: () => api<ImportJob>(`/api/v1/imports/${jobId}`),
    refetchInterval: (q) => (q.state.data?.state === 'running' ? 500 : false),
  });

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (!file) return;
    setError(null);
    setJobId(null);
    try {
      const started = await api<ImportJob>(
        '/api/v1/imports/members' + query({ employerId, groupId, keepValid, fileName: file.name }),
        { method: 'POST', body: file, headers: { 'content-type': file.type || 'text/csv' } },
      );
      setJobId(started.id);
      await client.invalidateQueries({ queryKey: ['/api/v1/members'] });
    } catch (err) {
      setError(err);
    }
  };

  const j = job.data;
  const percent = j && j.total ? Math.round((j.done / j.total) * 100) : j?.state === 'running' ? 0 : 100;
  return (
    <section>
      <h1>{t('import.title')}</h1>
      <p>
        {t('import.intro')} <a href="/api/v1/imports/members/template.csv">{t('import.template')}</a>
      </p>
      <form onSubmit={submit} className="form narrow">
        <Field label={t('import.file')}>
          <input
            type="file"
            name="file"
            accept=".csv,.xlsx,text/csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
            onChange={(e) => setFile(e.target.files?.[0] ?? null)}
            required
          />
        </Field>
        <Field label={t('member.employerId')}>
          <select name="employerId" value={employerId} onChange={(e) => setEmployerId(e.target.value)}>
            <option value="">—</option>
            {employers.map((x) => (
              <option key={x.id} value={x.id}>
                {x.name}
              </option>
            ))}
          </select>
        </Field>
        <Field label={t('member.groupId')}>
          <select name="groupId" value={groupId} onChange={(e) => setGroupId(e.target.value)}>
            <option value="">—</option>
            {groups.map((x) => (
              <option key={x.id} value={x.id}>
                {x.name}
              </option>
            ))}
          </select>
        </Field>
        <label className="check">
          <input
            type="checkbox"
            name="keepValid"
            checked={keepValid}
            onChange={(e) => setKeepValid(e.target.checked)}
          />
          {t('import.keepValid')}
        </label>
        <ErrorNote error={error} />
        <button type="submit" className="primary" disabled={!file || j?.state === 'running'}>
          {t('import.submit')}
        </button>
      </form>
      {j && (
        <div className="import-job" aria-live="polite">
          <progress max={100} value={percent} aria-label={t('import.progress')} />
          <p className={`state ${j.state}`}>
            {t(`import.state.${j.state}`)} ·{' '}
            {t('import.summary', {
              rows: j.rows,
              created: j.created,
              already: j.alreadyRegistered,
              invalid: j.invalid,
            })}
          </p>
          {j.state === 'failed' && j.invalid > 0 && <p>{t('import.nothingRegistered')}</p>}
          {j.error && <p className="error">{j.error}</p>}
          {j.errors.length > 0 && (
            <table className="list errors">
              <thead>
                <tr>
                  <th>{t('import.line')}</th>
                  <th>{t('import.field')}</th>
                  <th>{t('import.reason')}</th>
                </tr>
              </thead>
              <tbody>
                {j.errors.map((e, i) => (
                  <tr key={i}>
                    <td>{e.line}</td>
                    <td>{e.field}</td>
                    <td>{e.reason}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
        </div>
      )}
    </section>
  );
}
