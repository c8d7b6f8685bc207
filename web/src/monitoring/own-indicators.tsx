import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../api';
import { ErrorNote, Field } from '../ui';

export interface OwnIndicator {
  code: string;
  name: string;
  description: string;
  numerator: string;
  denominator: string;
  scale: number;
  unit: string;
}

const UNITS = ['count', 'percent', 'per_1000_year', 'amount', 'days', 'hours', 'score', 'ratio'];
const EMPTY = { code: '', name: '', description: '', numerator: '', denominator: '1', scale: '1', unit: 'count' };

/**
 * The indicators a scheme or a federation defines itself (a supporting organisation's list of
 * eleven, say): each a numerator and a denominator over the stored figures, with a scale and a
 * unit. The page that shows it says where they are kept; a field the API refuses is marked.
 */
export function OwnIndicators(props: {
  items: OwnIndicator[];
  add: (d: OwnIndicator) => Promise<unknown>;
  remove: (code: string) => Promise<unknown>;
  /** Where the API names the new indicator's fields: '' for a scheme's, `items.N.` in a federation's list. */
  fieldPrefix: string;
}) {
  const { t } = useTranslation();
  const [d, setD] = useState(EMPTY);
  const [error, setError] = useState<unknown>(null);
  const err = (f: string) => (error instanceof ApiError ? error.fieldError(`${props.fieldPrefix}${f}`) : undefined);
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setError(null);
    try {
      await props.add({ ...d, scale: Number(d.scale) });
      setD(EMPTY);
    } catch (x) {
      setError(x);
    }
  };
  const text = (f: keyof typeof EMPTY, label: string) => (
    <Field label={label} error={err(f)}>
      <input name={f} value={d[f]} onChange={(e) => setD({ ...d, [f]: e.target.value })} required />
    </Field>
  );
  return (
    <details className="pick">
      <summary>{t('ownIndicators.title', { n: props.items.length })}</summary>
      {props.items.length > 0 && (
        <table className="list small" aria-label={t('ownIndicators.list')}>
          <tbody>
            {props.items.map((i) => (
              <tr key={i.code}>
                <td>
                  <code>{i.code}</code>
                </td>
                <td title={i.description}>{i.name}</td>
                <td>
                  <code>
                    ({i.numerator}) ÷ ({i.denominator}) × {i.scale}
                  </code>
                </td>
                <td>
                  <button type="button" onClick={() => void props.remove(i.code).catch(setError)}>
                    {t('ownIndicators.remove')}
                  </button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <form onSubmit={submit} className="form" aria-label={t('ownIndicators.add')}>
        {text('code', t('ownIndicators.code'))}
        {text('name', t('ownIndicators.name'))}
        {text('description', t('ownIndicators.description'))}
        {text('numerator', t('dashboard.numerator'))}
        {text('denominator', t('dashboard.denominator'))}
        <Field label={t('ownIndicators.scale')} error={err('scale')} hint={t('ownIndicators.scaleHint')}>
          <input
            name="scale"
            type="number"
            step="any"
            min="0"
            value={d.scale}
            onChange={(e) => setD({ ...d, scale: e.target.value })}
            required
          />
        </Field>
        <Field label={t('ownIndicators.unit')} error={err('unit')}>
          <select name="unit" value={d.unit} onChange={(e) => setD({ ...d, unit: e.target.value })}>
            {UNITS.map((u) => (
              <option key={u} value={u}>
                {t(`unit.${u}`)}
              </option>
            ))}
          </select>
        </Field>
        <p className="small">{t('ownIndicators.hint')}</p>
        <ErrorNote error={error} />
        <button type="submit">{t('ownIndicators.add')}</button>
      </form>
    </details>
  );
}
