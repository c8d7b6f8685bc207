import { useQuery } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useSearchParams } from 'react-router';
import { api, ApiError, query, type Member, type Page } from '../api';
import { FacilitySelect } from '../claims/facility-select';
import { useCan } from '../session';
import { ErrorNote, Field, orNull } from '../ui';
import { CHANNELS, PRIORITIES, type TicketCategory } from './care';

/**
 * A complaint or feedback as heard: on the hotline, at a factory visit, at a facility's desk. The
 * member is found by number; `?member=` (from a member's page) fills it in.
 */
export function TicketFormPage() {
  const { t } = useTranslation();
  const can = useCan();
  const navigate = useNavigate();
  const [params] = useSearchParams();
  const categories = useQuery({
    queryKey: ['/api/v1/ticket-categories'],
    queryFn: () => api<{ items: TicketCategory[] }>('/api/v1/ticket-categories'),
  });
  const [channel, setChannel] = useState<string>(can('visit.record') && !can('ticket.read') ? 'facility' : 'hotline');
  const [category, setCategory] = useState('');
  const [priority, setPriority] = useState('');
  const [description, setDescription] = useState('');
  const [callerName, setCallerName] = useState('');
  const [callerPhone, setCallerPhone] = useState('');
  const [memberNumber, setMemberNumber] = useState(params.get('number') ?? '');
  const [facilityId, setFacilityId] = useState('');
  const [error, setError] = useState<unknown>(null);
  const [opened, setOpened] = useState<{ id: string; number: string; dueAt: string } | null>(null);

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setError(null);
    try {
      let memberId: string | null = params.get('member');
      if (!memberId && memberNumber.trim()) {
        const found = await api<Page<Member>>(`/api/v1/members${query({ number: memberNumber.trim(), limit: 1 })}`);
        if (!found.items[0]) {
          throw new ApiError(400, {
            detail: `memberNumber: ${t('tickets.form.noMember')}`,
            errors: [{ field: 'memberNumber', reason: t('tickets.form.noMember') }],
          });
        }
        memberId = found.items[0].id;
      }
      const result = await api<{ id: string; number: string; dueAt: string }>('/api/v1/tickets', {
        method: 'POST',
        json: {
          channel,
          category,
          priority: priority || undefined,
          description,
          callerName: orNull(callerName),
          callerPhone: orNull(callerPhone),
          memberId,
          facilityId: orNull(facilityId),
        },
      });
      if (can('ticket.read')) navigate(`/tickets/${result.id}`);
      else setOpened(result);
    } catch (x) {
      setError(x);
    }
  };
  const err = (f: string) => (error instanceof ApiError ? error.fieldError(f) : undefined);
  if (opened) {
    return (
      <section>
        <h1>{t('tickets.form.title')}</h1>
        <p role="status">{t('tickets.form.opened', { number: opened.number, due: opened.dueAt.slice(0, 10) })}</p>
        <button type="button" onClick={() => setOpened(null)}>
          {t('tickets.form.another')}
        </button>
      </section>
    );
  }
  return (
    <section>
      {can('ticket.read') && (
        <p>
          <Link to="/tickets">← {t('tickets.title')}</Link>
        </p>
      )}
      <h1>{t('tickets.form.title')}</h1>
      <form className="form narrow" onSubmit={submit} aria-label={t('tickets.form.title')}>
        <Field label={t('tickets.channel')} error={err('channel')}>
          <select name="channel" value={channel} onChange={(e) => setChannel(e.target.value)}>
            {CHANNELS.filter((c) => c !== 'sms' && c !== 'follow_up').map((c) => (
              <option key={c} value={c}>
                {t(`channel.${c}`)}
              </option>
            ))}
          </select>
        </Field>
        <Field label={t('tickets.category')} error={err('category')}>
          <select name="category" value={category} onChange={(e) => setCategory(e.target.value)} required>
            <option value="">—</option>
            {categories.data?.items
              .filter((c) => c.active)
              .map((c) => (
                <option key={c.code} value={c.code}>
                  {c.name}
                </option>
              ))}
          </select>
        </Field>
        <Field label={t('tickets.priority')} error={err('priority')} hint={t('tickets.form.priorityHint')}>
          <select name="priority" value={priority} onChange={(e) => setPriority(e.target.value)}>
            <option value="">—</option>
            {PRIORITIES.map((p) => (
              <option key={p} value={p}>
                {t(`priority.${p}`)}
              </option>
            ))}
          </select>
        </Field>
        <Field label={t('tickets.description')} error={err('description')}>
          <textarea
            name="description"
            rows={4}
            value={description}
            onChange={(e) => setDescription(e.target.value)}
            required
          />
        </Field>
        {!params.get('member') && (
          <Field label={t('tickets.form.memberNumber')} error={err('memberNumber') ?? err('memberId')}>
            <input name="memberNumber" value={memberNumber} onChange={(e) => setMemberNumber(e.target.value)} />
          </Field>
        )}
        <Field label={t('tickets.form.callerName')} error={err('callerName')}>
          <input name="callerName" value={callerName} onChange={(e) => setCallerName(e.target.value)} />
        </Field>
        <Field label={t('tickets.form.callerPhone')} error={err('callerPhone')}>
          <input
            name="callerPhone"
            inputMode="tel"
            value={callerPhone}
            onChange={(e) => setCallerPhone(e.target.value)}
          />
        </Field>
        <Field label={t('tickets.facility')} error={err('facilityId')}>
          <FacilitySelect name="facilityId" value={facilityId} onChange={setFacilityId} />
        </Field>
        <ErrorNote error={error} />
        <button type="submit" className="primary">
          {t('tickets.form.submit')}
        </button>
      </form>
    </section>
  );
}
