import { createHash } from 'node:crypto';
import type { Db, Executor } from '../platform/db/database.js';
import type { Scope } from '../platform/http/context.js';
import { invalid } from '../platform/http/problem.js';
import { findCase } from '../schemes/cases/service.js';
import { findPriceList } from '../schemes/price-lists/service.js';
import { keptMinorUnits } from '../schemes/service.js';
import { memberEligibility } from '../eligibility/service.js';
import { keptPolicy } from './policy.js';
import { adjudicate, type ClaimFacts, type ClaimLineInput, type Decision, type PriceItem } from './adjudicate.js';
import { usageFor } from './repo.js';

/** The care a claim or a reimbursement asks to be paid for. */
export interface CareAsked {
  category: string;
  caseCode?: string;
  diagnosis?: string;
  day: string;
  claimed: number;
  lines: ClaimLineInput[];
}

export interface Claimant {
  id: string;
  sex: 'F' | 'M';
  birth_date: string;
  status: string;
}

/** A number in [0, 1) drawn from a record's id: the same record always draws the same. */
export const draw = (id: string, purpose: string) =>
  createHash('sha256').update(`${id}:${purpose}`).digest().readUInt32BE(0) / 2 ** 32;

/** What was asked, as a digest: the same external id sent again with other content is refused. */
export const fingerprint = (input: unknown) => createHash('sha256').update(JSON.stringify(input)).digest('base64url');

/** A price list's items by code. */
export const priceItemsOf = async (db: Executor, schemeId: string, listId: string) =>
  new Map(((await findPriceList(db, schemeId, listId)).items as PriceItem[]).map((i) => [i.code, i]));

/**
 * What the rules judge the care by, read before the write: the category and case named (bad
 * input if unknown), the member's cover that day, the product's terms, the scheme's policy.
 */
export async function careFacts(db: Db, scope: Scope, member: Claimant, asked: CareAsked) {
  const category = await db.kysely
    .selectFrom('care_category')
    .select(['code', 'setting'])
    .where('scheme_id', '=', scope.schemeId)
    .where('code', '=', asked.category)
    .executeTakeFirst();
  if (!category) throw invalid('category', 'is not a care category of the scheme');
  const careCase = asked.caseCode ? await findCase(db.kysely, scope.schemeId, asked.caseCode) : null;
  if (asked.caseCode && !careCase) throw invalid('caseCode', 'is not a case of the catalogue');
  const [{ answer, product }, policy, minorUnits] = await Promise.all([
    memberEligibility(db, scope, member, asked.day, asked.category),
    keptPolicy(db, scope.schemeId),
    keptMinorUnits(db, scope.schemeId),
  ]);
  const setting = category.setting as ClaimFacts['claim']['setting'];
  return {
    setting,
    careCase,
    policy,
    minorUnits,
    facts: () => judgedBy(asked, setting, member, answer, product, careCase, policy, minorUnits),
  };
}

type Eligibility = Awaited<ReturnType<typeof memberEligibility>>;

/**
 * The facts of the care asked that do not depend on who is paid (the claim, the member, the cover
 * that day, the product's terms and ceilings, the case, the policy), as the rules take them.
 */
export function judgedBy(
  asked: CareAsked,
  setting: ClaimFacts['claim']['setting'],
  member: { sex: 'F' | 'M'; birth_date: string },
  answer: Eligibility['answer'],
  product: Eligibility['product'],
  careCase: { category: string; averageCost: number } | null,
  policy: ClaimFacts['policy'],
  minorUnits: number,
): Omit<ClaimFacts, 'usage' | 'contract' | 'priceItems' | 'coefficientBp' | 'draws'> {
  const terms = product?.definition.categories.find((c) => c.category === asked.category) ?? null;
  const ceilings = product?.definition.ceilings;
  return {
    claim: {
      category: asked.category,
      setting,
      caseCode: asked.caseCode ?? null,
      admittedOn: asked.day,
      claimed: asked.claimed,
      lines: asked.lines,
    },
    member: { sex: member.sex, birthDate: member.birth_date },
    cover: {
      covered: answer.covered,
      state: answer.state,
      category: answer.categories.find((c) => c.category === asked.category) ?? null,
    },
    terms: terms?.covered ? terms : null,
    productCeilings: {
      perMember: ceilings?.perMember ?? null,
      inpatientPerMember: ceilings?.inpatientPerMember ?? null,
      outpatientPerMember: ceilings?.outpatientPerMember ?? null,
    },
    careCase,
    policy,
    minorUnits,
  };
}

/**
 * Decides the care inside the transaction that records it: what the member has used is read
 * there, so two claims of one member cannot both pass a ceiling.
 */
export async function decideIn(
  tx: Executor,
  scope: Scope,
  member: Claimant,
  asked: CareAsked,
  base: Awaited<ReturnType<typeof careFacts>>,
  payer: Pick<ClaimFacts, 'contract' | 'priceItems' | 'coefficientBp'> & { key: string },
  id: string,
): Promise<Decision> {
  const usage = await usageFor(tx, {
    schemeId: scope.schemeId,
    memberId: member.id,
    facilityId: payer.key,
    category: asked.category,
    setting: base.setting,
    caseCode: asked.caseCode ?? null,
    diagnosis: asked.diagnosis ?? null,
    admittedOn: asked.day,
    codes: [...new Set(asked.lines.map((l) => l.code))],
  });
  return adjudicate({
    ...base.facts(),
    contract: payer.contract,
    priceItems: payer.priceItems,
    coefficientBp: payer.coefficientBp,
    usage,
    draws: { review: draw(id, 'review'), audit: draw(id, 'audit') },
  });
}
