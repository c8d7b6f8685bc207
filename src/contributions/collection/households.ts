import type { Executor } from '../../platform/db/database.js';
import type { Scope } from '../../platform/http/context.js';
import { invalid } from '../../platform/http/problem.js';
import { members } from '../../registry/members/repo.js';

/** The household of a member, found by any member's number, with its active members. */
export async function householdOfMember(db: Executor, scope: Scope, memberNumber: string, field = 'memberNumber') {
  const member = await members(db, scope).where('member_number', '=', memberNumber).executeTakeFirst();
  if (!member) throw invalid(field, `there is no member ${memberNumber} you can reach`);
  return householdById(db, scope, member.household_id, member.id);
}

export async function householdById(db: Executor, scope: Scope, householdId: string, namedId?: string) {
  const people = await db
    .selectFrom('member')
    .selectAll()
    .where('scheme_id', '=', scope.schemeId)
    .where('household_id', '=', householdId)
    .where('status', '=', 'active')
    .orderBy('member_number')
    .execute();
  const head = people.find((m) => m.relation === 'head') ?? people[0];
  return { id: householdId, members: people, head, named: people.find((m) => m.id === namedId) ?? head };
}
