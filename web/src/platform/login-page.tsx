import { useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { api, type Me } from '../api';
import { LANGUAGES, setLanguage } from '../i18n';
import { ErrorNote, Field } from '../ui';

export function LoginPage() {
  const { t, i18n } = useTranslation();
  const client = useQueryClient();
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setBusy(true);
    setError(null);
    try {
      const res = await api<{ user: Me }>('/api/v1/auth/login', { method: 'POST', json: { username, password } });
      if (res.user.language) await setLanguage(res.user.language);
      client.setQueryData(['me'], res.user);
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  };

  return (
    <main className="login">
      <form onSubmit={submit} className="card">
        <h1>riskpool</h1>
        <p>{t('login.intro')}</p>
        <Field label={t('login.username')}>
          <input
            name="username"
            autoComplete="username"
            value={username}
            onChange={(e) => setUsername(e.target.value)}
            required
          />
        </Field>
        <Field label={t('login.password')}>
          <input
            name="password"
            type="password"
            autoComplete="current-password"
            value={password}
            onChange={(e) => setPassword(e.target.value)}
            required
          />
        </Field>
        <ErrorNote error={error} />
        <button type="submit" className="primary" disabled={busy}>
          {t('login.submit')}
        </button>
        <div className="languages">
          {LANGUAGES.map((l) => (
            <button
              key={l.code}
              type="button"
              className={i18n.language === l.code ? 'link active' : 'link'}
              onClick={() => void setLanguage(l.code)}
            >
              {l.name}
            </button>
          ))}
        </div>
      </form>
    </main>
  );
}
