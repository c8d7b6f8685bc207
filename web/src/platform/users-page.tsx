import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { api, ApiError } from '../api';
import { useRegistryChoices } from '../registry/member-fields';
import { useCan } from '../session';
import { ErrorNote, Field, MoreButton, usePagedList } from '../ui';
import { FhirSection } from './fhir-section';

interface User {
  id: string;
  username: string;
  displayName: string;
  roles: string[];
  areaIds: string[];
  active: boolean;
  isMachine: boolean;
  locked: boolean;
}
interface Role {
  code: string;
  name: string;
  rights: string[];
  builtIn: boolean;
}
interface Token {
  id: string;
  name: string;
  username: string;
  createdAt: string;
  lastUsedAt: string | null;
  revokedAt: string | null;
}

const RIGHTS = [
  'scheme.read',
  'scheme.manage',
  'area.read',
  'area.manage',
  'employer.read',
  'employer.manage',
  'group.read',
  'group.manage',
  'facility.read',
  'facility.manage',
  'member.read',
  'member.manage',
  'member.import',
  'product.read',
  'product.manage',
  'contribution.read',
  'contribution.manage',
  'user.read',
  'user.manage',
  'token.manage',
  'audit.read',
];

export function UsersPage() {
  const { t } = useTranslation();
  const can = useCan();
  const client = useQueryClient();
  const users = usePagedList<User>('/api/v1/users', { limit: 100 });
  const roles = useQuery({ queryKey: ['roles'], queryFn: () => api<{ items: Role[] }>('/api/v1/roles') });
  const [secret, setSecret] = useState<string | null>(null);
  const [error, setError] = useState<unknown>(null);
  const refresh = () => client.invalidateQueries({ queryKey: ['/api/v1/users'] });

  const act = async (fn: () => Promise<unknown>) => {
    setError(null);
    try {
      await fn();
      await refresh();
    } catch (x) {
      setError(x);
    }
  };
  const reset = (u: User) =>
    act(async () => {
      const r = await api<{ generatedPassword: string }>(`/api/v1/users/${u.id}/password`, {
        method: 'POST',
        json: {},
      });
      setSecret(t('users.newPassword', { username: u.username, password: r.generatedPassword }));
    });
  const setActive = (u: User, active: boolean) =>
    act(() => api(`/api/v1/users/${u.id}`, { method: 'PATCH', json: { active } }));

  return (
    <section>
      <h1>{t('users.title')}</h1>
      {secret && (
        <p className="secret" role="status">
          {secret}
        </p>
      )}
      <ErrorNote error={error ?? users.error} />
      <table className="list">
        <thead>
          <tr>
            <th>{t('users.username')}</th>
            <th>{t('users.displayName')}</th>
            <th>{t('users.roles')}</th>
            <th>{t('users.state')}</th>
            <th />
          </tr>
        </thead>
        <tbody>
          {users.data?.pages
            .flatMap((p) => p.items)
            .map((u) => (
              <tr key={u.id}>
                <td>{u.username}</td>
                <td>{u.displayName}</td>
                <td>{u.roles.join(', ')}</td>
                <td>
                  {!u.active
                    ? t('users.inactive')
                    : u.locked
                      ? t('users.locked')
                      : u.isMachine
                        ? t('users.machine')
                        : t('users.active')}
                  {u.areaIds.length > 0 && ` · ${t('users.limited', { count: u.areaIds.length })}`}
                </td>
                <td className="actions">
                  {can('user.manage') && !u.isMachine && (
                    <button type="button" onClick={() => void reset(u)}>
                      {t('users.reset')}
                    </button>
                  )}
                  {can('user.manage') && (
                    <button type="button" onClick={() => void setActive(u, !u.active)}>
                      {u.active ? t('users.deactivate') : t('users.activate')}
                    </button>
                  )}
                </td>
              </tr>
            ))}
        </tbody>
      </table>
      <MoreButton list={users} />
      {can('user.manage') && (
        <NewUserForm
          roles={roles.data?.items ?? []}
          onCreated={(s) => {
            setSecret(s);
            void refresh();
          }}
        />
      )}
      <h2>{t('roles.title')}</h2>
      <table className="list">
        <tbody>
          {roles.data?.items.map((r) => (
            <tr key={r.code}>
              <td>
                <strong>{t(`role.${r.code}`, { defaultValue: r.name })}</strong> {!r.builtIn && `(${r.code})`}
              </td>
              <td className="rights">{r.rights.join(' · ')}</td>
            </tr>
          ))}
        </tbody>
      </table>
      {can('user.manage') && <NewRoleForm onCreated={() => void roles.refetch()} />}
      {can('token.manage') && <Tokens users={users.data?.pages.flatMap((p) => p.items) ?? []} />}
      {can('token.manage') && <FhirSection />}
    </section>
  );
}

