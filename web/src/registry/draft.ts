import { useQuery } from '@tanstack/react-query';
import { api, type Member, type Scheme } from '../api';
import { formatMoney, orNull, parseMoney } from '../ui';
import type { MemberDraft } from './member-fields';

export const useScheme = () => useQuery({ queryKey: ['scheme'], queryFn: () => api<Scheme>('/api/v1/scheme') });

/** The API's member fields from the form's text; a wage typed in major units becomes minor units. */
export const fieldsOf = (d: MemberDraft, minorUnits: number) => ({
  nameLatin: d.nameLatin.trim(),
  nameLocal: orNull(d.nameLocal),
  sex: d.sex,
  birthDate: d.birthDate,
  nationalId: orNull(d.nationalId),
  phone: orNull(d.phone),
  employerId: orNull(d.employerId),
  factoryCardNumber: orNull(d.factoryCardNumber),
  wage: parseMoney(d.wage, minorUnits),
  groupId: orNull(d.groupId),
  areaId: orNull(d.areaId),
  assignedFacilityId: orNull(d.assignedFacilityId),
});

export const draftOf = (m: Member, minorUnits: number): MemberDraft => ({
  nameLatin: m.nameLatin,
  nameLocal: m.nameLocal ?? '',
  sex: m.sex,
  birthDate: m.birthDate,
  nationalId: m.nationalId ?? '',
  phone: m.phone ?? '',
  employerId: m.employerId ?? '',
  factoryCardNumber: m.factoryCardNumber ?? '',
  wage: formatMoney(m.wage, minorUnits),
  groupId: m.groupId ?? '',
  areaId: m.areaId ?? '',
  assignedFacilityId: m.assignedFacilityId ?? '',
});
