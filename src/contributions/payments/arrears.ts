import { sql } from 'kysely';
import type { Db } from '../../platform/db/database.js';
import type { Scope } from '../../platform/http/context.js';
import { decodeCursor, encodeCursor } from '../../platform/http/openapi.js';
import { notFound } from '../../platform/http/problem.js';
import { withinScope } from '../../registry/areas/limits.js';
import { findMember } from '../../registry/members/service.js';

/** What an employer's month still owes: its part of the current invoice less what was allocated to it. */
const owedSql = sql<number>`i.member_part + i.employer_part - coalesce((select sum(a.amount) from allocation a where a.scheme_id = i.scheme_id and a.employer_id = i.employer_id and a.period = i.period and a.payer_id is null), 0)`;

/**
 * Employers with months unpaid or part-paid, by name, each with its months oldest first. A page
 * is a page of employers; their months come in one more query.
 */
export async function employerArrears(
  db: Db,
  scope: Scope,
  q: { employerId?: string; limit: number; cursor?: string },
) {
  const after = decodeCursor(q.cursor, 2) as [string, string] | undefined;
  let employers = db.kysely
    .selectFrom('employer')
    .select(['employer.id', 'employer.code', 'employer.name'])
    .where('employer.scheme_id', '=', scope.schemeId)
    .where(({ exists, selectFrom }) =>
      exists(
        selectFrom('invoice as i')
          .select('i.id')
          .whereRef('i.scheme_id', '=', 'employer.scheme_id')
          .whereRef('i.employer_id', '=', 'employer.id')
          .where('i.state', '=', 'open')
          .where(owedSql, '>', 0),
      ),
    );
  if (q.employerId) employers = employers.where('employer.id', '=', q.employerId);
  if (scope.areaPaths.length) employers = employers.where(withinScope(scope, 'employer'));
  if (after) {
    employers = employers.where((eb) =>
      eb.or([
        eb('employer.name', '>', after[0]),
        eb.and([eb('employer.name', '=', after[0]), eb('employer.id', '>', after[1])]),
      ]),
    );
  }
  const rows = await employers
    .orderBy('employer.name')
    .orderBy('employer.id')
    .limit(q.limit + 1)
    .execute();
  const pageRows = rows.slice(0, q.limit);
  const months = pageRows.length
    ? await db.kysely
        .selectFrom('invoice as i')
        .select([
          'i.employer_id',
          'i.period',
          sql<number>`i.member_part + i.employer_part`.as('due'),
          owedSql.as('owed'),
        ])
        .where('i.scheme_id', '=', scope.schemeId)
        .where(
          'i.employer_id',
          'in',
          pageRows.map((e) => e.id),
        )
        .where('i.state', '=', 'open')
        .where(owedSql, '>', 0)
        .orderBy('i.period')
        .execute()
    : [];
  const items = pageRows.map((e) => {
    const own = months
      .filter((m) => m.employer_id === e.id)
      .map((m) => ({ period: m.period, owed: Number(m.owed), paid: Number(m.due) - Number(m.owed) }));
    return {
      employerId: e.id,
      employerCode: e.code,
      employerName: e.name,
      months: own,
      total: own.reduce((sum, m) => sum + m.owed, 0),
    };
  });
  const last = pageRows[pageRows.length - 1];
  return { items, nextCursor: rows.length > q.limit && last ? encodeCursor([last.name, last.id]) : null };
}

/**
 * A worker's months whose contribution is not yet paid: the months of current declarations that
 * name them, where their employer's month is still owed in whole or in part.
 */
export async function memberArrears(db: Db, scope: Scope, memberId: string) {
  await findMember(db.kysely, scope, memberId).catch(() => {
    throw notFound(`Member ${memberId}`);
  });
  const rows = await db.kysely
    .selectFrom('declaration_line as l')
    .innerJoin('declaration as d', (j) =>
      j.onRef('d.scheme_id', '=', 'l.scheme_id').onRef('d.id', '=', 'l.declaration_id'),
    )
    .innerJoin('invoice as i', (j) => j.onRef('i.scheme_id', '=', 'd.scheme_id').onRef('i.declaration_id', '=', 'd.id'))
    .select([
      'i.employer_id',
      'i.period',
      'l.amount',
      sql<number>`i.member_part + i.employer_part`.as('due'),
      owedSql.as('owed'),
    ])
    .where('l.scheme_id', '=', scope.schemeId)
    .where('l.member_id', '=', memberId)
    .where('d.state', '=', 'current')
    .orderBy('i.period')
    .execute();
  return {
    memberId,
    months: rows
      .filter((r) => Number(r.owed) > 0)
      .map((r) => ({
        period: r.period,
        employerId: r.employer_id,
        contribution: Number(r.amount),
        state: Number(r.owed) === Number(r.due) ? ('unpaid' as const) : ('part-paid' as const),
      })),
  };
}
