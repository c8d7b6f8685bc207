import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { api, ApiError } from '../api';
import { ErrorNote } from '../ui';
import { PRIORITIES, type TicketCategory } from './care';

/** The scheme's complaint categories: names, deadlines in hours, priorities; one in use is put out of use, not removed. */
export function CategoriesForm() {
  const { t } = useTranslation();
  const client = useQueryClient();
  const categories = useQuery({
    queryKey: ['/api/v1/ticket-categories'],
    queryFn: () => api<{ items: TicketCategory[] }>('/api/v1/ticket-categories'),
  });
  const [rows, setRows] = useState<TicketCategory[]>([]);
  const [error, setError] = useState<unknown>(null);
  const [saved, setSaved] = useState(false);
  useEffect(() => {
    if (categories.data) setRows(categories.data.items);
  }, [categories.data]);
  const set = (i: number, change: Partial<TicketCategory>) =>
    setRows(rows.map((r, j) => (j === i ? { ...r, ...change } : r)));
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setError(null);
    setSaved(false);
    try {
      await api('/api/v1/ticket-categories', { method: 'PUT', json: { items: rows } });
      await client.invalidateQueries({ queryKey: ['/api/v1/ticket-categories'] });
      setSaved(true);
    } catch (x) {
      setError(x);
    }
  };
  const err = (i: number, f: string) => (error instanceof ApiError ? error.fieldError(`items.${i}.${f}`) : undefined);
  return (
    <form onSubmit={submit} aria-label={t('tickets.categories.title')}>
      <table className="list">
        <thead>
          <tr>
            <th>{t('tickets.categories.code')}</th>
            <th>{t('tickets.categories.name')}</th>
            <th>{t('tickets.categories.deadline')}</th>
            <th>{t('tickets.priority')}</th>
            <th>{t('tickets.categories.active')}</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((r, i) => (
            <tr key={i}>
              <td>
                <input
                  name={`code-${i}`}
                  value={r.code}
                  onChange={(e) => set(i, { code: e.target.value })}
                  aria-invalid={Boolean(err(i, 'code'))}
                  title={err(i, 'code')}
                  required
                />
              </td>
              <td>
                <input name={`name-${i}`} value={r.name} onChange={(e) => set(i, { name: e.target.value })} required />
              </td>
              <td>
                <input
                  name={`deadline-${i}`}
                  type="number"
                  min={1}
                  value={r.deadlineHours}
                  onChange={(e) => set(i, { deadlineHours: Number(e.target.value) })}
                  required
                />
              </td>
              <td>
                <select
                  name={`priority-${i}`}
                  value={r.priority}
                  onChange={(e) => set(i, { priority: e.target.value as TicketCategory['priority'] })}
                >
                  {PRIORITIES.map((p) => (
                    <option key={p} value={p}>
                      {t(`priority.${p}`)}
                    </option>
                  ))}
                </select>
              </td>
              <td>
                <input
                  type="checkbox"
                  name={`active-${i}`}
                  checked={r.active}
                  onChange={(e) => set(i, { active: e.target.checked })}
                  aria-label={t('tickets.categories.active')}
                />
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <div className="actions">
        <button
          type="button"
          onClick={() =>
            setRows([...rows, { code: '', name: '', deadlineHours: 72, priority: 'normal', active: true }])
          }
        >
          {t('tickets.categories.add')}
        </button>
        <button type="submit" className="primary">
          {t('common.save')}
        </button>
      </div>
      <ErrorNote error={error} />
      {saved && <p role="status">{t('common.saved')}</p>}
    </form>
  );
}
