import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { api, ApiError } from '../api';
import { useLogout, useMe } from '../session';
import { ErrorNote, Field } from '../ui';

export function PasswordPage() {
  const { t } = useTranslation();
  const me = useMe();
  const logout = useLogout();
  const [current, setCurrent] = useState('');
  const [next, setNext] = useState('');
  const [error, setError] = useState<unknown>(null);

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    try {
      await api('/api/v1/auth/password', { method: 'POST', json: { currentPassword: current, newPassword: next } });
      await logout(); // every session ends with a password change: log in again
    } catch (err) {
      setError(err);
    }
  };
  const fieldError = (f: string) => (error instanceof ApiError ? error.fieldError(f) : undefined);
  return (
    <section>
      <h1>{t('password.title')}</h1>
      <p>
        {me.displayName} ({me.username}) · {me.roles.join(', ')}
      </p>
      <form onSubmit={submit} className="form narrow">
        <Field label={t('password.current')} error={fieldError('currentPassword')}>
          <input
            type="password"
            autoComplete="current-password"
            value={current}
            onChange={(e) => setCurrent(e.target.value)}
            required
          />
        </Field>
        <Field label={t('password.new')} error={fieldError('newPassword')} hint={t('password.rule')}>
          <input
            type="password"
            autoComplete="new-password"
            value={next}
            onChange={(e) => setNext(e.target.value)}
            required
          />
        </Field>
        <ErrorNote error={error} />
        <button type="submit" className="primary">
          {t('password.submit')}
        </button>
      </form>
    </section>
  );
}
