import type { z } from '@hono/zod-openapi';
import type { Db, Executor } from '../../platform/db/database.js';
import type { Scope } from '../../platform/http/context.js';
import { audit, type Actor } from '../../platform/audit/audit.js';
import { readAuditLog } from '../../platform/audit/log.js';
import { newId, nowIso } from '../../platform/ids.js';
import { conflict, invalid, notFound } from '../../platform/http/problem.js';
import { decodeCursor, page } from '../../platform/http/openapi.js';
import { checkAreaForWrite } from '../areas/limits.js';
import { findEmployer } from '../employers/service.js';
import { findGroup } from '../groups/service.js';
import { possibleDuplicates } from './duplicates.js';
import { formatMemberNumber, parseMemberNumber } from './member-number.js';
import { nameDistanceFrom, nameKey, nameKeys } from './names.js';
import * as repo from './repo.js';
import {
  completeFields,
  type Member,
  type MemberChange,
  type MemberFieldsComplete,
  type MemberQuery,
  type NewMember,
} from './schemas.js';

export type MemberView = z.infer<typeof Member>;

export const memberView = (m: repo.MemberRow): MemberView => ({
  id: m.id,
  memberNumber: m.member_number,
  householdId: m.household_id,
  relation: m.relation,
  nameLocal: m.name_local,
  nameLatin: m.name_latin,
  sex: m.sex,
  birthDate: m.birth_date,
  nationalId: m.national_id,
  phone: m.phone,
  employerId: m.employer_id,
  factoryCardNumber: m.factory_card_number,
  wage: m.wage === null ? null : Number(m.wage),
  groupId: m.group_id,
  areaId: m.area_id,
  assignedFacilityId: m.assigned_facility_id ?? null,
  status: m.status,
  hasPhoto: m.has_photo === 1,
  version: m.version,
  createdAt: m.created_at,
  updatedAt: m.updated_at,
});

const duplicateView = (m: MemberView) => ({
  id: m.id,
  memberNumber: m.memberNumber,
  nameLatin: m.nameLatin,
  birthDate: m.birthDate,
  employerId: m.employerId,
  groupId: m.groupId,
});

export async function memberPrefix(db: Executor, schemeId: string) {
  const s = await db.selectFrom('scheme').select('member_prefix').where('id', '=', schemeId).executeTakeFirstOrThrow();
  return s.member_prefix;
}

/** The prefix as kept a few seconds (see Memo): the desk and SMS checks parse a number on every request. */
export const keptMemberPrefix = (db: Db, schemeId: string) =>
  db.memo.get(`scheme:${schemeId}:prefix`, () => memberPrefix(db.kysely, schemeId));

/**
 * Resolves what a member's fields point at (employer, group, area) within the caller's scope
 * and answers the area the member lives under: the one given, else the employer's or group's.
 */
async function checkLinks(tx: Executor, scope: Scope, f: MemberFieldsComplete, householdArea: string | null) {
  let areaId = f.areaId;
  if (f.employerId) {
    const employer = await findEmployer(tx, { ...scope, areaPaths: [] }, f.employerId);
    if (!employer) throw invalid('employerId', `there is no employer "${f.employerId}" in this scheme`);
    areaId ??= employer.area_id;
  } else if (f.factoryCardNumber) {
    throw invalid('factoryCardNumber', 'needs the employer that issued the card (employerId)');
  }
  if (f.groupId) {
    const group = await findGroup(tx, { ...scope, areaPaths: [] }, f.groupId);
    if (!group) throw invalid('groupId', `there is no group "${f.groupId}" in this scheme`);
    areaId ??= group.area_id;
  }
  if (f.assignedFacilityId) {
    const facility = await tx
      .selectFrom('facility')
      .select('id')
      .where('scheme_id', '=', scope.schemeId)
      .where('id', '=', f.assignedFacilityId)
      .executeTakeFirst();
    if (!facility) throw invalid('assignedFacilityId', `there is no facility "${f.assignedFacilityId}" in this scheme`);
  }
  areaId ??= householdArea;
  await checkAreaForWrite(tx, scope, 'areaId', areaId);
  return areaId;
}

async function checkUnique(tx: Executor, schemeId: string, f: MemberFieldsComplete, selfId?: string) {
  if (f.nationalId) {
    const other = await repo.byNationalId(tx, schemeId, f.nationalId);
    if (other && other.id !== selfId) {
      throw conflict('nationalId', `is already registered to member ${other.member_number}`, {
        existingMemberId: other.id,
      });
    }
  }
  if (f.employerId && f.factoryCardNumber) {
    const other = await repo.byFactoryCard(tx, schemeId, f.employerId, f.factoryCardNumber);
    if (other && other.id !== selfId) {
      throw conflict('factoryCardNumber', `is already the card of member ${other.member_number} at this employer`, {
        existingMemberId: other.id,
      });
    }
  }
}

