import { sql, type Insertable, type Selectable } from 'kysely';
import { hotRead } from '../../platform/db/hot.js';
import type { Db, Executor } from '../../platform/db/database.js';
import type { MemberTable } from '../../platform/db/schema.js';
import type { Scope } from '../../platform/http/context.js';
import { areaPathOf, withinScope } from '../areas/limits.js';
import { nameKeys } from './names.js';

export type MemberRow = Selectable<MemberTable>;

/** Members the scope may see, as a query to narrow further. */
export function members(db: Executor, scope: Scope) {
  let q = db.selectFrom('member').selectAll().where('scheme_id', '=', scope.schemeId);
  if (scope.areaPaths.length) q = q.where(withinScope(scope, 'member'));
  return q;
}

/** What the desk shows and the cover needs, no more: each column is a string made per row. */
const CHECKED_FIELDS = [
  'm.id',
  'm.member_number',
  'm.name_latin',
  'm.name_local',
  'm.birth_date',
  'm.sex',
  'm.status',
  'm.has_photo',
  'm.employer_id',
  'm.household_id',
  'm.relation',
] as const;

/** The member with this number; with the path of their area when asked, else null in its place. */
const checkedMember = (withAreaPath: boolean) =>
  hotRead((k, schemeId: string, memberNumber: string) =>
    k
      .selectFrom('member as m')
      .select(CHECKED_FIELDS)
      .select(withAreaPath ? areaPathOf('m').as('area_path') : sql<string | null>`null`.as('area_path'))
      .where('m.scheme_id', '=', schemeId)
      .where('m.member_number', '=', memberNumber),
  );
const byNumber = checkedMember(false);
const byNumberWithArea = checkedMember(true);

/**
 * The member with this number (the fields a check needs), with the path of the area they live
 * in when the caller is limited to areas, so that pathInScope can check the row: one query of one
 * shape for each kind of caller, which the desk and SMS checks run as hot reads. A caller who sees
 * the whole scheme needs no path and gets none (null), and the check is spared the area's lookup.
 */
export const memberByNumber = (db: Db, scope: Scope, memberNumber: string) =>
  scope.areaPaths.length
    ? byNumberWithArea(db, scope.schemeId, memberNumber)
    : byNumber(db, scope.schemeId, memberNumber);

/** Takes the next `count` numbers of a counter in one step; answers the first of them. */
export async function reserveSequence(db: Executor, schemeId: string, name: string, count: number): Promise<number> {
  const row = await reservation(db, schemeId, name, count).executeTakeFirstOrThrow();
  return Number(row.value) - count + 1;
}

const reservation = (db: Executor, schemeId: string, name: string, count: number) =>
  db
    .insertInto('counter')
    .values({ scheme_id: schemeId, name, value: count })
    .onConflict((oc) => oc.columns(['scheme_id', 'name']).doUpdateSet({ value: sql`counter.value + ${count}` }))
    .returning('value');

/**
 * Reserves numbers in a transaction of their own. On SQLite the writer thread runs it, before
 * the batches waiting there: on the server's connection it would hold the server's thread until
 * the writer's current transaction (a chunk of an import, say) commits, and an import reserving
 * its numbers would wait for the import before it to be written.
 */
export async function reserveNumbers(db: Db, schemeId: string, name: string, count: number): Promise<number> {
  if (db.engine !== 'sqlite' || !db.writer) return reserveSequence(db.kysely, schemeId, name, count);
  const query = reservation(db.kysely, schemeId, name, count).compile();
  const rows = await db.writer.run([{ sql: query.sql, runs: [query.parameters as unknown[]] }], { urgent: true });
  const row = rows?.[0] as { value: number | bigint } | undefined;
  if (!row) throw new Error(`reserving ${name} numbers answered no row`);
  return Number(row.value) - count + 1;
}

export const tokenRows = (schemeId: string, memberId: string, nameLatin: string) =>
  nameKeys(nameLatin).map((token) => ({ scheme_id: schemeId, token, member_id: memberId }));

/** Adds word keys to the scheme's vocabulary; keys already there are left as they are. */
export async function addToVocabulary(db: Executor, schemeId: string, tokens: Iterable<string>) {
  const rows = [...new Set(tokens)].map((token) => ({ scheme_id: schemeId, token }));
  for (let i = 0; i < rows.length; i += 1000) {
    await db
      .insertInto('name_token')
      .values(rows.slice(i, i + 1000))
      .onConflict((oc) => oc.columns(['scheme_id', 'token']).doNothing())
      .execute();
  }
}

export async function insertMember(db: Executor, row: Insertable<MemberTable>) {
  await db.insertInto('member').values(row).execute();
  const tokens = tokenRows(row.scheme_id, row.id, row.name_latin);
  await db.insertInto('member_name_token').values(tokens).execute();
  await addToVocabulary(
    db,
    row.scheme_id,
    tokens.map((t) => t.token),
  );
}

