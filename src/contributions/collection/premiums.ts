import type { z } from '@hono/zod-openapi';
import type { Selectable } from 'kysely';
import type { Db, Executor } from '../../platform/db/database.js';
import type { MemberTable, PremiumTable } from '../../platform/db/schema.js';
import type { Scope } from '../../platform/http/context.js';
import { audit, type Actor } from '../../platform/audit/audit.js';
import { newId, nowIso } from '../../platform/ids.js';
import { addDays, today } from '../../platform/dates.js';
import { conflict, invalid, notFound } from '../../platform/http/problem.js';
import { decodeCursor, page } from '../../platform/http/openapi.js';
import { shareOf, type ContributionRule } from '../../schemes/contribution-rules/calculate.js';
import { versionInForce } from '../../schemes/contribution-rules/service.js';
import { productInForce } from '../../schemes/products/service.js';
import type { ProductDefinition } from '../../schemes/products/schemas.js';
import { withinScope } from '../../registry/areas/limits.js';
import { enrolmentRateBp } from '../../registry/groups/service.js';
import { reserveSequence } from '../../registry/members/repo.js';
import { coverPremium } from '../cover.js';
import { coversDependant } from '../dependants.js';
import { campaignWithProgress, findCampaign } from './campaigns.js';
import { collectorOfUser, findCollector } from './collectors.js';
import { householdById, householdOfMember } from './households.js';
import { cycleEnd, cycleFor, householdPremium } from './price.js';
import type { NewPremium, PremiumQuery, PremiumView, Quote, QuoteQuery } from './schemas.js';

type Definition = z.infer<typeof ProductDefinition>;
type Household = Awaited<ReturnType<typeof householdById>>;

/** Who a household's premium covers: the whole household as the product allows, or the member alone. */
function coveredMembers(d: Definition, h: Household, coverFrom: string): Selectable<MemberTable>[] {
  if (d.covers === 'member') return h.named ? [h.named] : [];
  return h.members.filter((m) => m.relation === 'head' || m.id === h.head?.id || coversDependant(d, m, coverFrom));
}

interface QuoteInput {
  household: Household;
  campaignId?: string;
  productId?: string;
  date: string;
  field?: string;
}

/**
 * What a household owes for its next cycle of a yearly product, and the people it covers. The
 * cycle is the campaign's, else the one after the household's current cover (a renewal), else
 * the one the day falls in (within the enrolment grace) or the next.
 */
async function quoteFor(db: Executor, scope: Scope, q: QuoteInput): Promise<z.infer<typeof Quote>> {
  const field = q.field ?? 'memberNumber';
  const sid = scope.schemeId;
  const h = q.household;
  let productId = q.productId;
  let cycleStart: string | null = null;
  if (q.campaignId) {
    const campaign = await findCampaign(db, scope, q.campaignId);
    if (!campaign) throw invalid('campaignId', `there is no campaign "${q.campaignId}" you can reach`);
    if (!h.members.some((m) => m.group_id === campaign.group_id))
      throw invalid(field, "the household is not registered in the campaign's group");
    if (q.date < campaign.opens_on || q.date > campaign.closes_on)
      throw invalid('campaignId', `collects from ${campaign.opens_on} to ${campaign.closes_on} only`);
    productId = campaign.product_id;
    cycleStart = campaign.cycle_start;
  }
  const last = await db
    .selectFrom('premium')
    .select(['product_id', 'cover_to'])
    .where('scheme_id', '=', sid)
    .where('household_id', '=', h.id)
    .$if(Boolean(productId), (w) => w.where('product_id', '=', productId!))
    .orderBy('cover_from', 'desc')
    .limit(1)
    .executeTakeFirst();
  productId ??= last?.product_id;
  if (!productId) throw invalid('productId', 'is needed: the household has no cover to renew and no campaign is named');
  const now = await productInForce(db, scope, productId, q.date).catch(() => {
    throw invalid('productId', `is not a product of the scheme in force on ${q.date}`);
  });
  const term = now.definition.term;
  if (term.kind !== 'yearly')
    throw invalid('productId', 'is paid monthly through declarations, not as a yearly premium');
  if (!cycleStart) {
    const renewing = last && last.product_id === productId && addDays(last.cover_to, 1) >= q.date;
    cycleStart = renewing
      ? addDays(last.cover_to, 1)
      : cycleFor(term.cycleStarts, q.date, now.definition.grace.enrolmentDays);
  }
  const paid = await db
    .selectFrom('premium')
    .select('id')
    .where('scheme_id', '=', sid)
    .where('household_id', '=', h.id)
    .where('product_id', '=', productId)
    .where('cover_from', '=', cycleStart)
    .executeTakeFirst();
  if (paid) throw conflict(field, `the household has paid for the cycle from ${cycleStart} already`);
  const product = (await productInForce(db, scope, productId, cycleStart).catch(() => now)).definition;
  if (!product.contributionRuleId) throw invalid('productId', 'names no contribution rule, so nothing can be priced');
  const rule = (await versionInForce(db, scope, product.contributionRuleId, cycleStart)).definition as ContributionRule;
  const covered = coveredMembers(product, h, cycleStart);
  if (!covered.length) throw invalid(field, 'the household has nobody the product covers');
  const groupId = h.head?.group_id ?? covered.find((m) => m.group_id)?.group_id ?? null;
  const rate = rule.kind === 'group-enrolment' && groupId ? await enrolmentRateBp(db, scope, groupId) : null;
  const before = await db
    .selectFrom('premium')
    .select('id')
    .where('scheme_id', '=', sid)
    .where('household_id', '=', h.id)
    .where('product_id', '=', productId)
    .limit(1)
    .executeTakeFirst();
  const price = householdPremium(rule, product, {
    persons: covered.length,
    enrolmentRateBp: rate,
    registeredBefore: Boolean(before),
    cycleStart,
    collectedOn: q.date,
  });
  if (!price.due) {
    const below = price.reasons.find((r) => r.code === 'below-minimum-enrolment');
    throw invalid(
      field,
      below && 'minimumRateBp' in below
        ? `the group is ${below.enrolmentRateBp / 100} % enrolled, below the ${below.minimumRateBp / 100} % it needs to join`
        : "cannot be priced: the group's enrolment rate is not known (set its population)",
    );
  }
  return {
    householdId: h.id,
    productId,
    campaignId: q.campaignId ?? null,
    coverFrom: cycleStart,
    coverTo: cycleEnd(cycleStart),
    persons: covered.length,
    members: covered.map((m) => ({ id: m.id, memberNumber: m.member_number, nameLatin: m.name_latin })),
    contribution: price.contribution,
    registrationFee: price.registrationFee,
    discount: price.discount,
    amount: price.amount,
    reasons: price.reasons as Record<string, unknown>[],
  };
}