function NewUserForm({ roles, onCreated }: { roles: Role[]; onCreated: (secret: string) => void }) {
  const { t } = useTranslation();
  const { areas } = useRegistryChoices();
  const blank = {
    username: '',
    displayName: '',
    password: '',
    roles: [] as string[],
    areaIds: [] as string[],
    isMachine: false,
  };
  const [d, setD] = useState(blank);
  const [error, setError] = useState<unknown>(null);
  const err = (f: string) => (error instanceof ApiError ? error.fieldError(f) : undefined);
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setError(null);
    try {
      const r = await api<{ generatedPassword: string | null }>('/api/v1/users', {
        method: 'POST',
        json: { ...d, password: d.password || undefined },
      });
      onCreated(
        r.generatedPassword
          ? t('users.newPassword', { username: d.username, password: r.generatedPassword })
          : t('users.created', { username: d.username }),
      );
      setD(blank);
    } catch (x) {
      setError(x);
    }
  };
  const toggle = (list: string[], v: string) => (list.includes(v) ? list.filter((x) => x !== v) : [...list, v]);
  return (
    <form onSubmit={submit} className="form">
      <h2>{t('users.add')}</h2>
      <div className="grid">
        <Field label={t('users.username')} error={err('username')}>
          <input
            name="username"
            value={d.username}
            onChange={(e) => setD({ ...d, username: e.target.value })}
            required
          />
        </Field>
        <Field label={t('users.displayName')} error={err('displayName')}>
          <input
            name="displayName"
            value={d.displayName}
            onChange={(e) => setD({ ...d, displayName: e.target.value })}
            required
          />
        </Field>
        <Field label={t('users.password')} error={err('password')} hint={t('users.passwordHint')}>
          <input
            name="password"
            type="password"
            autoComplete="new-password"
            value={d.password}
            onChange={(e) => setD({ ...d, password: e.target.value })}
          />
        </Field>
      </div>
      <fieldset>
        <legend>{t('users.roles')}</legend>
        {roles.map((r) => (
          <label key={r.code} className="check">
            <input
              type="checkbox"
              checked={d.roles.includes(r.code)}
              onChange={() => setD({ ...d, roles: toggle(d.roles, r.code) })}
            />{' '}
            {t(`role.${r.code}`, { defaultValue: r.name })}
          </label>
        ))}
        {err('roles') && <em role="alert">{err('roles')}</em>}
      </fieldset>
      <fieldset>
        <legend>{t('users.areas')}</legend>
        {areas.map((a) => (
          <label key={a.id} className="check">
            <input
              type="checkbox"
              checked={d.areaIds.includes(a.id)}
              onChange={() => setD({ ...d, areaIds: toggle(d.areaIds, a.id) })}
            />{' '}
            {a.name}
          </label>
        ))}
      </fieldset>
      <label className="check">
        <input type="checkbox" checked={d.isMachine} onChange={(e) => setD({ ...d, isMachine: e.target.checked })} />{' '}
        {t('users.isMachine')}
      </label>
      <ErrorNote error={error} />
      <button type="submit" className="primary">
        {t('users.create')}
      </button>
    </form>
  );
}