async function findDuplicates(tx: Executor, schemeId: string, f: MemberFieldsComplete, selfId?: string) {
  const nearby = await repo.sameBirthDateNearby(tx, schemeId, f.birthDate, f.employerId, f.groupId).execute();
  return possibleDuplicates({ ...f, id: selfId }, nearby.map(memberView)).map(duplicateView);
}

export async function registerMember(db: Db, actor: Actor, scope: Scope, body: z.infer<typeof NewMember>) {
  const input = { ...body, ...completeFields(body) };
  return db.kysely.transaction().execute(async (tx) => {
    let householdId = input.householdId;
    let householdArea: string | null = null;
    if (householdId) {
      const household = await repo.householdRow(tx, scope.schemeId, householdId);
      if (!household) throw invalid('householdId', `there is no household "${householdId}" in this scheme`);
      if (input.relation === 'head' && household.head_member_id) {
        throw invalid('relation', 'the household already has a head; a dependant is a spouse, child, parent or other');
      }
      householdArea = household.area_id;
    } else if (input.relation !== 'head') {
      throw invalid('householdId', `is required for a ${input.relation}: name the household the dependant joins`);
    }
    const areaId = await checkLinks(tx, scope, input, householdArea);
    await checkUnique(tx, scope.schemeId, input);
    const duplicates = await findDuplicates(tx, scope.schemeId, input);
    if (duplicates.length && !input.confirmDuplicate) {
      throw conflict('nameLatin', 'a member with a close name and the same birth date is already registered here', {
        possibleDuplicates: duplicates,
      });
    }

    const now = nowIso();
    const id = newId();
    if (!householdId) {
      householdId = newId();
      await tx
        .insertInto('household')
        .values({
          id: householdId,
          scheme_id: scope.schemeId,
          head_member_id: id,
          address: null,
          area_id: areaId,
          created_at: now,
        })
        .execute();
    } else if (input.relation === 'head') {
      await tx
        .updateTable('household')
        .set({ head_member_id: id })
        .where('scheme_id', '=', scope.schemeId)
        .where('id', '=', householdId)
        .execute();
    }
    const sequence = await repo.reserveSequence(tx, scope.schemeId, 'member_number', 1);
    const row: repo.MemberRow = {
      id,
      scheme_id: scope.schemeId,
      member_number: formatMemberNumber(await memberPrefix(tx, scope.schemeId), sequence),
      household_id: householdId,
      relation: input.relation,
      name_local: input.nameLocal,
      name_latin: input.nameLatin,
      name_key: nameKey(input.nameLatin),
      sex: input.sex,
      birth_date: input.birthDate,
      national_id: input.nationalId,
      phone: input.phone,
      employer_id: input.employerId,
      factory_card_number: input.factoryCardNumber,
      wage: input.wage,
      group_id: input.groupId,
      area_id: areaId,
      assigned_facility_id: input.assignedFacilityId,
      status: 'active',
      has_photo: 0,
      version: 1,
      created_at: now,
      updated_at: now,
    };
    await repo.insertMember(tx, row);
    const view = memberView(row);
    await audit(tx, actor, {
      action: 'create',
      entity: 'member',
      entityId: id,
      after: { ...view, ...(duplicates.length ? { confirmedDespite: duplicates.map((d) => d.memberNumber) } : {}) },
    });
    return view;
  });
}

export async function findMember(db: Executor, scope: Scope, id: string) {
  const row = await repo.members(db, scope).where('id', '=', id).executeTakeFirst();
  if (!row) throw notFound(`Member ${id}`);
  return row;
}

export const getMember = async (db: Db, scope: Scope, id: string) => memberView(await findMember(db.kysely, scope, id));

export async function updateMember(
  db: Db,
  actor: Actor,
  scope: Scope,
  id: string,
  change: z.infer<typeof MemberChange>,
) {
  return db.kysely.transaction().execute(async (tx) => {
    const row = await findMember(tx, scope, id);
    if (change.version !== undefined && change.version !== row.version) {
      throw conflict(
        'version',
        `the member was changed by someone else (now version ${row.version}); reload and try again`,
      );
    }
    const before = memberView(row);
    const { version: _read, ...fields } = change;
    const after = { ...before, ...fields };
    if (fields.relation === 'head' && row.relation !== 'head') {
      throw invalid('relation', 'a dependant cannot become head here; register a new household instead');
    }
    const areaId = await checkLinks(tx, scope, after, null);
    await checkUnique(tx, scope.schemeId, after, id);
    after.areaId = areaId;
    after.version = row.version + 1;
    after.updatedAt = nowIso();
    await tx
      .updateTable('member')
      .set({
        relation: after.relation,
        name_local: after.nameLocal,
        name_latin: after.nameLatin,
        name_key: nameKey(after.nameLatin),
        sex: after.sex,
        birth_date: after.birthDate,
        national_id: after.nationalId,
        phone: after.phone,
        employer_id: after.employerId,
        factory_card_number: after.factoryCardNumber,
        wage: after.wage,
        group_id: after.groupId,
        area_id: after.areaId,
        assigned_facility_id: after.assignedFacilityId,
        status: after.status,
        version: after.version,
        updated_at: after.updatedAt,
      })
      .where('scheme_id', '=', scope.schemeId)
      .where('id', '=', id)
      .execute();
    if (after.nameLatin !== before.nameLatin)
      await repo.replaceNameTokens(tx, scope.schemeId, id, before.nameLatin, after.nameLatin);
    await audit(tx, actor, { action: 'update', entity: 'member', entityId: id, before, after });
    return after;
  });
}