export async function quotePremium(db: Db, scope: Scope, q: z.infer<typeof QuoteQuery>) {
  const household = await householdOfMember(db.kysely, scope, q.memberNumber);
  return quoteFor(db.kysely, scope, {
    household,
    campaignId: q.campaignId,
    productId: q.productId,
    date: q.date ?? today(),
  });
}

const view = (p: Selectable<PremiumTable>): z.infer<typeof PremiumView> => ({
  id: p.id,
  householdId: p.household_id,
  productId: p.product_id,
  campaignId: p.campaign_id,
  collectorId: p.collector_id,
  paymentId: p.payment_id,
  receiptNumber: p.receipt_number,
  coverFrom: p.cover_from,
  coverTo: p.cover_to,
  persons: p.persons,
  amount: Number(p.amount),
  registrationFee: Number(p.registration_fee),
  discount: Number(p.discount),
  commission: Number(p.commission),
  collectedOn: p.collected_on,
  createdAt: p.created_at,
});

/** Writes a premium and the cover it buys, inside the caller's transaction. */
async function record(
  db: Db,
  tx: Executor,
  actor: Actor,
  scope: Scope,
  quote: z.infer<typeof Quote>,
  extra: Pick<PremiumTable, 'collector_id' | 'commission' | 'receipt_number' | 'payment_id' | 'collected_on'>,
) {
  const row: Selectable<PremiumTable> = {
    id: newId(),
    scheme_id: scope.schemeId,
    household_id: quote.householdId,
    product_id: quote.productId,
    cover_from: quote.coverFrom,
    cover_to: quote.coverTo,
    persons: quote.persons,
    amount: quote.amount,
    registration_fee: quote.registrationFee,
    discount: quote.discount,
    campaign_id: quote.campaignId,
    ...extra,
    created_at: nowIso(),
    created_by: actor.username,
  };
  await tx.insertInto('premium').values(row).execute();
  await tx
    .insertInto('premium_member')
    .values(quote.members.map((m) => ({ scheme_id: scope.schemeId, premium_id: row.id, member_id: m.id })))
    .execute();
  const product = await productInForce(tx, scope, quote.productId, quote.coverFrom);
  await coverPremium(db, tx, scope.schemeId, {
    premiumId: row.id,
    productId: quote.productId,
    coverFrom: quote.coverFrom,
    coverTo: quote.coverTo,
    paidOn: extra.collected_on,
    graceDays: product.definition.grace.renewalDays,
    memberIds: quote.members.map((m) => m.id),
  });
  const created = view(row);
  await audit(tx, actor, {
    action: 'create',
    entity: 'premium',
    entityId: row.id,
    after: { ...created, members: quote.members.map((m) => m.id) },
  });
  return created;
}

/**
 * A collector takes a household's premium in cash and gives a receipt. The amount handed over
 * must be the premium due; a campaign collects only once enough households intend to enrol.
 */
