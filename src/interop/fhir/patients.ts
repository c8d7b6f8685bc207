import type { Identifier, Patient, RelatedPerson } from '@medplum/fhirtypes';
import { invalid, notFound } from '../../platform/http/problem.js';
import { decodeCursor, page } from '../../platform/http/openapi.js';
import * as repo from '../../registry/members/repo.js';
import { keptMemberPrefix, searchByName } from '../../registry/members/service.js';
import { parseMemberNumber } from '../../registry/members/member-number.js';
import { need, ref, type FhirContext } from './context.js';
import { dateBounds, idsOf, referenceId, single, token, type Search, type SearchParam } from './search.js';
import { mergedPage } from './merged.js';
import { coding, system } from './systems.js';

type Row = repo.MemberRow;

export const PATIENT_PARAMS: SearchParam[] = [
  {
    name: 'identifier',
    type: 'token',
    documentation: 'Member number (check digit verified), national ID or factory card number; system|value or value',
  },
  {
    name: 'name',
    type: 'string',
    documentation: 'The Latin name; spelling variants of romanised names match, closest first',
  },
  { name: 'birthdate', type: 'date', documentation: 'Birth date, with eq, ge, gt, le or lt' },
  { name: 'gender', type: 'token', documentation: 'female or male' },
];

export const RELATED_PERSON_PARAMS: SearchParam[] = [
  { name: 'patient', type: 'reference', documentation: 'The head of household the dependant is related to' },
  { name: 'identifier', type: 'token', documentation: "The dependant's member number" },
];

/** The v3 role of a dependant towards the head of household. */
const ROLE = { spouse: 'SPS', child: 'CHILD', parent: 'PRN', other: 'FAMMEMB' } as const;

function identifiers(ctx: FhirContext, m: Row): Identifier[] {
  const ids: Identifier[] = [
    {
      use: 'official',
      type: coding(system.identifierType, 'MB', 'Member Number'),
      system: system.memberNumber(ctx.scheme.id),
      value: m.member_number,
    },
  ];
  if (m.national_id) {
    ids.push({
      type: coding(system.identifierType, 'NI', 'National unique individual identifier'),
      system: system.nationalId(ctx.scheme.country),
      value: m.national_id,
    });
  }
  if (m.factory_card_number && m.employer_id) {
    ids.push({
      type: coding(system.identifierType, 'EI', 'Employee number'),
      system: system.factoryCard(ctx.scheme.id, m.employer_id),
      value: m.factory_card_number,
      assigner: ref('Organization', m.employer_id),
    });
  }
  return ids;
}

/** The person as every member resource tells them: names in both scripts, sex, birth date, phone. */
function person(m: Row) {
  return {
    name: [
      { use: 'official' as const, text: m.name_latin },
      ...(m.name_local ? [{ use: 'usual' as const, text: m.name_local }] : []),
    ],
    ...(m.phone ? { telecom: [{ system: 'phone' as const, value: m.phone, use: 'mobile' as const }] } : {}),
    gender: m.sex === 'F' ? ('female' as const) : ('male' as const),
    birthDate: m.birth_date,
  };
}

export function patientOf(ctx: FhirContext, m: Row): Patient {
  return {
    resourceType: 'Patient',
    id: m.id,
    meta: { versionId: String(m.version), lastUpdated: m.updated_at },
    identifier: identifiers(ctx, m),
    active: m.status === 'active',
    ...person(m),
    ...(m.status === 'deceased' ? { deceasedBoolean: true } : {}),
    ...(m.has_photo ? { photo: [{ url: `${ctx.origin}/api/v1/members/${m.id}/photo`, title: 'Photo' }] } : {}),
    managingOrganization: ref('Organization', ctx.scheme.id, ctx.scheme.name),
    // A dependant is also the head's RelatedPerson: the same person seen from the household.
    ...(m.relation !== 'head' ? { link: [{ other: ref('RelatedPerson', m.id), type: 'seealso' as const }] } : {}),
  };
}

export function relatedPersonOf(ctx: FhirContext, m: Row, headId: string): RelatedPerson {
  const relation = m.relation as keyof typeof ROLE;
  return {
    resourceType: 'RelatedPerson',
    id: m.id,
    meta: { versionId: String(m.version), lastUpdated: m.updated_at },
    identifier: identifiers(ctx, m).slice(0, 1),
    active: m.status === 'active',
    patient: ref('Patient', headId),
    relationship: [coding(system.roleCode, ROLE[relation] ?? 'FAMMEMB')],
    ...person(m),
  };
}

/** The heads of the households of these members, by household id. */
export async function headsOf(ctx: FhirContext, rows: Row[]): Promise<Map<string, string>> {
  const ids = [...new Set(rows.map((r) => r.household_id))];
  if (!ids.length) return new Map();
  const households = await ctx.db.kysely
    .selectFrom('household')
    .select(['id', 'head_member_id'])
    .where('scheme_id', '=', ctx.scope.schemeId)
    .where('id', 'in', ids)
    .execute();
  // A household whose head has not been named yet is its members' own.
  return new Map(households.filter((h) => h.head_member_id !== null).map((h) => [h.id, h.head_member_id!]));
}

/** The member the id names, within the caller's reach. */
export async function memberRow(ctx: FhirContext, id: string, type = 'Patient'): Promise<Row> {
  const row = await repo.members(ctx.db.kysely, ctx.scope).where('id', '=', id).executeTakeFirst();
  if (!row) throw notFound(`${type}/${id}`);
  return row;
}

