import { z } from '@hono/zod-openapi';
import { isoDate } from '../../platform/http/openapi.js';

export const RELATIONS = ['head', 'spouse', 'child', 'parent', 'other'] as const;
export const STATUSES = ['active', 'suspended', 'left', 'deceased'] as const;

export const Member = z
  .object({
    id: z.string(),
    memberNumber: z.string(),
    householdId: z.string(),
    relation: z.enum(RELATIONS),
    nameLocal: z.string().nullable(),
    nameLatin: z.string(),
    sex: z.enum(['F', 'M']),
    birthDate: z.string(),
    nationalId: z.string().nullable(),
    phone: z.string().nullable(),
    employerId: z.string().nullable(),
    factoryCardNumber: z.string().nullable(),
    wage: z.number().int().nullable().openapi({ description: 'Monthly wage in minor units of the scheme currency' }),
    groupId: z.string().nullable(),
    areaId: z.string().nullable(),
    assignedFacilityId: z.string().nullable().openapi({ description: 'The facility the member is assigned to' }),
    status: z.enum(STATUSES),
    hasPhoto: z.boolean(),
    version: z.number().int(),
    createdAt: z.string(),
    updatedAt: z.string(),
  })
  .openapi('Member');

// No defaults here: a partial change must leave out what it does not change, not null it.
const optionalText = (max: number) =>
  z
    .string()
    .trim()
    .max(max)
    .transform((s) => (s === '' ? null : s))
    .nullish();

/** Rules every member's fields follow, whether typed in a form, sent by API or imported. */
export const MemberFields = z.object({
  nameLocal: optionalText(200),
  nameLatin: z
    .string()
    .trim()
    .min(2, 'must have at least 2 letters')
    .max(200)
    .regex(/^[\p{Script=Latin}\s.'-]+$/u, 'must be written in Latin letters'),
  sex: z.enum(['F', 'M']),
  birthDate: isoDate({ min: '1900-01-01', max: 'today' }),
  nationalId: optionalText(40),
  phone: z
    .string()
    .trim()
    .regex(/^\+?[0-9 ]{6,20}$/, 'must be a phone number: digits, spaces, an optional leading +')
    .transform((s) => s.replace(/\s/g, ''))
    .nullish(),
  employerId: z.string().nullish(),
  factoryCardNumber: optionalText(40),
  wage: z.number().int('must be a whole amount in minor units').min(0).nullish(),
  groupId: z.string().nullish(),
  areaId: z.string().nullish(),
  assignedFacilityId: z.string().nullish(),
});

export type MemberInput = z.infer<typeof MemberFields>;

/** The fields of a new member, what was left out as null. */
export const completeFields = (f: MemberInput) => ({
  nameLocal: f.nameLocal ?? null,
  nameLatin: f.nameLatin,
  sex: f.sex,
  birthDate: f.birthDate,
  nationalId: f.nationalId ?? null,
  phone: f.phone ?? null,
  employerId: f.employerId ?? null,
  factoryCardNumber: f.factoryCardNumber ?? null,
  wage: f.wage ?? null,
  groupId: f.groupId ?? null,
  areaId: f.areaId ?? null,
  assignedFacilityId: f.assignedFacilityId ?? null,
});

export type MemberFieldsComplete = ReturnType<typeof completeFields>;

export const NewMember = MemberFields.extend({
  householdId: z
    .string()
    .nullable()
    .default(null)
    .openapi({ description: 'The household a dependant joins; left out for a new head' }),
  relation: z.enum(RELATIONS).default('head'),
  confirmDuplicate: z
    .boolean()
    .default(false)
    .openapi({ description: 'Register even though a possible duplicate was shown' }),
}).openapi('NewMember');

export const MemberChange = MemberFields.partial()
  .extend({
    relation: z.enum(RELATIONS).optional(),
    status: z.enum(STATUSES).optional(),
    version: z.number().int().optional().openapi({ description: 'The version read; a stale one is refused' }),
  })
  .openapi('MemberChange');

export const MemberQuery = z.object({
  number: z.string().max(40).optional().openapi({ description: 'A member number (its check digit is verified)' }),
  fid: z.string().max(40).optional().openapi({ description: 'A factory ID card number' }),
  nid: z.string().max(40).optional().openapi({ description: 'A national ID' }),
  phone: z.string().max(30).optional(),
  name: z
    .string()
    .max(200)
    .optional()
    .openapi({ description: 'A Latin name, spelling variants tolerated, closest first' }),
  employerId: z.string().max(100).optional(),
  groupId: z.string().max(100).optional(),
  areaId: z.string().max(100).optional(),
  householdId: z.string().max(100).optional(),
  status: z.enum(STATUSES).optional(),
  limit: z.coerce.number().int().min(1).max(500).default(50),
  cursor: z.string().max(500).optional(),
});

export const PossibleDuplicate = z.object({
  id: z.string(),
  memberNumber: z.string(),
  nameLatin: z.string(),
  birthDate: z.string(),
  employerId: z.string().nullable(),
  groupId: z.string().nullable(),
});

export const Household = z
  .object({
    id: z.string(),
    headMemberId: z.string().nullable(),
    areaId: z.string().nullable(),
    members: z.array(Member),
  })
  .openapi('Household');
