import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { api, ApiError } from '../api';
import { useCan, useMe } from '../session';
import { ErrorNote, Field } from '../ui';
import { when, type Ticket } from './care';

/** One ticket: what was said, what links it, its history, and the care operator's actions on it. */
export function TicketPage() {
  const { t } = useTranslation();
  const { id } = useParams();
  const ticket = useQuery({ queryKey: ['/api/v1/tickets', id], queryFn: () => api<Ticket>(`/api/v1/tickets/${id}`) });
  const x = ticket.data;
  if (!x) return <ErrorNote error={ticket.error} />;
  return (
    <section>
      <p>
        <Link to="/tickets">← {t('tickets.title')}</Link>
      </p>
      <div className="title-row">
        <h1>{t('tickets.ticket', { number: x.number })}</h1>
        <span className={`badge ${x.state}`}>{t(`ticketState.${x.state}`)}</span>
        {x.overdue && <span className="badge rejected">{t('tickets.overdue')}</span>}
      </div>
      <p className="description">{x.description}</p>
      <dl className="facts">
        <dt>{t('tickets.category')}</dt>
        <dd>
          {x.categoryName} · {t(`priority.${x.priority}`)}
        </dd>
        <dt>{t('tickets.channel')}</dt>
        <dd>{t(`channel.${x.channel}`)}</dd>
        <dt>{t('tickets.who')}</dt>
        <dd>
          {x.member ? (
            <Link to={`/members/${x.member.id}`}>
              {x.member.memberNumber} · {x.member.nameLatin}
            </Link>
          ) : (
            '—'
          )}
          {(x.callerName || x.callerPhone) && ` · ${[x.callerName, x.callerPhone].filter(Boolean).join(', ')}`}
        </dd>
        <dt>{t('tickets.facility')}</dt>
        <dd>{x.facility?.name ?? '—'}</dd>
        <dt>{t('tickets.employer')}</dt>
        <dd>{x.employer?.name ?? '—'}</dd>
        <dt>{t('tickets.claim')}</dt>
        <dd>{x.claim ? <Link to={`/claims/${x.claim.id}`}>{x.claim.number}</Link> : '—'}</dd>
        <dt>{t('tickets.level')}</dt>
        <dd>{t(`tickets.levels.${x.level}`)}</dd>
        <dt>{t('tickets.assigned')}</dt>
        <dd>{x.assignedTo?.username ?? '—'}</dd>
        <dt>{t('tickets.opened')}</dt>
        <dd>{when(x.openedAt)}</dd>
        <dt>{t('tickets.due')}</dt>
        <dd>{when(x.dueAt)}</dd>
        {x.state === 'resolved' && (
          <>
            <dt>{t('tickets.resolution')}</dt>
            <dd>
              {x.resolution} ({when(x.resolvedAt)}
              {x.withinDeadline !== null && ` · ${t(x.withinDeadline ? 'tickets.inTime' : 'tickets.late')}`})
            </dd>
            <dt>{t('tickets.informed')}</dt>
            <dd>{when(x.memberInformedAt)}</dd>
          </>
        )}
      </dl>
      <h2>{t('tickets.history')}</h2>
      <ul className="history" aria-label={t('tickets.history')}>
        {x.events?.map((e, i) => (
          <li key={i}>
            <time>{when(e.at)}</time> {e.by ?? '—'}: {t(`ticketEvent.${e.kind}`)}
            {e.note && ` — ${e.note}`}
          </li>
        ))}
      </ul>
      <Actions ticket={x} />
    </section>
  );
}