export async function readPatient(ctx: FhirContext, id: string) {
  need(ctx, 'member.read');
  return patientOf(ctx, await memberRow(ctx, id));
}

export async function readRelatedPerson(ctx: FhirContext, id: string) {
  need(ctx, 'member.read');
  const row = await memberRow(ctx, id, 'RelatedPerson');
  if (row.relation === 'head') throw notFound(`RelatedPerson/${id}`);
  return relatedPersonOf(ctx, row, (await headsOf(ctx, [row])).get(row.household_id) ?? row.id);
}

/**
 * The condition an identifier token puts on members: by its system, the member number (its
 * check digit verified: a mistyped number is refused, never read as someone else's), the
 * national ID, or an employer's card number; without a system, any of them.
 */
async function byIdentifier(ctx: FhirContext, param: string, text: string) {
  const { system: sys, value } = token(text);
  const numberSystem = system.memberNumber(ctx.scheme.id);
  const number = async () => {
    const parsed = parseMemberNumber(await keptMemberPrefix(ctx.db, ctx.scheme.id), value);
    if (!parsed.ok && sys === numberSystem) throw invalid(param, `the member number ${parsed.reason}`);
    return parsed.ok ? parsed.number : null;
  };
  type Where = { column: 'member_number' | 'national_id' | 'factory_card_number'; value: string; employer?: string };
  const where: Where[] = [];
  if (sys === numberSystem) where.push({ column: 'member_number', value: (await number())! });
  else if (sys === system.nationalId(ctx.scheme.country)) where.push({ column: 'national_id', value });
  else if (sys && sys.startsWith(system.factoryCard(ctx.scheme.id, ''))) {
    const employer = sys.slice(system.factoryCard(ctx.scheme.id, '').length).replace(/\/card$/, '');
    where.push({ column: 'factory_card_number', value, employer });
  } else if (!sys) {
    const n = await number();
    if (n) where.push({ column: 'member_number', value: n });
    where.push({ column: 'national_id', value }, { column: 'factory_card_number', value });
  }
  return where;
}

/** Members matching a search, a page at a time: by id, or ranked by name when a name is asked. */
async function searchMembers(ctx: FhirContext, s: Search, extra: { headId?: string; dependants?: boolean }) {
  let q = repo.members(ctx.db.kysely, ctx.scope);
  const ids = idsOf(s);
  if (ids) q = q.where('id', 'in', ids);
  const identifier = single(s, 'identifier');
  if (identifier !== undefined) {
    const where = await byIdentifier(ctx, 'identifier', identifier);
    // A system we do not give out names nobody here.
    if (!where.length) return { rows: [], nextCursor: null };
    q = q.where((eb) =>
      eb.or(
        where.map((w) =>
          w.employer
            ? eb.and([eb(w.column, '=', w.value), eb('employer_id', '=', w.employer)])
            : eb(w.column, '=', w.value),
        ),
      ),
    );
  }
  for (const b of dateBounds('birthdate', s.values.get('birthdate') ?? [])) q = q.where('birth_date', b.op, b.value);
  const gender = single(s, 'gender');
  if (gender !== undefined) {
    if (gender !== 'female' && gender !== 'male') throw invalid('gender', 'must be female or male');
    q = q.where('sex', '=', gender === 'female' ? 'F' : 'M');
  }
  if (extra.headId) {
    q = q.where('household_id', 'in', (eb) =>
      eb
        .selectFrom('household')
        .select('id')
        .where('scheme_id', '=', ctx.scope.schemeId)
        .where('head_member_id', '=', extra.headId!),
    );
  }
  if (extra.dependants) q = q.where('relation', '!=', 'head');

  const name = single(s, 'name');
  if (name !== undefined) {
    // Ranked by closeness, so paged by position in the ranking rather than by id.
    const ranked = await searchByName(ctx.db.kysely, ctx.scope, name, 200);
    if (!ranked.length) return { rows: [], nextCursor: null };
    const rows = await q
      .where(
        'id',
        'in',
        ranked.map((r) => r.id),
      )
      .execute();
    const byId = new Map(rows.map((r) => [r.id, r]));
    const matches = ranked.map((r) => byId.get(r.id)).filter((r): r is Row => r !== undefined);
    const from = (decodeCursor(s.cursor, 1)?.[0] as number | undefined) ?? 0;
    if (typeof from !== 'number') throw invalid('_cursor', 'is not a page of this search');
    const result = page(matches.slice(from), s.count, () => [from + s.count]);
    return { rows: result.items, nextCursor: result.nextCursor };
  }
  const result = await mergedPage(
    [(after, limit) => (after ? q.where('id', '>', after) : q).orderBy('id').limit(limit).execute()],
    s.count,
    s.cursor,
  );
  return { rows: result.items, nextCursor: result.nextCursor };
}

export async function searchPatients(ctx: FhirContext, s: Search) {
  need(ctx, 'member.read');
  const { rows, nextCursor } = await searchMembers(ctx, s, {});
  return { resources: rows.map((r) => patientOf(ctx, r)), nextCursor };
}

export async function searchRelatedPersons(ctx: FhirContext, s: Search) {
  need(ctx, 'member.read');
  const patient = single(s, 'patient');
  const headId = patient === undefined ? undefined : referenceId('patient', patient, 'Patient');
  const { rows, nextCursor } = await searchMembers(ctx, s, { headId, dependants: true });
  const heads = await headsOf(ctx, rows);
  return { resources: rows.map((r) => relatedPersonOf(ctx, r, heads.get(r.household_id) ?? r.id)), nextCursor };
}