function NewRoleForm({ onCreated }: { onCreated: () => void }) {
  const { t } = useTranslation();
  const [d, setD] = useState({ code: '', name: '', rights: [] as string[] });
  const [error, setError] = useState<unknown>(null);
  const err = (f: string) => (error instanceof ApiError ? error.fieldError(f) : undefined);
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setError(null);
    try {
      await api('/api/v1/roles', { method: 'POST', json: d });
      setD({ code: '', name: '', rights: [] });
      onCreated();
    } catch (x) {
      setError(x);
    }
  };
  return (
    <form onSubmit={submit} className="form">
      <h3>{t('roles.add')}</h3>
      <div className="grid">
        <Field label={t('roles.code')} error={err('code')}>
          <input value={d.code} onChange={(e) => setD({ ...d, code: e.target.value })} required />
        </Field>
        <Field label={t('roles.name')} error={err('name')}>
          <input value={d.name} onChange={(e) => setD({ ...d, name: e.target.value })} required />
        </Field>
      </div>
      <fieldset>
        <legend>{t('roles.rights')}</legend>
        {RIGHTS.map((r) => (
          <label key={r} className="check">
            <input
              type="checkbox"
              checked={d.rights.includes(r)}
              onChange={() =>
                setD({ ...d, rights: d.rights.includes(r) ? d.rights.filter((x) => x !== r) : [...d.rights, r] })
              }
            />{' '}
            {r}
          </label>
        ))}
        {err('rights') && <em role="alert">{err('rights')}</em>}
      </fieldset>
      <ErrorNote error={error} />
      <button type="submit">{t('roles.create')}</button>
    </form>
  );
}

function Tokens({ users }: { users: User[] }) {
  const { t } = useTranslation();
  const tokens = useQuery({ queryKey: ['tokens'], queryFn: () => api<{ items: Token[] }>('/api/v1/api-tokens') });
  const [d, setD] = useState({ name: '', userId: '' });
  const [issued, setIssued] = useState<string | null>(null);
  const [error, setError] = useState<unknown>(null);
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setError(null);
    try {
      const r = await api<{ token: string }>('/api/v1/api-tokens', { method: 'POST', json: d });
      setIssued(r.token);
      setD({ name: '', userId: '' });
      await tokens.refetch();
    } catch (x) {
      setError(x);
    }
  };
  const revoke = async (id: string) => {
    await api(`/api/v1/api-tokens/${id}`, { method: 'DELETE' }).catch(setError);
    await tokens.refetch();
  };
  return (
    <>
      <h2>{t('tokens.title')}</h2>
      {issued && (
        <p className="secret" role="status">
          {t('tokens.issued')} <code>{issued}</code>
        </p>
      )}
      <table className="list">
        <tbody>
          {tokens.data?.items.map((k) => (
            <tr key={k.id}>
              <td>{k.name}</td>
              <td>{k.username}</td>
              <td>
                {k.revokedAt
                  ? t('tokens.revoked')
                  : k.lastUsedAt
                    ? t('tokens.lastUsed', { at: k.lastUsedAt.slice(0, 16) })
                    : t('tokens.unused')}
              </td>
              <td>
                {!k.revokedAt && (
                  <button type="button" onClick={() => void revoke(k.id)}>
                    {t('tokens.revoke')}
                  </button>
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <form onSubmit={submit} className="form inline">
        <Field label={t('tokens.name')}>
          <input value={d.name} onChange={(e) => setD({ ...d, name: e.target.value })} required />
        </Field>
        <Field label={t('tokens.user')}>
          <select value={d.userId} onChange={(e) => setD({ ...d, userId: e.target.value })} required>
            <option value="">—</option>
            {users.map((u) => (
              <option key={u.id} value={u.id}>
                {u.username}
              </option>
            ))}
          </select>
        </Field>
        <button type="submit">{t('tokens.issue')}</button>
      </form>
      <ErrorNote error={error} />
    </>
  );
}
