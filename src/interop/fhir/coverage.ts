import type { Coverage } from '@medplum/fhirtypes';
import { invalid } from '../../platform/http/problem.js';
import { today } from '../../platform/dates.js';
import * as repo from '../../registry/members/repo.js';
import { memberEligibility } from '../../eligibility/service.js';
import { need, ref, type FhirContext } from './context.js';
import { headsOf, memberRow } from './patients.js';
import { idsOf, referenceId, single, token, type Search, type SearchParam } from './search.js';
import { mergedPage } from './merged.js';
import { coding, system } from './systems.js';

export const COVERAGE_PARAMS: SearchParam[] = [
  { name: 'beneficiary', type: 'reference', documentation: 'The member covered' },
  { name: 'patient', type: 'reference', documentation: 'The member covered (the same as beneficiary)' },
  { name: 'subscriber', type: 'reference', documentation: 'The head of household' },
  { name: 'identifier', type: 'token', documentation: "The member's number" },
  { name: 'status', type: 'token', documentation: 'active (covered today) or cancelled (not covered today)' },
];

const RELATIONSHIP = { head: 'self', spouse: 'spouse', child: 'child', parent: 'parent', other: 'other' } as const;

/** The scheme's products by id, with their codes, kept a few seconds. */
const products = (ctx: FhirContext) =>
  ctx.db.memo.get(`fhir:products:${ctx.scheme.id}`, async () => {
    const rows = await ctx.db.kysely
      .selectFrom('product')
      .select(['id', 'code', 'name'])
      .where('scheme_id', '=', ctx.scheme.id)
      .execute();
    return new Map(rows.map((r) => [r.id, r]));
  });

/**
 * A member's insurance with the scheme as one Coverage (its id the member's): active while they
 * are covered today, with the unbroken cover the day lies in and the product that covers it;
 * cancelled when they are not, as the eligibility check would answer.
 */
export async function coverageOf(ctx: FhirContext, m: repo.MemberRow, headId: string): Promise<Coverage> {
  const { answer } = await memberEligibility(ctx.db, ctx.scope, m, today(), undefined, { ceilingsLeft: false });
  const product = answer.productId ? (await products(ctx)).get(answer.productId) : undefined;
  return {
    resourceType: 'Coverage',
    id: m.id,
    identifier: [{ system: system.memberNumber(ctx.scheme.id), value: m.member_number }],
    status: answer.covered ? 'active' : 'cancelled',
    subscriber: ref('Patient', headId),
    beneficiary: ref('Patient', m.id, m.name_latin),
    relationship: coding(system.subscriberRelationship, RELATIONSHIP[m.relation]),
    ...(answer.coveredSince
      ? { period: { start: answer.coveredSince, ...(answer.coveredUntil ? { end: answer.coveredUntil } : {}) } }
      : {}),
    ...(m.employer_id ? { policyHolder: ref('Organization', m.employer_id) } : {}),
    payor: [ref('Organization', ctx.scheme.id, ctx.scheme.name)],
    ...(product
      ? { class: [{ type: coding(system.coverageClass, 'plan'), value: product.code, name: product.name }] }
      : {}),
  };
}

export async function readCoverage(ctx: FhirContext, id: string) {
  need(ctx, 'member.read');
  const row = await memberRow(ctx, id, 'Coverage');
  return coverageOf(ctx, row, (await headsOf(ctx, [row])).get(row.household_id) ?? row.id);
}

export async function searchCoverage(ctx: FhirContext, s: Search) {
  need(ctx, 'member.read');
  let q = repo.members(ctx.db.kysely, ctx.scope);
  const ids = idsOf(s);
  if (ids) q = q.where('id', 'in', ids);
  for (const name of ['beneficiary', 'patient'] as const) {
    const v = single(s, name);
    if (v !== undefined) q = q.where('id', '=', referenceId(name, v, 'Patient'));
  }
  const subscriber = single(s, 'subscriber');
  if (subscriber !== undefined) {
    const head = referenceId('subscriber', subscriber, 'Patient');
    q = q.where('household_id', 'in', (eb) =>
      eb
        .selectFrom('household')
        .select('id')
        .where('scheme_id', '=', ctx.scope.schemeId)
        .where('head_member_id', '=', head),
    );
  }
  const identifier = single(s, 'identifier');
  if (identifier !== undefined) q = q.where('member_number', '=', token(identifier).value);
  const status = single(s, 'status');
  if (status !== undefined && status !== 'active' && status !== 'cancelled') {
    throw invalid('status', 'must be active or cancelled');
  }
  const result = await mergedPage(
    [(after, limit) => (after ? q.where('id', '>', after) : q).orderBy('id').limit(limit).execute()],
    s.count,
    s.cursor,
  );
  const heads = await headsOf(ctx, result.items);
  const resources = [];
  for (const r of result.items) resources.push(await coverageOf(ctx, r, heads.get(r.household_id) ?? r.id));
  // Whether a member is covered today is worked out, not stored: a page keeps only the matching
  // ones, and may hold fewer than _count while more follow.
  return {
    resources: status ? resources.filter((c) => c.status === status) : resources,
    nextCursor: result.nextCursor,
  };
}
