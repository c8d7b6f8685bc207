import type { Db, Executor } from '../platform/db/database.js';
import type { Scope } from '../platform/http/context.js';
import { invalid } from '../platform/http/problem.js';
import { memberByNumber } from '../registry/members/repo.js';
import { keptMemberPrefix } from '../registry/members/service.js';
import { parseMemberNumber } from '../registry/members/member-number.js';

/** The member a request of their own is for (care paid back, a cash benefit): by id, or by number with its check digit first. */
export async function findClaimant(db: Db, scope: Scope, input: { memberId?: string; memberNumber?: string }) {
  let memberId = input.memberId;
  if (input.memberNumber) {
    const parsed = parseMemberNumber(await keptMemberPrefix(db, scope.schemeId), input.memberNumber);
    if (!parsed.ok) throw invalid('memberNumber', parsed.reason);
    const [found] = await memberByNumber(db, scope, parsed.number);
    if (!found) throw invalid('memberNumber', 'is not a member of the scheme');
    memberId = found.id;
  }
  const member = await db.kysely
    .selectFrom('member')
    .select(['id', 'sex', 'birth_date', 'status', 'phone'])
    .where('scheme_id', '=', scope.schemeId)
    .where('id', '=', memberId!)
    .executeTakeFirst();
  if (!member) throw invalid(input.memberId ? 'memberId' : 'memberNumber', 'is not a member of the scheme');
  return member;
}

/**
 * Holds the members' rows until the transaction commits, on PostgreSQL, where requests run at
 * once: a second request for the same member then reads what the first wrote before judging it
 * against the same ceilings (in one order, so that neither waits for the other forever). SQLite
 * runs one write transaction at a time already.
 */
export async function holdMembers(db: Db, tx: Executor, schemeId: string, memberIds: string[]) {
  if (db.engine !== 'postgres') return;
  const ids = [...new Set(memberIds)].sort();
  for (let i = 0; i < ids.length; i += 500) {
    await tx
      .selectFrom('member')
      .select('id')
      .where('scheme_id', '=', schemeId)
      .where('id', 'in', ids.slice(i, i + 500))
      .orderBy('id')
      .forUpdate()
      .execute();
  }
}
