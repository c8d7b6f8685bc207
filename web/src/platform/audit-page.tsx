import { useTranslation } from 'react-i18next';
import { ErrorNote, MoreButton, usePagedList } from '../ui';

interface Entry {
  id: string;
  at: string;
  username: string | null;
  action: string;
  entity: string;
  entityId: string | null;
  before: unknown;
  after: unknown;
}

export function AuditPage() {
  const { t } = useTranslation();
  const list = usePagedList<Entry>('/api/v1/audit', { limit: 100 });
  return (
    <section>
      <h1>{t('audit.title')}</h1>
      <ErrorNote error={list.error} />
      <table className="list">
        <thead>
          <tr>
            <th>{t('audit.at')}</th>
            <th>{t('audit.who')}</th>
            <th>{t('audit.action')}</th>
            <th>{t('audit.what')}</th>
            <th>{t('audit.details')}</th>
          </tr>
        </thead>
        <tbody>
          {list.data?.pages
            .flatMap((p) => p.items)
            .map((e) => (
              <tr key={e.id}>
                <td>{e.at.slice(0, 19).replace('T', ' ')}</td>
                <td>{e.username}</td>
                <td>{t(`action.${e.action}`, { defaultValue: e.action })}</td>
                <td>
                  {e.entity} {e.entityId?.slice(-8)}
                </td>
                <td>
                  {(e.before !== null || e.after !== null) && (
                    <details>
                      <summary>{t('audit.show')}</summary>
                      <pre>{JSON.stringify({ before: e.before, after: e.after }, null, 1)}</pre>
                    </details>
                  )}
                </td>
              </tr>
            ))}
        </tbody>
      </table>
      <MoreButton list={list} />
    </section>
  );
}
