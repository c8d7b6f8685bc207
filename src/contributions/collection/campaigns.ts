import type { z } from '@hono/zod-openapi';
import { sql, type Selectable } from 'kysely';
import type { Db, Executor } from '../../platform/db/database.js';
import type { CampaignTable } from '../../platform/db/schema.js';
import type { Scope } from '../../platform/http/context.js';
import { audit, type Actor } from '../../platform/audit/audit.js';
import { newId, nowIso } from '../../platform/ids.js';
import { conflict, invalid, notFound } from '../../platform/http/problem.js';
import { decodeCursor, page } from '../../platform/http/openapi.js';
import { findGroup } from '../../registry/groups/service.js';
import { withinScope } from '../../registry/areas/limits.js';
import { productInForce } from '../../schemes/products/service.js';
import { householdOfMember } from './households.js';
import { findCollector } from './collectors.js';
import type { Campaign, NewCampaign, NewIntention } from './schemas.js';

/**
 * A collection campaign enrols one village (or commune, cooperative) for one cycle of a yearly
 * product: households say they intend to enrol, and collecting begins once enough of them do.
 */

type Progress = z.infer<typeof Campaign>['progress'];

/** Intentions, households and premiums of a page of campaigns, three queries for the page. */
async function progressOf(db: Executor, schemeId: string, campaigns: Selectable<CampaignTable>[]) {
  if (!campaigns.length) return new Map<string, Progress>();
  const ids = campaigns.map((c) => c.id);
  const groups = [...new Set(campaigns.map((c) => c.group_id))];
  const households = await db
    .selectFrom('member')
    .select(['group_id', sql<number>`count(distinct household_id)`.as('n')])
    .where('scheme_id', '=', schemeId)
    .where('group_id', 'in', groups)
    .where('status', '=', 'active')
    .groupBy('group_id')
    .execute();
  const intentions = await db
    .selectFrom('intention')
    .select(['campaign_id', sql<number>`count(*)`.as('n'), sql<number>`sum(persons)`.as('persons')])
    .where('scheme_id', '=', schemeId)
    .where('campaign_id', 'in', ids)
    .groupBy('campaign_id')
    .execute();
  const premiums = await db
    .selectFrom('premium')
    .select([
      'campaign_id',
      sql<number>`count(*)`.as('n'),
      sql<number>`sum(persons)`.as('persons'),
      sql<number>`sum(amount)`.as('amount'),
    ])
    .where('scheme_id', '=', schemeId)
    .where('campaign_id', 'in', ids)
    .groupBy('campaign_id')
    .execute();
  const hh = new Map(households.map((h) => [h.group_id, Number(h.n)]));
  const int = new Map(intentions.map((i) => [i.campaign_id, i]));
  const paid = new Map(premiums.map((p) => [p.campaign_id, p]));
  return new Map(
    campaigns.map((c) => {
      const total = hh.get(c.group_id) ?? 0;
      const i = int.get(c.id);
      const p = paid.get(c.id);
      const intending = Number(i?.n ?? 0);
      // Rounded down: a village at 49.99 % has not reached 50 %.
      const rate = total ? Math.min(10_000, Math.floor((intending * 10_000) / total)) : 0;
      return [
        c.id,
        {
          households: total,
          intending,
          intendingPersons: Number(i?.persons ?? 0),
          intentionRateBp: rate,
          thresholdMet: total > 0 && rate >= c.threshold_bp,
          paid: Number(p?.n ?? 0),
          paidPersons: Number(p?.persons ?? 0),
          collected: Number(p?.amount ?? 0),
        },
      ];
    }),
  );
}

async function views(db: Executor, schemeId: string, rows: Selectable<CampaignTable>[]) {
  const progress = await progressOf(db, schemeId, rows);
  const names = rows.length
    ? await db
        .selectFrom('member_group')
        .select(['id', 'name'])
        .where('scheme_id', '=', schemeId)
        .where('id', 'in', [...new Set(rows.map((r) => r.group_id))])
        .execute()
    : [];
  const nameOf = new Map(names.map((n) => [n.id, n.name]));
  return rows.map((c): z.infer<typeof Campaign> => ({
    id: c.id,
    name: c.name,
    groupId: c.group_id,
    groupName: nameOf.get(c.group_id) ?? '',
    productId: c.product_id,
    cycleStart: c.cycle_start,
    opensOn: c.opens_on,
    closesOn: c.closes_on,
    thresholdBp: c.threshold_bp,
    progress: progress.get(c.id)!,
  }));
}

export async function findCampaign(db: Executor, scope: Scope, id: string) {
  const c = await db
    .selectFrom('campaign')
    .selectAll()
    .where('scheme_id', '=', scope.schemeId)
    .where('id', '=', id)
    .executeTakeFirst();
  // A campaign in a village beyond the caller's areas does not exist for them.
  if (!c || !(await findGroup(db, scope, c.group_id))) return undefined;
  return c;
}

export async function campaignWithProgress(db: Executor, scope: Scope, id: string) {
  const c = await findCampaign(db, scope, id);
  return c ? (await views(db, scope.schemeId, [c]))[0]! : undefined;
}

