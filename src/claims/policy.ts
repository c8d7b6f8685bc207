import { z } from '@hono/zod-openapi';
import type { Db, Executor } from '../platform/db/database.js';
import type { Scope } from '../platform/http/context.js';
import { audit, type Actor } from '../platform/audit/audit.js';
import { nowIso } from '../platform/ids.js';
import { invalid } from '../platform/http/problem.js';

const basisPoints = z.number().int().min(0).max(10_000);

const Bands = (maxBp: number) =>
  z
    .array(z.object({ minScore: z.number().int().min(0).max(100), coefficientBp: z.number().int().min(0).max(maxBp) }))
    .min(1)
    .max(20)
    .refine((b) => new Set(b.map((x) => x.minScore)).size === b.length, 'gives a score more than one band');

/**
 * The scheme's own settings for claims: how quality scores become payment coefficients (public
 * facilities at most 120 %, private ones at most 150 %, as seed 001's national scheme pays), and
 * which claims go to a person rather than being settled by the rules alone.
 */
export const ClaimPolicy = z
  .object({
    quality: z.object({ public: Bands(12_000), private: Bands(15_000) }),
    review: z.object({
      randomShareBp: basisPoints.openapi({ description: 'A random share of claims sent to review' }),
      amountAbove: z
        .number()
        .int()
        .min(0)
        .nullable()
        .openapi({ description: 'Claims above this amount (minor units) go to review' }),
      averageFactorBp: z.number().int().min(10_000).max(1_000_000).nullable().openapi({
        description:
          'Claims above this multiple of the average for the same case (or diagnosis) over the year before go to review; 20000 is twice',
      }),
      memberClaimsPer30Days: z.number().int().min(1).max(1000).nullable().openapi({
        description: 'A member with this many claims in 30 days (this one included) is reviewed',
      }),
      facilityDailyFactorBp: z.number().int().min(10_000).max(1_000_000).nullable().openapi({
        description:
          'A facility claiming this multiple of its own daily average of the 90 days before, on one day, is reviewed',
      }),
    }),
    auditSampleBp: basisPoints.openapi({ description: 'A random share of approved claims drawn for audit' }),
    followUpShareBp: basisPoints
      .default(500)
      .openapi({ description: 'A random share of paid claims whose members are asked by SMS about the care' }),
    childBearingAge: z
      .object({ min: z.number().int().min(0).max(100), max: z.number().int().min(0).max(100) })
      .openapi({ description: 'Deliveries and antenatal care outside these ages are implausible' }),
    reimbursement: z
      .object({
        priceListId: z.string().min(1).max(100).nullable().openapi({
          description: "The scheme's tariff: the price list members are paid back by for care outside the network",
        }),
      })
      .default({ priceListId: null }),
  })
  .openapi('ClaimPolicy');

export type Policy = z.infer<typeof ClaimPolicy>;

export const DEFAULT_POLICY: Policy = {
  quality: {
    public: [
      { minScore: 0, coefficientBp: 8_000 },
      { minScore: 50, coefficientBp: 9_000 },
      { minScore: 70, coefficientBp: 10_000 },
      { minScore: 85, coefficientBp: 11_000 },
      { minScore: 95, coefficientBp: 12_000 },
    ],
    private: [
      { minScore: 0, coefficientBp: 10_000 },
      { minScore: 50, coefficientBp: 11_000 },
      { minScore: 70, coefficientBp: 12_500 },
      { minScore: 85, coefficientBp: 14_000 },
      { minScore: 95, coefficientBp: 15_000 },
    ],
  },
  review: {
    randomShareBp: 200,
    amountAbove: null,
    averageFactorBp: 20_000,
    memberClaimsPer30Days: 4,
    facilityDailyFactorBp: 30_000,
  },
  auditSampleBp: 200,
  followUpShareBp: 500,
  childBearingAge: { min: 12, max: 55 },
  reimbursement: { priceListId: null },
};

/** The scheme's policy, kept a few seconds (see Memo): every claim reads it. */
export const keptPolicy = (db: Db, schemeId: string): Promise<Policy> =>
  db.memo.get(`claim-policy:${schemeId}`, () => readPolicy(db.kysely, schemeId));

export async function readPolicy(db: Executor, schemeId: string): Promise<Policy> {
  const row = await db
    .selectFrom('claim_policy')
    .select('policy_json')
    .where('scheme_id', '=', schemeId)
    .executeTakeFirst();
  // A policy kept before a setting existed takes that setting's default.
  return row ? { ...DEFAULT_POLICY, ...(JSON.parse(row.policy_json) as Partial<Policy>) } : DEFAULT_POLICY;
}

export async function setPolicy(db: Db, actor: Actor, scope: Scope, policy: Policy): Promise<Policy> {
  await db.kysely.transaction().execute(async (tx) => {
    const listId = policy.reimbursement.priceListId;
    if (listId) {
      const list = await tx
        .selectFrom('price_list')
        .select('id')
        .where('scheme_id', '=', scope.schemeId)
        .where('id', '=', listId)
        .executeTakeFirst();
      if (!list) throw invalid('reimbursement.priceListId', 'is not a price list of the scheme');
    }
    const before = await readPolicy(tx, scope.schemeId);
    const row = {
      scheme_id: scope.schemeId,
      policy_json: JSON.stringify(policy),
      updated_at: nowIso(),
      updated_by: actor.username,
    };
    await tx
      .insertInto('claim_policy')
      .values(row)
      .onConflict((oc) =>
        oc
          .column('scheme_id')
          .doUpdateSet({ policy_json: row.policy_json, updated_at: row.updated_at, updated_by: row.updated_by }),
      )
      .execute();
    await audit(tx, actor, {
      action: 'update',
      entity: 'claim_policy',
      entityId: scope.schemeId,
      before,
      after: policy,
    });
  });
  db.memo.forget(`claim-policy:${scope.schemeId}`);
  return policy;
}
