import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { api, query } from '../api';
import { useCan } from '../session';
import { ErrorNote, MoreButton, usePagedList, Tabs } from '../ui';
import { percent, when, type Ticket, type TicketFigures } from './care';
import { CategoriesForm } from './categories-form';

type Tab = 'unresolved' | 'mine' | 'resolved' | 'figures' | 'categories';

/** Customer care's queue: unresolved tickets, the overdue first; the caller's own; the resolved; the figures. */
export function TicketsPage() {
  const { t } = useTranslation();
  const can = useCan();
  const [tab, setTab] = useState<Tab>(can('ticket.read') ? 'unresolved' : 'figures');
  const [level, setLevel] = useState('');
  const params =
    tab === 'mine'
      ? { assignedTo: 'me', state: 'unresolved' }
      : { state: tab === 'resolved' ? 'resolved' : 'unresolved', level: level || undefined };
  const list = usePagedList<Ticket>(
    '/api/v1/tickets',
    { ...params, limit: 50 },
    tab !== 'figures' && can('ticket.read'),
  );
  const tickets = list.data?.pages.flatMap((p) => p.items) ?? [];
  const tabs = (['unresolved', 'mine', 'resolved', 'figures', 'categories'] as const).filter((x) =>
    x === 'figures' ? can('care.figures') : x === 'categories' ? can('care.manage') : can('ticket.read'),
  );
  return (
    <section>
      <div className="title-row">
        <h1>{t('tickets.title')}</h1>
        {can('ticket.open') && (
          <Link to="/tickets/new" className="button primary">
            {t('tickets.new')}
          </Link>
        )}
      </div>
      <Tabs tabs={tabs} current={tab} onChange={setTab} label={(x) => t(`tickets.tab.${x}`)} />
      {tab === 'figures' ? (
        <Figures />
      ) : tab === 'categories' ? (
        <CategoriesForm />
      ) : (
        <>
          {tab === 'unresolved' && (
            <label className="filter">
              {t('tickets.level')}{' '}
              <select value={level} onChange={(e) => setLevel(e.target.value)} aria-label={t('tickets.level')}>
                <option value="">{t('tickets.anyLevel')}</option>
                {[0, 1, 2].map((l) => (
                  <option key={l} value={l}>
                    {t(`tickets.levels.${l}`)}
                  </option>
                ))}
              </select>
            </label>
          )}
          <ErrorNote error={list.error} />
          {list.isSuccess && !tickets.length && <p className="empty">{t('tickets.none')}</p>}
          {tickets.length > 0 && (
            <table className="list" aria-label={t('tickets.title')}>
              <thead>
                <tr>
                  <th>{t('tickets.number')}</th>
                  <th>{t('tickets.category')}</th>
                  <th>{t('tickets.who')}</th>
                  <th>{t('tickets.channel')}</th>
                  <th>{t('tickets.state')}</th>
                  <th>{t('tickets.due')}</th>
                </tr>
              </thead>
              <tbody>
                {tickets.map((x) => (
                  <tr key={x.id} className={x.overdue ? 'overdue' : undefined}>
                    <td>
                      <Link to={`/tickets/${x.id}`}>{x.number}</Link>
                    </td>
                    <td>
                      {x.categoryName} <span className={`badge ${x.priority}`}>{t(`priority.${x.priority}`)}</span>
                    </td>
                    <td>
                      {x.member
                        ? `${x.member.memberNumber} · ${x.member.nameLatin}`
                        : (x.callerName ?? x.callerPhone ?? '—')}
                    </td>
                    <td>{t(`channel.${x.channel}`)}</td>
                    <td>
                      {t(`ticketState.${x.state}`)}
                      {x.level > 0 && ` · ${t(`tickets.levels.${x.level}`)}`}
                      {x.assignedTo && ` · ${x.assignedTo.username}`}
                    </td>
                    <td>
                      {x.state === 'resolved' ? when(x.resolvedAt) : when(x.dueAt)}
                      {x.overdue && <strong> {t('tickets.overdue')}</strong>}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
          <MoreButton list={list} />
        </>
      )}
    </section>
  );
}

const firstOfMonth = () => `${new Date().toISOString().slice(0, 8)}01`;

/** Tickets per 1,000 members, time to resolve and share within the deadline, by category, facility and employer. */
function Figures() {
  const { t } = useTranslation();
  const [from, setFrom] = useState(firstOfMonth());
  const [to, setTo] = useState(new Date().toISOString().slice(0, 10));
  const figures = useQuery({
    queryKey: ['/api/v1/ticket-figures', from, to],
    queryFn: () => api<TicketFigures>(`/api/v1/ticket-figures${query({ from, to })}`),
  });
  const f = figures.data;
  const hours = (h: number | null) => (h === null ? '—' : `${h} h`);
  return (
    <>
      <div className="filters">
        <label className="filter">
          {t('tickets.from')} <input type="date" value={from} onChange={(e) => setFrom(e.target.value)} />
        </label>
        <label className="filter">
          {t('tickets.to')} <input type="date" value={to} onChange={(e) => setTo(e.target.value)} />
        </label>
      </div>
      <ErrorNote error={figures.error} />
      {f && (
        <>
          <dl className="facts" aria-label={t('tickets.tab.figures')}>
            <dt>{t('tickets.figures.tickets')}</dt>
            <dd>{f.tickets}</dd>
            <dt>{t('tickets.figures.perThousand')}</dt>
            <dd>{f.perThousandMembers ?? '—'}</dd>
            <dt>{t('tickets.figures.resolved')}</dt>
            <dd>
              {f.resolved} / {f.tickets} · {t('tickets.figures.overdueNow', { count: f.overdue })}
            </dd>
            <dt>{t('tickets.figures.time')}</dt>
            <dd>
              {hours(f.medianHoursToResolve)} ({t('tickets.figures.mean')} {hours(f.meanHoursToResolve)})
            </dd>
            <dt>{t('tickets.figures.within')}</dt>
            <dd>{percent(f.withinDeadlineShare)}</dd>
          </dl>
          {(['byCategory', 'byFacility', 'byEmployer'] as const).map((by) => (
            <table key={by} className="list" aria-label={t(`tickets.figures.${by}`)}>
              <thead>
                <tr>
                  <th>{t(`tickets.figures.${by}`)}</th>
                  <th className="amount">{t('tickets.figures.tickets')}</th>
                  <th className="amount">{t('tickets.figures.perThousand')}</th>
                  <th className="amount">{t('tickets.figures.resolved')}</th>
                  <th className="amount">{t('tickets.figures.time')}</th>
                  <th className="amount">{t('tickets.figures.within')}</th>
                </tr>
              </thead>
              <tbody>
                {f[by].map((b) => (
                  <tr key={b.key ?? 'none'}>
                    <td>{b.name}</td>
                    <td className="amount">{b.tickets}</td>
                    <td className="amount">{b.perThousandMembers ?? '—'}</td>
                    <td className="amount">{b.resolved}</td>
                    <td className="amount">{hours(b.meanHoursToResolve)}</td>
                    <td className="amount">{percent(b.withinDeadlineShare)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          ))}
        </>
      )}
    </>
  );
}
