import type { Db } from '../platform/db/database.js';
import type { Actor } from '../platform/audit/audit.js';
import type { Scope } from '../platform/http/context.js';
import { createGroup } from '../registry/groups/service.js';
import { registerMember } from '../registry/members/service.js';
import { NewMember } from '../registry/members/schemas.js';
import { createRule } from '../schemes/contribution-rules/service.js';
import { createProduct } from '../schemes/products/service.js';
import { ProductDefinition } from '../schemes/products/schemas.js';
import { createCollector } from '../contributions/collection/collectors.js';
import { createCampaign, recordIntention } from '../contributions/collection/campaigns.js';
import { collectPremium } from '../contributions/collection/premiums.js';
import { addDays, today } from '../platform/dates.js';
import { person } from './people.js';
import type { Random } from './random.js';

/**
 * Seed 003's way: a village enrolling by households for a yearly premium per person set by its
 * enrolment rate, collected by the commune council (10 %) and a health-equity-fund operator (5 %).
 * A campaign is open for the next cycle: most households intend to enrol, some have paid.
 */
export async function loadVillage(db: Db, actor: Actor, scope: Scope, random: Random, communeId: string) {
  const rule = await createRule(db, actor, scope, {
    code: 'VILLAGE',
    name: 'Village premium by enrolment rate',
    version: {
      effectiveFrom: '2011-01-01',
      definition: {
        kind: 'group-enrolment',
        period: 'year',
        tiers: [
          { fromRateBp: 3000, amount: 585 },
          { fromRateBp: 4000, amount: 488 },
          { fromRateBp: 5000, amount: 390 },
          { fromRateBp: 6000, amount: 341 },
          { fromRateBp: 7000, amount: 293 },
          { fromRateBp: 8000, amount: 244 },
        ],
        minimumRateBp: 5000,
        employerShareBp: 0,
        employersPayingAll: [],
        subsidies: [],
      },
    },
  });
  const product = await createProduct(db, actor, scope, {
    code: 'VHI',
    name: 'Village health insurance',
    version: {
      effectiveFrom: '2011-01-01',
      definition: ProductDefinition.parse({
        covers: 'household',
        dependants: { relations: ['spouse', 'child', 'parent'], childMaxAge: 17 },
        term: { kind: 'yearly', cycleStarts: ['01-01'] },
        grace: { enrolmentDays: 30, renewalDays: 30 },
        registrationFee: 100,
        contributionRuleId: rule.id,
        categories: [
          { category: 'consultation', covered: true },
          { category: 'delivery', covered: true, waitingDays: 270 },
          { category: 'hospital_stay', covered: true, waitingDays: 30 },
        ],
      }),
    },
  });
  // Twelve households of three: 36 of the village's 45 people registered, 80 % enrolled.
  const village = await createGroup(db, actor, scope, {
    code: 'TRAPEANGKOK',
    name: 'Trapeang Kok',
    kind: 'village',
    areaId: communeId,
    population: 45,
  });
  const heads: string[] = [];
  for (let h = 0; h < 12; h++) {
    const head = await registerMember(
      db,
      actor,
      scope,
      NewMember.parse({ ...person(random, 'M', 1960, 1990), groupId: village.id }),
    );
    const common = { groupId: village.id, householdId: head.householdId };
    await registerMember(
      db,
      actor,
      scope,
      NewMember.parse({ ...person(random, 'F', 1962, 1992), ...common, relation: 'spouse' }),
    );
    await registerMember(
      db,
      actor,
      scope,
      NewMember.parse({ ...person(random, random.chance(0.5) ? 'F' : 'M', 2010, 2020), ...common, relation: 'child' }),
    );
    heads.push(head.memberNumber);
  }
  const council = await createCollector(db, actor, scope, {
    code: 'CC-TRAPEANGKOK',
    name: 'Trapeang Kok commune council',
    kind: 'commune_council',
    commissionBp: 1000,
    phone: '012 555 301',
  });
  await createCollector(db, actor, scope, {
    code: 'HEF-PP',
    name: 'Phnom Penh HEF operator',
    kind: 'hef_operator',
    commissionBp: 500,
    phone: '012 555 302',
  });
  const day = today();
  const cycleStart = `${Number(day.slice(0, 4)) + 1}-01-01`;
  const campaign = await createCampaign(db, actor, scope, {
    name: `Trapeang Kok ${cycleStart.slice(0, 4)}`,
    groupId: village.id,
    productId: product.id,
    cycleStart,
    opensOn: addDays(day, -10),
    closesOn: addDays(cycleStart, -1),
    thresholdBp: 5000,
  });
  for (const number of heads.slice(0, 9))
    await recordIntention(db, actor, scope, campaign.id, { memberNumber: number, collectorId: council.id });
  for (const [i, number] of heads.slice(0, 5).entries()) {
    await collectPremium(db, actor, scope, {
      memberNumber: number,
      campaignId: campaign.id,
      collectorId: council.id,
      // 80 % enrolled: US$2.44 a person, three people, and the registration fee of US$1.00.
      amount: 3 * 244 + 100,
      collectedOn: day,
      receiptNumber: `TK-${String(i + 1).padStart(4, '0')}`,
    });
  }
}
