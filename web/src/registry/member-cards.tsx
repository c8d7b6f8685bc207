import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../api';
import { useCan } from '../session';
import { ErrorNote } from '../ui';

interface Card {
  id: string;
  validFrom: string;
  validUntil: string;
  issuedAt: string;
  revokedAt: string | null;
  revokedReason: string | null;
}

/** A member's cards: issue (the earlier ones stop passing online checks), print, revoke a lost one. */
export function MemberCards({ memberId, active }: { memberId: string; active: boolean }) {
  const { t } = useTranslation();
  const can = useCan();
  const cards = useQuery({
    queryKey: ['cards', memberId],
    queryFn: () => api<{ items: Card[] }>(`/api/v1/members/${memberId}/cards`),
  });
  const [error, setError] = useState<unknown>(null);
  const act = async (path: string, json: unknown) => {
    setError(null);
    try {
      await api(path, { method: 'POST', json });
      await cards.refetch();
    } catch (x) {
      setError(x);
    }
  };
  const inForce = cards.data?.items.find((c) => !c.revokedAt);
  return (
    <section aria-label={t('cards.title')}>
      <h2>{t('cards.title')}</h2>
      <table className="list">
        <tbody>
          {cards.data?.items.map((c) => (
            <tr key={c.id}>
              <td>
                {c.validFrom} – {c.validUntil}
              </td>
              <td>
                {c.revokedAt
                  ? t('cards.revoked', { on: c.revokedAt.slice(0, 10), reason: c.revokedReason })
                  : t('cards.inForce')}
              </td>
              <td>
                {!c.revokedAt && can('member.manage') && (
                  <button type="button" onClick={() => void act(`/api/v1/cards/${c.id}/revoke`, { reason: 'lost' })}>
                    {t('cards.lost')}
                  </button>
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <div className="actions">
        {active && can('member.manage') && (
          <button type="button" onClick={() => void act(`/api/v1/members/${memberId}/cards`, {})}>
            {inForce ? t('cards.reissue') : t('cards.issue')}
          </button>
        )}
        {inForce && (
          <a className="button" href={`/api/v1/cards/print?memberId=${memberId}`} target="_blank" rel="noreferrer">
            {t('cards.print')}
          </a>
        )}
      </div>
      <ErrorNote error={error} />
    </section>
  );
}

/** A factory's cards: the missing ones issued in one batch, then all printed ten to a page. */
export function EmployerCards({ employerId }: { employerId: string }) {
  const { t } = useTranslation();
  const can = useCan();
  const [issued, setIssued] = useState<number | null>(null);
  const [error, setError] = useState<unknown>(null);
  const issue = async () => {
    setError(null);
    try {
      setIssued(
        (await api<{ issued: number }>('/api/v1/cards/batches', { method: 'POST', json: { employerId } })).issued,
      );
    } catch (x) {
      setError(x);
    }
  };
  return (
    <div className="actions" aria-label={t('cards.title')}>
      {can('member.manage') && (
        <button type="button" onClick={() => void issue()}>
          {t('cards.issueEmployer')}
        </button>
      )}
      <a className="button" href={`/api/v1/cards/print?employerId=${employerId}`} target="_blank" rel="noreferrer">
        {t('cards.printEmployer')}
      </a>
      {issued !== null && <span role="status">{t('cards.issued', { count: issued })}</span>}
      <ErrorNote error={error} />
    </div>
  );
}
