import type { FieldError } from '../../platform/http/problem.js';
import { completeFields, MemberFields, RELATIONS, type MemberFieldsComplete } from '../members/schemas.js';
import type { SourceRow } from './files.js';

/** The columns a worker list may have; only name_latin, sex and birth_date are required. */
export const COLUMNS = [
  'name_latin',
  'name_local',
  'sex',
  'birth_date',
  'national_id',
  'phone',
  'factory_card_number',
  'wage',
  'relation',
  'household_ref',
  'employer_code',
  'group_code',
  'area_code',
] as const;

const ALIASES: Record<string, (typeof COLUMNS)[number]> = {
  latin_name: 'name_latin',
  name: 'name_latin',
  local_name: 'name_local',
  gender: 'sex',
  date_of_birth: 'birth_date',
  dob: 'birth_date',
  nid: 'national_id',
  fid: 'factory_card_number',
  card_number: 'factory_card_number',
};

export interface RowError extends FieldError {
  line: number;
}

export interface ImportRow {
  line: number;
  fields: MemberFieldsComplete;
  relation: (typeof RELATIONS)[number];
  householdRef: string | null;
  employerCode: string | null;
  groupCode: string | null;
  areaCode: string | null;
}

/** Reasons of one line in the order of the columns, as a person reads the row. */
export const byLineAndColumn = (a: RowError, b: RowError) =>
  a.line - b.line || columnOrder(a.field) - columnOrder(b.field);

const columnOrder = (field: string) => {
  const i = COLUMNS.indexOf(field as (typeof COLUMNS)[number]);
  return i < 0 ? COLUMNS.length : i;
};

export function columnOf(header: string): string {
  return ALIASES[header] ?? header;
}

const SEX: Record<string, 'F' | 'M'> = { f: 'F', female: 'F', m: 'M', male: 'M' };

/** An amount typed in major units ("150", "150.5") in minor units, or the reason it is not one. */
export function toMinorUnits(text: string, minorUnits: number): number | string {
  if (!/^\d+(\.\d+)?$/.test(text)) return 'must be an amount such as 150 or 150.50';
  const [whole, frac = ''] = text.split('.');
  if (frac.length > minorUnits) return `has more than ${minorUnits} decimals`;
  return Number(whole) * 10 ** minorUnits + Number(frac.padEnd(minorUnits, '0') || 0);
}

/**
 * Checks one row by the same rules as the registration form, and answers either the row ready
 * to register or every field that is wrong with it. Reference columns (codes) are checked later
 * against the database.
 */
export function checkRow(source: SourceRow, minorUnits: number): { row?: ImportRow; errors: RowError[] } {
  const v: Record<string, string> = {};
  for (const [k, value] of Object.entries(source.values)) v[columnOf(k)] = value;
  const errors: RowError[] = [];
  const fail = (field: string, reason: string) => errors.push({ line: source.line, field, reason });

  const sexText = (v.sex ?? '').toLowerCase();
  const sex = SEX[sexText];
  if (!sex) fail('sex', sexText ? `"${v.sex}" is not F or M` : 'is required');
  let wage: number | null = null;
  if (v.wage) {
    const w = toMinorUnits(v.wage, minorUnits);
    if (typeof w === 'string') fail('wage', w);
    else wage = w;
  }
  const relation = (v.relation || 'head').toLowerCase() as ImportRow['relation'];
  if (!RELATIONS.includes(relation)) fail('relation', `must be one of ${RELATIONS.join(', ')}`);

  const parsed = MemberFields.safeParse({
    nameLocal: v.name_local || null,
    nameLatin: v.name_latin ?? '',
    // A wrong sex is reported above; a stand-in lets the other fields be checked all the same.
    sex: sex ?? 'F',
    birthDate: v.birth_date ?? '',
    nationalId: v.national_id || null,
    phone: v.phone || null,
    factoryCardNumber: v.factory_card_number || null,
    wage,
  });
  if (!parsed.success) {
    for (const issue of parsed.error.issues) fail(snake(String(issue.path[0] ?? 'row')), issue.message);
  }
  if (relation !== 'head' && !v.household_ref)
    fail('household_ref', `is required for a ${relation}: it names the household`);
  if (errors.length || !parsed.success) return { errors };
  return {
    errors,
    row: {
      line: source.line,
      fields: completeFields(parsed.data),
      relation,
      householdRef: v.household_ref || null,
      employerCode: v.employer_code || null,
      groupCode: v.group_code || null,
      areaCode: v.area_code || null,
    },
  };
}

const snake = (field: string) => field.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`);