function Actions({ ticket }: { ticket: Ticket }) {
  const { t } = useTranslation();
  const can = useCan();
  const me = useMe();
  const client = useQueryClient();
  const [note, setNote] = useState('');
  const [resolution, setResolution] = useState('');
  const [inform, setInform] = useState(true);
  const [error, setError] = useState<unknown>(null);
  const [told, setTold] = useState<string | null>(null);
  if (!can('ticket.manage')) return null;
  const run = async (path: string, json: unknown) => {
    setError(null);
    try {
      const result = await api<Ticket | { ticket: Ticket; informed: { via: string | null; error?: string } }>(
        `/api/v1/tickets/${ticket.id}/${path}`,
        { method: 'POST', json },
      );
      if ('informed' in result) {
        setTold(
          result.informed.via
            ? t('tickets.sms.sent')
            : t('tickets.sms.notSent', { reason: result.informed.error ?? '' }),
        );
      }
      setNote('');
      setResolution('');
      await client.invalidateQueries({ queryKey: ['/api/v1/tickets'] });
    } catch (x) {
      setError(x);
    }
  };
  const submit = (path: string, json: unknown) => (e: FormEvent) => {
    e.preventDefault();
    void run(path, json);
  };
  const err = (f: string) => (error instanceof ApiError ? error.fieldError(f) : undefined);
  const v = ticket.version;
  return (
    <>
      {told && <p role="status">{told}</p>}
      <ErrorNote error={error} />
      {ticket.state !== 'resolved' ? (
        <>
          <div className="actions">
            {can('user.read') && <AssignTo ticket={ticket} run={run} />}
            {ticket.assignedTo?.id !== me.userId && (
              <button type="button" onClick={() => void run('assign', { userId: me.userId, version: v })}>
                {t('tickets.take')}
              </button>
            )}
            {ticket.assignedTo && (
              <button type="button" onClick={() => void run('assign', { userId: null, version: v })}>
                {t('tickets.release')}
              </button>
            )}
          </div>
          <form className="form narrow" onSubmit={submit('notes', { note })} aria-label={t('tickets.addNote')}>
            <Field label={t('tickets.note')} error={err('note')}>
              <textarea name="note" rows={2} value={note} onChange={(e) => setNote(e.target.value)} required />
            </Field>
            <button type="submit">{t('tickets.addNote')}</button>
          </form>
          <form
            className="form narrow"
            onSubmit={submit('resolve', { resolution, informMember: inform, version: v })}
            aria-label={t('tickets.resolve')}
          >
            <h2>{t('tickets.resolve')}</h2>
            <Field label={t('tickets.resolution')} error={err('resolution')}>
              <textarea
                name="resolution"
                rows={3}
                value={resolution}
                onChange={(e) => setResolution(e.target.value)}
                required
              />
            </Field>
            <label className="check">
              <input type="checkbox" checked={inform} onChange={(e) => setInform(e.target.checked)} />{' '}
              {t('tickets.informBySms')}
            </label>
            <button type="submit" className="primary">
              {t('tickets.resolve')}
            </button>
          </form>
        </>
      ) : (
        <div className="actions">
          {!ticket.memberInformedAt && (
            <button type="button" onClick={() => void run('informed', { how: 'phone' })}>
              {t('tickets.calledBack')}
            </button>
          )}
          <form
            className="form narrow"
            onSubmit={submit('reopen', { note, version: v })}
            aria-label={t('tickets.reopen')}
          >
            <Field label={t('tickets.reopenWhy')} error={err('note')}>
              <input name="note" value={note} onChange={(e) => setNote(e.target.value)} required />
            </Field>
            <button type="submit">{t('tickets.reopen')}</button>
          </form>
        </div>
      )}
    </>
  );
}

/** A manager passes the ticket to one of the scheme's users (the API checks they may work tickets). */
function AssignTo({ ticket, run }: { ticket: Ticket; run: (path: string, json: unknown) => Promise<void> }) {
  const { t } = useTranslation();
  const users = useQuery({
    queryKey: ['/api/v1/users', 'people'],
    queryFn: () =>
      api<{ items: { id: string; username: string; displayName: string; isMachine: boolean; active: boolean }[] }>(
        '/api/v1/users?limit=500',
      ),
  });
  return (
    <label className="filter">
      {t('tickets.assignTo')}{' '}
      <select
        aria-label={t('tickets.assignTo')}
        value={ticket.assignedTo?.id ?? ''}
        onChange={(e) => void run('assign', { userId: e.target.value || null, version: ticket.version })}
      >
        <option value="">—</option>
        {users.data?.items
          .filter((u) => u.active && !u.isMachine)
          .map((u) => (
            <option key={u.id} value={u.id}>
              {u.displayName} ({u.username})
            </option>
          ))}
      </select>
    </label>
  );
}
