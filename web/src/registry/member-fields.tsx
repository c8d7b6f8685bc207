import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { api, ApiError, type Area, type Employer, type Group, type Page } from '../api';
import { Field } from '../ui';

/** A member's fields as a form keeps them: all text, turned into API values on submit. */
export interface MemberDraft {
  nameLatin: string;
  nameLocal: string;
  sex: string;
  birthDate: string;
  nationalId: string;
  phone: string;
  employerId: string;
  factoryCardNumber: string;
  wage: string;
  groupId: string;
  areaId: string;
  assignedFacilityId: string;
}

export const emptyDraft: MemberDraft = {
  nameLatin: '',
  nameLocal: '',
  sex: '',
  birthDate: '',
  nationalId: '',
  phone: '',
  employerId: '',
  factoryCardNumber: '',
  wage: '',
  groupId: '',
  areaId: '',
  assignedFacilityId: '',
};

/** Choices for the employer, group and area of a member. */
export function useRegistryChoices() {
  const employers = useQuery({
    queryKey: ['choices', 'employers'],
    queryFn: () => api<Page<Employer>>('/api/v1/employers?limit=500'),
  });
  const groups = useQuery({
    queryKey: ['choices', 'groups'],
    queryFn: () => api<Page<Group>>('/api/v1/groups?limit=500'),
  });
  const areas = useQuery({
    queryKey: ['choices', 'areas'],
    queryFn: () => api<Page<Area>>('/api/v1/areas?limit=1000'),
  });
  const facilities = useQuery({
    queryKey: ['choices', 'facilities'],
    queryFn: () => api<Page<{ id: string; code: string; name: string }>>('/api/v1/facilities?limit=500'),
  });
  return {
    employers: employers.data?.items ?? [],
    groups: groups.data?.items ?? [],
    areas: areas.data?.items ?? [],
    facilities: facilities.data?.items ?? [],
  };
}

export function MemberFieldset({
  draft,
  set,
  error,
}: {
  draft: MemberDraft;
  set: (change: Partial<MemberDraft>) => void;
  error: unknown;
}) {
  const { t } = useTranslation();
  const choices = useRegistryChoices();
  const err = (field: string) => (error instanceof ApiError ? error.fieldError(field) : undefined);
  const text = (field: keyof MemberDraft, props: Record<string, unknown> = {}) => (
    <Field label={t(`member.${field}`)} error={err(field)}>
      <input name={field} value={draft[field]} onChange={(e) => set({ [field]: e.target.value })} {...props} />
    </Field>
  );
  return (
    <div className="grid">
      {text('nameLatin', { required: true, autoComplete: 'off' })}
      {text('nameLocal', { lang: 'km', autoComplete: 'off' })}
      <Field label={t('member.sex')} error={err('sex')}>
        <select name="sex" value={draft.sex} onChange={(e) => set({ sex: e.target.value })} required>
          <option value="">—</option>
          <option value="F">{t('sex.F')}</option>
          <option value="M">{t('sex.M')}</option>
        </select>
      </Field>
      {text('birthDate', { type: 'date', required: true })}
      {text('nationalId')}
      {text('phone', { type: 'tel' })}
      <Field label={t('member.employerId')} error={err('employerId')}>
        <select name="employerId" value={draft.employerId} onChange={(e) => set({ employerId: e.target.value })}>
          <option value="">—</option>
          {choices.employers.map((e) => (
            <option key={e.id} value={e.id}>
              {e.name}
            </option>
          ))}
        </select>
      </Field>
      {text('factoryCardNumber')}
      {text('wage', { inputMode: 'decimal' })}
      <Field label={t('member.groupId')} error={err('groupId')}>
        <select name="groupId" value={draft.groupId} onChange={(e) => set({ groupId: e.target.value })}>
          <option value="">—</option>
          {choices.groups.map((g) => (
            <option key={g.id} value={g.id}>
              {g.name}
            </option>
          ))}
        </select>
      </Field>
      <Field label={t('member.areaId')} error={err('areaId')} hint={t('member.areaHint')}>
        <select name="areaId" value={draft.areaId} onChange={(e) => set({ areaId: e.target.value })}>
          <option value="">—</option>
          {choices.areas.map((a) => (
            <option key={a.id} value={a.id}>
              {a.name} ({t(`level.${a.level}`)})
            </option>
          ))}
        </select>
      </Field>
      <Field
        label={t('member.assignedFacilityId')}
        error={err('assignedFacilityId')}
        hint={t('member.assignedFacilityHint')}
      >
        <select
          name="assignedFacilityId"
          value={draft.assignedFacilityId}
          onChange={(e) => set({ assignedFacilityId: e.target.value })}
        >
          <option value="">—</option>
          {choices.facilities.map((f) => (
            <option key={f.id} value={f.id}>
              {f.code} · {f.name}
            </option>
          ))}
        </select>
      </Field>
    </div>
  );
}
