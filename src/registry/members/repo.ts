import { sql, type Insertable, type Selectable } from 'kysely';
import type { Executor } from '../../platform/db/database.js';
import type { MemberTable } from '../../platform/db/schema.js';
import type { Scope } from '../../platform/http/context.js';
import { withinScope } from '../areas/limits.js';
import { nameKeys } from './names.js';

export type MemberRow = Selectable<MemberTable>;

/** Members the scope may see, as a query to narrow further. */
export function members(db: Executor, scope: Scope) {
  let q = db.selectFrom('member').selectAll().where('scheme_id', '=', scope.schemeId);
  if (scope.areaPaths.length) q = q.where(withinScope(scope, 'member'));
  return q;
}

/** Takes the next `count` numbers of a counter in one step; answers the first of them. */
export async function reserveSequence(db: Executor, schemeId: string, name: string, count: number): Promise<number> {
  const row = await db
    .insertInto('counter')
    .values({ scheme_id: schemeId, name, value: count })
    .onConflict((oc) => oc.columns(['scheme_id', 'name']).doUpdateSet({ value: sql`counter.value + ${count}` }))
    .returning('value')
    .executeTakeFirstOrThrow();
  return Number(row.value) - count + 1;
}

export const tokenRows = (schemeId: string, memberId: string, nameLatin: string) =>
  nameKeys(nameLatin).map((token) => ({ scheme_id: schemeId, token, member_id: memberId }));

export async function insertMember(db: Executor, row: Insertable<MemberTable>) {
  await db.insertInto('member').values(row).execute();
  await db
    .insertInto('member_name_token')
    .values(tokenRows(row.scheme_id, row.id, row.name_latin))
    .execute();
}

export async function replaceNameTokens(db: Executor, schemeId: string, memberId: string, nameLatin: string) {
  await db
    .deleteFrom('member_name_token')
    .where('scheme_id', '=', schemeId)
    .where('member_id', '=', memberId)
    .execute();
  await db
    .insertInto('member_name_token')
    .values(tokenRows(schemeId, memberId, nameLatin))
    .execute();
}

/**
 * Members whose name has every word key searched for (the last one may be cut short, as
 * when someone is still typing). Longer keys are rarer, so they lead the join.
 */
export function membersWithNameKeys(db: Executor, scope: Scope, keys: string[], lastIsPrefix: boolean, cap: number) {
  const ordered = keys.map((k, i) => ({ k, prefix: lastIsPrefix && i === keys.length - 1 }));
  ordered.sort((a, b) => Number(a.prefix) - Number(b.prefix) || b.k.length - a.k.length);
  let q = members(db, scope);
  ordered.forEach(({ k, prefix }, i) => {
    const alias = `t${i}` as 't0';
    q = q.where((eb) =>
      eb.exists(
        eb
          .selectFrom(`member_name_token as ${alias}`)
          .select(`${alias}.member_id`)
          .where(`${alias}.scheme_id`, '=', scope.schemeId)
          .where(`${alias}.member_id`, '=', eb.ref('member.id'))
          .where((w) =>
            prefix
              ? w.and([w(`${alias}.token`, '>=', k), w(`${alias}.token`, '<', `${k}\uffff`)])
              : w(`${alias}.token`, '=', k),
          ),
      ),
    );
  });
  return q.limit(cap).execute();
}

/** Members sharing any one word key: the wider net when no name has them all. */
export function membersWithAnyNameKey(db: Executor, scope: Scope, keys: string[], cap: number) {
  return members(db, scope)
    .where('id', 'in', (eb) =>
      eb
        .selectFrom('member_name_token')
        .select('member_id')
        .where('scheme_id', '=', scope.schemeId)
        .where('token', 'in', keys),
    )
    .limit(cap)
    .execute();
}

/** People born the same day in the same employer or group: where a duplicate would be. */
export function sameBirthDateNearby(
  db: Executor,
  schemeId: string,
  birthDate: string,
  employerId: string | null,
  groupId: string | null,
) {
  return db
    .selectFrom('member')
    .selectAll()
    .where('scheme_id', '=', schemeId)
    .where('birth_date', '=', birthDate)
    .where((eb) =>
      eb.or([
        ...(employerId ? [eb('employer_id', '=', employerId)] : []),
        ...(groupId ? [eb('group_id', '=', groupId)] : []),
        ...(!employerId && !groupId ? [eb('employer_id', 'is', null).and('group_id', 'is', null)] : []),
      ]),
    )
    .limit(200)
    .execute();
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
