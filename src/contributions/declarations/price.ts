import type { z } from '@hono/zod-openapi';
import type { Executor } from '../../platform/db/database.js';
import type { FieldError } from '../../platform/http/problem.js';
import type { Scope } from '../../platform/http/context.js';
import { contributionDue, type ContributionRule } from '../../schemes/contribution-rules/calculate.js';
import type { DeclarationLineInput } from './schemas.js';

export interface PricedLine {
  memberId: string;
  wage: number | null;
  daysWorked: number | null;
  amount: number;
  memberPart: number;
  employerPart: number;
  payerParts: { payerId: string; amount: number }[];
}

type LineInput = z.infer<typeof DeclarationLineInput>;

const CHUNK = 500;

/**
 * Finds each line's worker and prices the line by the rule, or says what is wrong with it: a
 * member the scheme does not have, one of another employer, the same worker twice, a wage the
 * rule needs and the line lacks.
 */
export async function priceLines(
  db: Executor,
  scope: Scope,
  employerId: string,
  rule: ContributionRule,
  lines: LineInput[],
): Promise<{ lines: PricedLine[]; errors: FieldError[] }> {
  const members = await membersOf(db, scope, lines);
  const errors: FieldError[] = [];
  const priced: PricedLine[] = [];
  const seen = new Map<string, number>();
  lines.forEach((l, i) => {
    const at = `lines.${i}`;
    const member = l.memberId ? members.byId.get(l.memberId) : members.byNumber.get(l.memberNumber!);
    const field = l.memberId ? `${at}.memberId` : `${at}.memberNumber`;
    if (!member)
      return errors.push({ field, reason: `there is no member ${l.memberId ?? l.memberNumber} in the scheme` });
    if (member.employer_id !== employerId) {
      return errors.push({ field, reason: `${member.member_number} is not registered as a worker of this employer` });
    }
    const twice = seen.get(member.id);
    if (twice !== undefined)
      return errors.push({ field, reason: `${member.member_number} is declared on line ${twice + 1} already` });
    seen.set(member.id, i);
    const due = contributionDue(rule, { wage: l.wage ?? null, employerId });
    if (!due.due) {
      const missing = due.reasons.find((r) => r.code === 'missing-fact');
      return errors.push({
        field: `${at}.wage`,
        reason: missing
          ? 'is needed: the contribution is a share of the wage'
          : 'cannot be priced by the contribution rule',
      });
    }
    priced.push({
      memberId: member.id,
      wage: l.wage ?? null,
      daysWorked: l.daysWorked ?? null,
      amount: due.amount,
      memberPart: due.parts.find((p) => p.party === 'member')?.amount ?? 0,
      employerPart: due.parts.find((p) => p.party === 'employer')?.amount ?? 0,
      payerParts: due.parts.filter((p) => p.party === 'payer').map((p) => ({ payerId: p.payerId!, amount: p.amount })),
    });
  });
  return { lines: priced, errors };
}

async function membersOf(db: Executor, scope: Scope, lines: LineInput[]) {
  const numbers = [...new Set(lines.flatMap((l) => (l.memberId ? [] : [l.memberNumber!])))];
  const ids = [...new Set(lines.flatMap((l) => (l.memberId ? [l.memberId] : [])))];
  const found = [];
  for (const [column, values] of [
    ['member_number', numbers],
    ['id', ids],
  ] as const) {
    for (let i = 0; i < values.length; i += CHUNK) {
      found.push(
        ...(await db
          .selectFrom('member')
          .select(['id', 'member_number', 'employer_id'])
          .where('scheme_id', '=', scope.schemeId)
          .where(column, 'in', values.slice(i, i + CHUNK))
          .execute()),
      );
    }
  }
  return { byNumber: new Map(found.map((m) => [m.member_number, m])), byId: new Map(found.map((m) => [m.id, m])) };
}