export async function replaceNameTokens(
  db: Executor,
  schemeId: string,
  memberId: string,
  before: string,
  nameLatin: string,
) {
  // The old name's keys find its rows through the primary key: no index by member is kept.
  await db
    .deleteFrom('member_name_token')
    .where('scheme_id', '=', schemeId)
    .where('token', 'in', nameKeys(before))
    .where('member_id', '=', memberId)
    .execute();
  const tokens = tokenRows(schemeId, memberId, nameLatin);
  await db.insertInto('member_name_token').values(tokens).execute();
  await addToVocabulary(
    db,
    schemeId,
    tokens.map((t) => t.token),
  );
}

/** The whole word keys a key typed in part may stand for, the key itself first if it is one. */
export async function keysStartingWith(db: Executor, schemeId: string, prefix: string, cap: number) {
  const rows = await db
    .selectFrom('name_token')
    .select('token')
    .where('scheme_id', '=', schemeId)
    .where('token', '>=', prefix)
    .where('token', '<', `${prefix}\uffff`)
    .orderBy('token')
    .limit(cap)
    .execute();
  return rows.map((r) => r.token);
}

/**
 * Members whose name has every word key of `all` and, when `anyOf` is given, one of those:
 * driven from the token index, rarest (longest) key first, so the work is bounded by the
 * matches found and not by the size of the scheme.
 */
export async function membersWithNameKeys(
  db: Executor,
  scope: Scope,
  all: string[],
  anyOf: string[] | null,
  cap: number,
) {
  const keys = [...all].sort((a, b) => b.length - a.length);
  const [lead, ...rest] = keys;
  let q = db
    .selectFrom('member_name_token as t0')
    .innerJoin('member', (j) =>
      j.onRef('member.scheme_id', '=', 't0.scheme_id').onRef('member.id', '=', 't0.member_id'),
    )
    .selectAll('member')
    .where('t0.scheme_id', '=', scope.schemeId);
  q = lead !== undefined ? q.where('t0.token', '=', lead) : q.where('t0.token', 'in', anyOf!);
  rest.forEach((key, i) => {
    const alias = `t${i + 1}` as 't1';
    q = q.innerJoin(`member_name_token as ${alias}`, (j) =>
      j
        .onRef(`${alias}.scheme_id`, '=', 't0.scheme_id')
        .onRef(`${alias}.member_id`, '=', 't0.member_id')
        .on(`${alias}.token`, '=', key),
    );
  });
  if (lead !== undefined && anyOf) {
    q = q.innerJoin('member_name_token as tp', (j) =>
      j
        .onRef('tp.scheme_id', '=', 't0.scheme_id')
        .onRef('tp.member_id', '=', 't0.member_id')
        .on('tp.token', 'in', anyOf),
    );
  }
  if (scope.areaPaths.length) q = q.where(withinScope(scope, 'member'));
  const rows = await q.limit(cap).execute();
  // A member whose name has two words matching the part typed comes twice.
  return [...new Map(rows.map((r) => [r.id, r])).values()];
}

/**
 * People born the same day in the same employer or group: where a duplicate would be. Served by
 * the employer's, the group's or the unattached members' index by birth date (0022).
 */
export function sameBirthDateNearby(
  db: Executor,
  schemeId: string,
  birthDate: string,
  employerId: string | null,
  groupId: string | null,
) {
  return (
    db
      .selectFrom('member')
      .selectAll()
      // The scheme and the birth date inside each term: with them outside, SQLite reads the
      // scheme's members through an index of the scheme alone (nearby.test.ts checks the plans).
      .where((eb) =>
        eb.or([
          ...(employerId ? [eb.and({ scheme_id: schemeId, employer_id: employerId, birth_date: birthDate })] : []),
          ...(groupId ? [eb.and({ scheme_id: schemeId, group_id: groupId, birth_date: birthDate })] : []),
          ...(!employerId && !groupId
            ? [
                eb.and([
                  eb('scheme_id', '=', schemeId),
                  eb('employer_id', 'is', null),
                  eb('group_id', 'is', null),
                  eb('birth_date', '=', birthDate),
                ]),
              ]
            : []),
        ]),
      )
      .limit(200)
  );
}

export const byNationalId = (db: Executor, schemeId: string, nationalId: string) =>
  db
    .selectFrom('member')
    .select(['id', 'member_number'])
    .where('scheme_id', '=', schemeId)
    .where('national_id', '=', nationalId)
    .executeTakeFirst();

export const byFactoryCard = (db: Executor, schemeId: string, employerId: string, card: string) =>
  db
    .selectFrom('member')
    .select(['id', 'member_number'])
    .where('scheme_id', '=', schemeId)
    .where('factory_card_number', '=', card)
    .where('employer_id', '=', employerId)
    .executeTakeFirst();

export const householdRow = (db: Executor, schemeId: string, id: string) =>
  db.selectFrom('household').selectAll().where('scheme_id', '=', schemeId).where('id', '=', id).executeTakeFirst();