export async function collectPremium(db: Db, actor: Actor, scope: Scope, input: z.infer<typeof NewPremium>) {
  return db.kysely.transaction().execute(async (tx) => {
    const collector = input.collectorId
      ? await findCollector(tx, scope, input.collectorId)
      : await collectorOfUser(tx, scope, actor.username);
    if (!collector) {
      throw invalid(
        'collectorId',
        input.collectorId
          ? `there is no collector "${input.collectorId}"`
          : 'is needed: you do not collect as a collector yourself',
      );
    }
    if (!collector.active) throw invalid('collectorId', 'is no longer an active collector');
    if (input.campaignId) await refuseBelowThreshold(tx, scope, input.campaignId);
    const household = await householdOfMember(tx, scope, input.memberNumber);
    const quote = await quoteFor(tx, scope, {
      household,
      campaignId: input.campaignId,
      productId: input.productId,
      date: input.collectedOn,
    });
    if (input.amount !== quote.amount)
      throw invalid('amount', `is ${input.amount}, but the premium due is ${quote.amount}`);
    let receipt = input.receiptNumber;
    if (receipt) {
      const taken = await tx
        .selectFrom('premium')
        .select('id')
        .where('scheme_id', '=', scope.schemeId)
        .where('receipt_number', '=', receipt)
        .executeTakeFirst();
      if (taken) throw conflict('receiptNumber', 'is on another premium already: each receipt is given once');
    } else {
      receipt = `R${String(await reserveSequence(tx, scope.schemeId, 'receipt', 1)).padStart(7, '0')}`;
    }
    return record(db, tx, actor, scope, quote, {
      collector_id: collector.id,
      commission: shareOf(quote.amount, collector.commission_bp),
      receipt_number: receipt,
      payment_id: null,
      collected_on: input.collectedOn,
    });
  });
}

async function refuseBelowThreshold(db: Executor, scope: Scope, campaignId: string) {
  const campaign = await campaignWithProgress(db, scope, campaignId);
  if (!campaign) throw invalid('campaignId', `there is no campaign "${campaignId}" you can reach`);
  const p = campaign.progress;
  if (!p.thresholdMet) {
    throw invalid(
      'campaignId',
      `only ${p.intentionRateBp / 100} % of the group's households intend to enrol; collecting begins at ${campaign.thresholdBp / 100} %`,
    );
  }
}

/**
 * A household's premium paid by mobile money or bank, inside the payment's transaction: what
 * was paid must cover the next cycle. Answers what is left of the payment.
 */
export async function payPremium(
  db: Db,
  tx: Executor,
  actor: Actor,
  scope: Scope,
  p: { householdId: string; paymentId: string; amount: number; paidOn: string },
) {
  const household = await householdById(tx, scope, p.householdId);
  if (!household.members.length) throw invalid('memberNumber', 'the household has no active member');
  // A household's first premium paid from afar buys the cycle its village's open campaign sells.
  const groups = [...new Set(household.members.map((m) => m.group_id).filter((g): g is string => g !== null))];
  const renewing = await tx
    .selectFrom('premium')
    .select('id')
    .where('scheme_id', '=', scope.schemeId)
    .where('household_id', '=', household.id)
    .limit(1)
    .executeTakeFirst();
  const campaign =
    renewing || !groups.length
      ? undefined
      : await tx
          .selectFrom('campaign')
          .select('id')
          .where('scheme_id', '=', scope.schemeId)
          .where('group_id', 'in', groups)
          .where('opens_on', '<=', p.paidOn)
          .where('closes_on', '>=', p.paidOn)
          .orderBy('cycle_start')
          .executeTakeFirst();
  const quote = await quoteFor(tx, scope, { household, campaignId: campaign?.id, date: p.paidOn });
  if (p.amount < quote.amount) throw invalid('amount', `is ${p.amount}, less than the premium due, ${quote.amount}`);
  const premium = await record(db, tx, actor, scope, quote, {
    collector_id: null,
    commission: 0,
    receipt_number: null,
    payment_id: p.paymentId,
    collected_on: p.paidOn,
  });
  return { premium, left: p.amount - premium.amount };
}

/** Premiums of households in the caller's areas only. */
const reachable = (db: Db, scope: Scope) => {
  let q = db.kysely.selectFrom('premium').selectAll().where('scheme_id', '=', scope.schemeId);
  if (scope.areaPaths.length) {
    q = q.where('household_id', 'in', (eb) =>
      eb
        .selectFrom('household')
        .select('household.id')
        .where('household.scheme_id', '=', scope.schemeId)
        .where(withinScope(scope, 'household')),
    );
  }
  return q;
};

export async function getPremium(db: Db, scope: Scope, id: string) {
  const row = await reachable(db, scope).where('id', '=', id).executeTakeFirst();
  if (!row) throw notFound(`Premium ${id}`);
  return view(row);
}

/** Newest first, by collector or campaign. */
export async function listPremiums(db: Db, scope: Scope, q: z.infer<typeof PremiumQuery>) {
  const after = decodeCursor(q.cursor, 1) as [string] | undefined;
  let query = reachable(db, scope);
  if (q.collectorId) query = query.where('collector_id', '=', q.collectorId);
  if (q.campaignId) query = query.where('campaign_id', '=', q.campaignId);
  if (after) query = query.where('id', '<', after[0]);
  const rows = await query
    .orderBy('id', 'desc')
    .limit(q.limit + 1)
    .execute();
  const result = page(rows, q.limit, (r) => [r.id]);
  return { items: result.items.map(view), nextCursor: result.nextCursor };
}
