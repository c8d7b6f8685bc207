import type { InsurancePlan } from '@medplum/fhirtypes';
import type { z } from '@hono/zod-openapi';
import { invalid, notFound } from '../../platform/http/problem.js';
import { today } from '../../platform/dates.js';
import * as versions from '../../platform/db/versions.js';
import { PRODUCTS } from '../../schemes/products/service.js';
import type { ProductDefinition } from '../../schemes/products/schemas.js';
import { money, need, ref, type FhirContext } from './context.js';
import { idsOf, single, token, type Search, type SearchParam } from './search.js';
import { contains, mergedPage } from './merged.js';
import { coding, system } from './systems.js';

type Definition = z.infer<typeof ProductDefinition>;
type Product = ReturnType<typeof versions.recordView<Definition>>;

export const PLAN_PARAMS: SearchParam[] = [
  { name: 'identifier', type: 'token', documentation: "The product's code" },
  { name: 'name', type: 'string', documentation: 'Part of the name, in any case' },
  { name: 'status', type: 'token', documentation: 'active (a version in force today) or draft (only later versions)' },
];

/**
 * A product as an InsurancePlan: the version in force today (or, before any is, the first),
 * each care category a benefit with its waiting period, co-payment and yearly ceiling.
 */
function planOf(ctx: FhirContext, p: Product): InsurancePlan {
  const day = today();
  const inForce = [...p.versions].reverse().find((v) => v.effectiveFrom <= day);
  const shown = inForce ?? p.versions[0]!;
  const d = shown.definition;
  const last = p.versions[p.versions.length - 1]!;
  return {
    resourceType: 'InsurancePlan',
    id: p.id,
    meta: { versionId: shown.id, lastUpdated: last.createdAt },
    identifier: [{ system: system.productCode(ctx.scheme.id), value: p.code }],
    status: inForce ? 'active' : 'draft',
    type: [coding(system.insurancePlanType, 'medical', 'Medical')],
    name: p.name,
    period: { start: shown.effectiveFrom },
    ownedBy: ref('Organization', ctx.scheme.id, ctx.scheme.name),
    administeredBy: ref('Organization', ctx.scheme.id, ctx.scheme.name),
    coverage: [
      {
        type: { text: d.covers === 'household' ? 'the member and household' : 'the member' },
        benefit: d.categories.map((c) => ({
          type: coding(system.careCategory(ctx.scheme.id), c.category),
          requirement:
            [
              c.covered ? null : 'not covered',
              c.waitingDays ? `waiting period of ${c.waitingDays} days from the start of cover` : null,
              c.copayment.shareBp ? `member pays ${c.copayment.shareBp / 100} %` : null,
              c.copayment.fixed
                ? `member pays ${money(ctx, c.copayment.fixed).value} ${ctx.scheme.currency} a use`
                : null,
              c.maxUses ? `at most ${c.maxUses.count} a ${c.maxUses.per}` : null,
            ]
              .filter(Boolean)
              .join('; ') || undefined,
          ...(c.ceilingPerMember !== null
            ? {
                limit: [
                  {
                    value: { value: money(ctx, c.ceilingPerMember).value, unit: ctx.scheme.currency },
                    code: { text: 'per member per year' },
                  },
                ],
              }
            : {}),
        })),
      },
    ],
  };
}

export async function searchPlans(ctx: FhirContext, s: Search) {
  need(ctx, 'product.read');
  let q = ctx.db.kysely.selectFrom('product').selectAll().where('scheme_id', '=', ctx.scope.schemeId);
  const ids = idsOf(s);
  if (ids) q = q.where('id', 'in', ids);
  const identifier = single(s, 'identifier');
  if (identifier !== undefined) {
    const t = token(identifier);
    if (t.system && t.system !== system.productCode(ctx.scheme.id)) return { resources: [], nextCursor: null };
    q = q.where('code', '=', t.value);
  }
  const name = single(s, 'name');
  if (name !== undefined) q = q.where(contains('name', name));
  const status = single(s, 'status');
  if (status !== undefined && status !== 'active' && status !== 'draft')
    throw invalid('status', 'must be active or draft');
  const result = await mergedPage(
    [(after, limit) => (after ? q.where('id', '>', after) : q).orderBy('id').limit(limit).execute()],
    s.count,
    s.cursor,
  );
  const plans = (
    await versions.withVersions<Definition>(ctx.db.kysely, PRODUCTS, ctx.scope.schemeId, result.items)
  ).map((p) => planOf(ctx, p));
  return { resources: status ? plans.filter((p) => p.status === status) : plans, nextCursor: result.nextCursor };
}

export async function readPlan(ctx: FhirContext, id: string) {
  need(ctx, 'product.read');
  const row = await versions.findRecord(ctx.db.kysely, PRODUCTS, ctx.scope, id).catch(() => null);
  if (!row) throw notFound(`InsurancePlan/${id}`);
  return planOf(ctx, (await versions.withVersions<Definition>(ctx.db.kysely, PRODUCTS, ctx.scope.schemeId, [row]))[0]!);
}
