import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { api, ApiError, type Scheme } from '../api';
import { LANGUAGES } from '../i18n';
import { useScheme } from '../registry/draft';
import { useCan } from '../session';
import { ErrorNote, Field } from '../ui';

export function SchemePage() {
  const { t } = useTranslation();
  const scheme = useScheme();
  if (scheme.error) return <ErrorNote error={scheme.error} />;
  if (!scheme.data) return <p className="loading">{t('common.loading')}</p>;
  return <SchemeForm scheme={scheme.data} onSaved={() => void scheme.refetch()} />;
}

function SchemeForm({ scheme, onSaved }: { scheme: Scheme; onSaved: () => void }) {
  const { t } = useTranslation();
  const can = useCan();
  const [d, setD] = useState(scheme);
  const [error, setError] = useState<unknown>(null);
  const [saved, setSaved] = useState(false);
  const err = (f: string) => (error instanceof ApiError ? error.fieldError(f) : undefined);
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setError(null);
    setSaved(false);
    try {
      const { name, country, currency, currencyMinorUnits, languages, memberPrefix } = d;
      await api('/api/v1/scheme', {
        method: 'PATCH',
        json: { name, country, currency, currencyMinorUnits, languages, memberPrefix },
      });
      setSaved(true);
      onSaved();
    } catch (x) {
      setError(x);
    }
  };
  const toggle = (code: string) =>
    setD({
      ...d,
      languages: d.languages.includes(code) ? d.languages.filter((l) => l !== code) : [...d.languages, code],
    });
  const readOnly = !can('scheme.manage');
  return (
    <section>
      <h1>{t('scheme.title')}</h1>
      <form onSubmit={submit} className="form narrow">
        <fieldset disabled={readOnly}>
          <Field label={t('scheme.name')} error={err('name')}>
            <input value={d.name} onChange={(e) => setD({ ...d, name: e.target.value })} />
          </Field>
          <Field label={t('scheme.country')} error={err('country')}>
            <input
              value={d.country}
              onChange={(e) => setD({ ...d, country: e.target.value.toUpperCase() })}
              maxLength={2}
            />
          </Field>
          <Field label={t('scheme.currency')} error={err('currency')}>
            <input
              value={d.currency}
              onChange={(e) => setD({ ...d, currency: e.target.value.toUpperCase() })}
              maxLength={3}
            />
          </Field>
          <Field label={t('scheme.minorUnits')} error={err('currencyMinorUnits')}>
            <input
              type="number"
              min={0}
              max={4}
              value={d.currencyMinorUnits}
              onChange={(e) => setD({ ...d, currencyMinorUnits: Number(e.target.value) })}
            />
          </Field>
          <Field label={t('scheme.memberPrefix')} error={err('memberPrefix')} hint={t('scheme.prefixHint')}>
            <input
              value={d.memberPrefix}
              onChange={(e) => setD({ ...d, memberPrefix: e.target.value.toUpperCase() })}
              maxLength={6}
            />
          </Field>
          <fieldset className="languages-choice">
            <legend>{t('scheme.languages')}</legend>
            {LANGUAGES.map((l) => (
              <label key={l.code} className="check">
                <input type="checkbox" checked={d.languages.includes(l.code)} onChange={() => toggle(l.code)} />{' '}
                {l.name}
              </label>
            ))}
            {err('languages') && <em role="alert">{err('languages')}</em>}
          </fieldset>
          <ErrorNote error={error} />
          {saved && <p className="ok">{t('common.saved')}</p>}
          <button type="submit" className="primary">
            {t('common.save')}
          </button>
        </fieldset>
      </form>
    </section>
  );
}
