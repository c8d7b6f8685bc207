import { useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useSearchParams } from 'react-router';
import { api, ApiError, type Duplicate, type Member } from '../api';
import { ErrorNote, Field } from '../ui';
import { fieldsOf, useScheme } from './draft';
import { emptyDraft, MemberFieldset, type MemberDraft } from './member-fields';

const RELATIONS = ['spouse', 'child', 'parent', 'other'] as const;

/**
 * Registers a household head, or with ?household= a dependant. A possible duplicate (a close
 * name, the same birth date, the same employer or village) is shown, and registering anyway
 * takes a second, explicit click.
 */
export function RegisterPage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const client = useQueryClient();
  const [params] = useSearchParams();
  const householdId = params.get('household');
  const scheme = useScheme();
  const [draft, setDraft] = useState<MemberDraft>(emptyDraft);
  const [relation, setRelation] = useState<string>(householdId ? 'child' : 'head');
  const [error, setError] = useState<unknown>(null);
  const [duplicates, setDuplicates] = useState<Duplicate[]>([]);

  const register = async (confirmDuplicate: boolean) => {
    setError(null);
    try {
      const member = await api<Member>('/api/v1/members', {
        method: 'POST',
        json: { ...fieldsOf(draft, scheme.data?.currencyMinorUnits ?? 2), householdId, relation, confirmDuplicate },
      });
      await client.invalidateQueries({ queryKey: ['/api/v1/members'] });
      navigate(`/members/${member.id}`);
    } catch (err) {
      if (err instanceof ApiError && err.problem.possibleDuplicates) setDuplicates(err.problem.possibleDuplicates);
      else setError(err);
    }
  };
  const submit = (e: FormEvent) => {
    e.preventDefault();
    setDuplicates([]);
    void register(false);
  };

  return (
    <section>
      <h1>{householdId ? t('register.dependantTitle') : t('register.title')}</h1>
      <form onSubmit={submit} className="form">
        {householdId && (
          <Field label={t('member.relation')}>
            <select name="relation" value={relation} onChange={(e) => setRelation(e.target.value)}>
              {RELATIONS.map((r) => (
                <option key={r} value={r}>
                  {t(`relation.${r}`)}
                </option>
              ))}
            </select>
          </Field>
        )}
        <MemberFieldset draft={draft} set={(c) => setDraft({ ...draft, ...c })} error={error} />
        <ErrorNote error={error} />
        {duplicates.length > 0 && (
          <div className="warning" role="alert">
            <p>{t('register.duplicateWarning')}</p>
            <ul>
              {duplicates.map((d) => (
                <li key={d.id}>
                  <Link to={`/members/${d.id}`}>{d.memberNumber}</Link> {d.nameLatin} · {d.birthDate}
                </li>
              ))}
            </ul>
            <button type="button" onClick={() => void register(true)}>
              {t('register.anyway')}
            </button>
          </div>
        )}
        <button type="submit" className="primary">
          {t('register.submit')}
        </button>
      </form>
    </section>
  );
}