/**
 * Finds members by name, tolerating romanisation variants, closest first. The last word may
 * be cut short (someone still typing), unless the text ends with a space. When no name has
 * every word, names with any of them are ranked instead.
 */
export async function searchByName(db: Executor, scope: Scope, name: string, limit: number) {
  const keys = nameKeys(name);
  if (keys.length === 0) throw invalid('name', 'must contain letters');
  // Enough candidates to rank a page of the closest; names shared by thousands (Sok Dara) are
  // narrowed by the registrar with the birth date or employer, not by scrolling.
  const cap = 200;
  const typing = !/\s$/.test(name);
  let rows: repo.MemberRow[] = [];
  if (typing) {
    const whole = keys.slice(0, -1);
    const last = keys[keys.length - 1]!;
    const expansions = await repo.keysStartingWith(db, scope.schemeId, last, 30);
    if (expansions.length) rows = await repo.membersWithNameKeys(db, scope, whole, expansions, cap);
  } else {
    rows = await repo.membersWithNameKeys(db, scope, keys, null, cap);
  }
  if (rows.length === 0 && keys.length > 1) rows = await repo.membersWithNameKeys(db, scope, [], keys, cap);
  const distance = nameDistanceFrom(name);
  return rows
    .map((r) => ({ r, d: distance(r.name_latin) }))
    .sort((a, b) => a.d - b.d || a.r.member_number.localeCompare(b.r.member_number))
    .slice(0, limit)
    .map(({ r }) => memberView(r));
}

export async function searchMembers(db: Db, scope: Scope, q: z.infer<typeof MemberQuery>) {
  const k = db.kysely;
  if (q.number !== undefined) {
    const parsed = parseMemberNumber(await memberPrefix(k, scope.schemeId), q.number);
    if (!parsed.ok) throw invalid('number', parsed.reason);
    const rows = await repo.members(k, scope).where('member_number', '=', parsed.number).execute();
    return { items: rows.map(memberView), nextCursor: null };
  }
  if (q.name !== undefined) return { items: await searchByName(k, scope, q.name, q.limit), nextCursor: null };

  const after = decodeCursor(q.cursor, 1)?.[0] as string | undefined;
  let query = repo.members(k, scope);
  if (q.fid !== undefined) query = query.where('factory_card_number', '=', q.fid.trim());
  if (q.nid !== undefined) query = query.where('national_id', '=', q.nid.trim());
  if (q.phone !== undefined) query = query.where('phone', '=', q.phone.replace(/\s/g, ''));
  if (q.employerId) query = query.where('employer_id', '=', q.employerId);
  if (q.groupId) query = query.where('group_id', '=', q.groupId);
  if (q.areaId) query = query.where('area_id', '=', q.areaId);
  if (q.householdId) query = query.where('household_id', '=', q.householdId);
  if (q.status) query = query.where('status', '=', q.status);
  if (after) query = query.where('member_number', '>', after);
  const rows = await query
    .orderBy('member_number')
    .limit(q.limit + 1)
    .execute();
  const result = page(rows, q.limit, (m) => [m.member_number]);
  return { items: result.items.map(memberView), nextCursor: result.nextCursor };
}

export async function getHousehold(db: Db, scope: Scope, id: string) {
  const household = await repo.householdRow(db.kysely, scope.schemeId, id);
  if (!household) throw notFound(`Household ${id}`);
  const rows = await repo.members(db.kysely, scope).where('household_id', '=', id).orderBy('member_number').execute();
  if (rows.length === 0 && scope.areaPaths.length) throw notFound(`Household ${id}`);
  return { id, headMemberId: household.head_member_id, areaId: household.area_id, members: rows.map(memberView) };
}

/** The member's history: every audited change, newest first. */
export async function memberHistory(db: Db, scope: Scope, id: string) {
  await findMember(db.kysely, scope, id);
  const log = await readAuditLog(db.kysely, scope.schemeId, { entity: 'member', entityId: id, limit: 200 });
  return log.items.map(({ at, username, action, before, after }) => ({ at, username, action, before, after }));
}
