import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useQuery } from '@tanstack/react-query';
import { Link } from 'react-router';
import { api, ApiError, query, type Page } from '../api';
import { useCan } from '../session';
import { ErrorNote, Field } from '../ui';

export interface Visit {
  id: string;
  number: string;
  memberNumber: string;
  nameLatin: string;
  nameLocal: string | null;
  birthDate: string;
  sex: string;
  facilityName: string;
  visitedOn: string;
  category: string | null;
  coveredUntil: string | null;
  checkedInBy: string;
}

const FACILITY = 'riskpool.deskFacility';

/**
 * One click records the visit and prints the patient form. The facility the desk works for is
 * remembered in the browser: an agent picks it once.
 */
export function CheckIn(props: { memberId: string; categories: string[]; card: string | null }) {
  const { t } = useTranslation();
  const can = useCan();
  const facilities = useQuery({
    queryKey: ['facilities', 'desk'],
    queryFn: () => api<Page<{ id: string; code: string; name: string }>>('/api/v1/facilities?limit=200'),
  });
  const [facilityId, setFacilityId] = useState(() => localStorage.getItem(FACILITY) ?? '');
  const [category, setCategory] = useState('');
  const [visit, setVisit] = useState<Visit | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);

  const record = async () => {
    setError(null);
    setBusy(true);
    try {
      localStorage.setItem(FACILITY, facilityId);
      const v = await api<Visit>('/api/v1/visits', {
        method: 'POST',
        json: {
          memberId: props.memberId,
          facilityId,
          category: category || undefined,
          card: props.card ?? undefined,
        },
      });
      setVisit(v);
      // The form is on the page now; print it once React has drawn it.
      window.setTimeout(() => window.print(), 50);
    } catch (x) {
      setError(x);
    } finally {
      setBusy(false);
    }
  };

  const fieldError = (f: string) => (error instanceof ApiError ? error.fieldError(f) : undefined);
  return (
    <div className="check-in">
      <Field label={t('desk.facility')} error={fieldError('facilityId')}>
        <select name="facilityId" value={facilityId} onChange={(e) => setFacilityId(e.target.value)} required>
          <option value="">—</option>
          {facilities.data?.items.map((f) => (
            <option key={f.id} value={f.id}>
              {f.code} · {f.name}
            </option>
          ))}
        </select>
      </Field>
      <Field label={t('desk.care')} error={fieldError('category')}>
        <select name="category" value={category} onChange={(e) => setCategory(e.target.value)}>
          <option value="">{t('desk.anyCare')}</option>
          {props.categories.map((c) => (
            <option key={c} value={c}>
              {c}
            </option>
          ))}
        </select>
      </Field>
      <button type="button" className="primary" disabled={!facilityId || busy} onClick={() => void record()}>
        {t('desk.checkIn')}
      </button>
      <ErrorNote error={fieldError('facilityId') || fieldError('category') ? null : error} />
      {visit && (
        <>
          <p className="visit-number" role="status">
            {t('desk.visitNumber', { number: visit.number })}
          </p>
          <button type="button" onClick={() => window.print()}>
            {t('desk.printAgain')}
          </button>
          {can('claim.submit') && (
            <Link
              className="button"
              to={`/claims/new${query({
                visit: visit.number,
                facility: facilityId,
                member: visit.memberNumber,
                category: visit.category,
                date: visit.visitedOn,
              })}`}
            >
              {t('desk.claim')}
            </Link>
          )}
          <PatientForm visit={visit} />
        </>
      )}
    </div>
  );
}

/** The patient form as the facility files it: printed alone (see the print styles), with room to write. */
export function PatientForm({ visit }: { visit: Visit }) {
  const { t } = useTranslation();
  const rows: [string, string][] = [
    [t('desk.form.visit'), visit.number],
    [t('desk.form.date'), visit.visitedOn],
    [t('desk.form.facility'), visit.facilityName],
    [t('desk.form.member'), visit.memberNumber],
    [t('desk.form.name'), [visit.nameLocal, visit.nameLatin].filter(Boolean).join(' · ')],
    [t('desk.form.born'), `${visit.birthDate} · ${visit.sex}`],
    [t('desk.form.care'), visit.category ?? t('desk.anyCare')],
    [t('desk.form.coveredUntil'), visit.coveredUntil ?? ''],
  ];
  return (
    <section className="patient-form" aria-label={t('desk.form.title')}>
      <h2>{t('desk.form.title')}</h2>
      <table>
        <tbody>
          {rows.map(([label, value]) => (
            <tr key={label}>
              <th scope="row">{label}</th>
              <td>{value}</td>
            </tr>
          ))}
        </tbody>
      </table>
      {[t('desk.form.diagnosis'), t('desk.form.treatment'), t('desk.form.signature')].map((label) => (
        <p key={label} className="write-in">
          {label}
        </p>
      ))}
      <p className="small">{t('desk.form.checkedInBy', { user: visit.checkedInBy })}</p>
    </section>
  );
}
