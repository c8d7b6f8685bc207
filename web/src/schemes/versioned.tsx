import { useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { api, ApiError } from '../api';
import { useCan } from '../session';
import { ErrorNote, Field } from '../ui';

/** A record that changes by versions from a day on: a contribution rule, a product. */
export interface VersionedRecord<D> {
  id: string;
  code: string;
  name: string;
  versions: { id: string; effectiveFrom: string; definition: D }[];
}

/**
 * The state of the form that adds a record with its first version, or a version to a record:
 * `draftOf` turns the latest definition (null for a new record) into what the form edits, and
 * `definitionOf` the edited draft back into what the API takes.
 */
export function useVersionedEditor<D, Draft>(options: {
  path: string;
  draftOf: (definition: D | null) => Draft;
  definitionOf: (draft: Draft) => unknown;
}) {
  const client = useQueryClient();
  const [editing, setEditing] = useState<VersionedRecord<D> | 'new' | null>(null);
  const [head, setHead] = useState({ code: '', name: '', effectiveFrom: '' });
  const [draft, setDraft] = useState<Draft | null>(null);
  const [error, setError] = useState<unknown>(null);
  const open = (record: VersionedRecord<D> | 'new') => {
    setError(null);
    setEditing(record);
    setHead({ code: '', name: '', effectiveFrom: '' });
    setDraft(options.draftOf(record === 'new' ? null : record.versions[record.versions.length - 1]!.definition));
  };
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (!draft || !editing) return;
    setError(null);
    const version = { effectiveFrom: head.effectiveFrom, definition: options.definitionOf(draft) };
    try {
      if (editing === 'new') {
        await api(options.path, { method: 'POST', json: { code: head.code, name: head.name, version } });
      } else {
        await api(`${options.path}/${editing.id}/versions`, { method: 'POST', json: version });
      }
      setEditing(null);
      await client.invalidateQueries({ queryKey: [options.path] });
    } catch (x) {
      setError(x);
    }
  };
  return { editing, open, close: () => setEditing(null), head, setHead, draft, setDraft, error, submit };
}

/** The form around a definition's fields: code and name for a new record, the day it applies from. */
export function VersionedForm<D, Draft>(props: {
  editor: ReturnType<typeof useVersionedEditor<D, Draft>>;
  addLabel: string;
  hint: string;
  children: ReactNode;
}) {
  const { t } = useTranslation();
  const { editing, head, setHead, error, submit, close } = props.editor;
  const err = (f: string) => (error instanceof ApiError ? error.fieldError(f) : undefined);
  if (!editing) return null;
  return (
    <form onSubmit={submit} className="form" aria-label={editing === 'new' ? props.addLabel : t('rules.change')}>
      {editing !== 'new' && <h2>{t('rules.changeOf', { name: editing.name })}</h2>}
      <div className="grid">
        {editing === 'new' && (
          <>
            <Field label={t('rule.code')} error={err('code')}>
              <input
                name="code"
                value={head.code}
                onChange={(e) => setHead({ ...head, code: e.target.value })}
                required
              />
            </Field>
            <Field label={t('rule.name')} error={err('name')}>
              <input
                name="name"
                value={head.name}
                onChange={(e) => setHead({ ...head, name: e.target.value })}
                required
              />
            </Field>
          </>
        )}
        <Field
          label={t('rule.effectiveFrom')}
          error={err('effectiveFrom') ?? err('version.effectiveFrom')}
          hint={props.hint}
        >
          <input
            name="effectiveFrom"
            type="date"
            value={head.effectiveFrom}
            onChange={(e) => setHead({ ...head, effectiveFrom: e.target.value })}
            required
          />
        </Field>
      </div>
      {props.children}
      <ErrorNote error={error} />
      <button type="submit" className="primary">
        {t('common.save')}
      </button>{' '}
      <button type="button" onClick={close}>
        {t('common.cancel')}
      </button>
    </form>
  );
}

/** Records with each version's day and what it says, and the button to change one from a day. */
export function VersionsTable<D>(props: {
  records: VersionedRecord<D>[];
  summary: (definition: D) => ReactNode;
  onChange: (record: VersionedRecord<D>) => void;
}) {
  const { t } = useTranslation();
  const can = useCan();
  return (
    <table className="list">
      <thead>
        <tr>
          <th>{t('rule.code')}</th>
          <th>{t('rule.name')}</th>
          <th>{t('rules.versions')}</th>
          <th />
        </tr>
      </thead>
      <tbody>
        {props.records.map((r) => (
          <tr key={r.id}>
            <td>{r.code}</td>
            <td>{r.name}</td>
            <td>
              {r.versions.map((v) => (
                <div key={v.id}>
                  {t('rules.from', { date: v.effectiveFrom })}: {props.summary(v.definition)}
                </div>
              ))}
            </td>
            <td>
              {can('product.manage') && (
                <button type="button" onClick={() => props.onChange(r)}>
                  {t('rules.change')}
                </button>
              )}
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