export async function getCampaign(db: Db, scope: Scope, id: string) {
  const c = await campaignWithProgress(db.kysely, scope, id);
  if (!c) throw notFound(`Campaign ${id}`);
  return c;
}

/** Newest cycle first. */
export async function listCampaigns(db: Db, scope: Scope, q: { groupId?: string; limit: number; cursor?: string }) {
  const after = decodeCursor(q.cursor, 2) as [string, string] | undefined;
  let query = db.kysely.selectFrom('campaign').selectAll().where('scheme_id', '=', scope.schemeId);
  if (q.groupId) query = query.where('group_id', '=', q.groupId);
  if (scope.areaPaths.length) {
    const reachable = db.kysely
      .selectFrom('member_group')
      .select('id')
      .where('scheme_id', '=', scope.schemeId)
      .where(withinScope(scope, 'member_group'));
    query = query.where('group_id', 'in', reachable);
  }
  if (after) {
    query = query.where((eb) =>
      eb.or([eb('cycle_start', '<', after[0]), eb.and([eb('cycle_start', '=', after[0]), eb('id', '<', after[1])])]),
    );
  }
  const rows = await query
    .orderBy('cycle_start', 'desc')
    .orderBy('id', 'desc')
    .limit(q.limit + 1)
    .execute();
  const result = page(rows, q.limit, (r) => [r.cycle_start, r.id]);
  return { items: await views(db.kysely, scope.schemeId, result.items), nextCursor: result.nextCursor };
}

export async function createCampaign(db: Db, actor: Actor, scope: Scope, input: z.infer<typeof NewCampaign>) {
  return db.kysely.transaction().execute(async (tx) => {
    if (!(await findGroup(tx, scope, input.groupId)))
      throw invalid('groupId', `there is no group "${input.groupId}" you can reach`);
    const product = await productInForce(tx, scope, input.productId, input.cycleStart).catch(() => {
      throw invalid('productId', 'is not a product of the scheme in force on cycleStart');
    });
    const term = product.definition.term;
    if (term.kind !== 'yearly') throw invalid('productId', 'is paid monthly: campaigns sell yearly cover');
    if (!term.cycleStarts.includes(input.cycleStart.slice(5)))
      throw invalid('cycleStart', `is not a cycle start of the product (${term.cycleStarts.join(', ')})`);
    if (input.opensOn > input.cycleStart) throw invalid('opensOn', 'must be on or before cycleStart');
    const taken = await tx
      .selectFrom('campaign')
      .select('id')
      .where('scheme_id', '=', scope.schemeId)
      .where('group_id', '=', input.groupId)
      .where('cycle_start', '=', input.cycleStart)
      .executeTakeFirst();
    if (taken) throw conflict('cycleStart', 'already has a campaign in this group');
    const row: Selectable<CampaignTable> = {
      id: newId(),
      scheme_id: scope.schemeId,
      name: input.name,
      group_id: input.groupId,
      product_id: input.productId,
      cycle_start: input.cycleStart,
      opens_on: input.opensOn,
      closes_on: input.closesOn,
      threshold_bp: input.thresholdBp,
      created_at: nowIso(),
      created_by: actor.username,
    };
    await tx.insertInto('campaign').values(row).execute();
    const created = (await views(tx, scope.schemeId, [row]))[0]!;
    await audit(tx, actor, { action: 'create', entity: 'campaign', entityId: row.id, after: created });
    return created;
  });
}

/** A household says it will enrol; said again, the count of its people is brought up to date. */
export async function recordIntention(
  db: Db,
  actor: Actor,
  scope: Scope,
  campaignId: string,
  input: z.infer<typeof NewIntention>,
) {
  return db.kysely.transaction().execute(async (tx) => {
    const campaign = await findCampaign(tx, scope, campaignId);
    if (!campaign) throw notFound(`Campaign ${campaignId}`);
    const household = await householdOfMember(tx, scope, input.memberNumber);
    const inGroup = household.members.some((m) => m.group_id === campaign.group_id);
    if (!inGroup) throw invalid('memberNumber', "the household is not registered in the campaign's group");
    if (input.collectorId && !(await findCollector(tx, scope, input.collectorId)))
      throw invalid('collectorId', `there is no collector "${input.collectorId}"`);
    const row = {
      scheme_id: scope.schemeId,
      campaign_id: campaignId,
      household_id: household.id,
      persons: household.members.length,
      collector_id: input.collectorId ?? null,
      recorded_at: nowIso(),
    };
    await tx
      .insertInto('intention')
      .values(row)
      .onConflict((oc) =>
        oc
          .columns(['scheme_id', 'campaign_id', 'household_id'])
          .doUpdateSet({ persons: row.persons, recorded_at: row.recorded_at }),
      )
      .execute();
    await audit(tx, actor, {
      action: 'record',
      entity: 'intention',
      entityId: `${campaignId}/${household.id}`,
      after: row,
    });
    return (await views(tx, scope.schemeId, [campaign]))[0]!;
  });
}
