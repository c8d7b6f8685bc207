import { addDays, daysBetween } from '../platform/dates.js';
import { formatMoney } from '../platform/money.js';
import type { CategoryPaymentTerms } from './contracts/schemas.js';
import type { Policy } from './policy.js';

/**
 * Automatic adjudication: what rules can settle, settled at once with reasons, and only the rest
 * sent to a person (seed 002's national fund files 30,000 to 40,000 claims a day and verifies
 * 7,000 of them). Pure: the claim and every fact it is judged on in, the decision out.
 */

export type ClaimStatus = 'approved' | 'partly_approved' | 'rejected' | 'review';

export interface Reason {
  code: string;
  message: string;
  /** The claim line the reason is about (1-based), when it is about one. */
  line?: number;
}

export interface ClaimLineInput {
  code: string;
  quantity: number;
  unitPrice: number;
}

export interface ClaimFacts {
  claim: {
    category: string;
    setting: 'outpatient' | 'inpatient' | 'other';
    caseCode: string | null;
    admittedOn: string;
    claimed: number;
    lines: ClaimLineInput[];
  };
  member: { sex: 'F' | 'M'; birthDate: string };
  /** The member's cover on the day of care, as eligibility answers it. */
  cover: {
    covered: boolean;
    state: string;
    /** The category in the product in force; null when the product does not name it. */
    category: { covered: boolean; waitingUntil: string | null } | null;
  };
  /** The product's terms for the category, when it covers it. */
  terms: {
    copayment: { shareBp: number; fixed: number };
    ceilingPerMember: number | null;
    maxUses: { count: number; per: 'month' | 'year' } | null;
  } | null;
  productCeilings: {
    perMember: number | null;
    inpatientPerMember: number | null;
    outpatientPerMember: number | null;
  };
  /** How the facility is paid for the category under the contract in force; null when it has none. */
  contract: { found: boolean; payment: CategoryPaymentTerms | null };
  /** The case named, from the catalogue. */
  careCase: { category: string; averageCost: number } | null;
  /** The items of the contract's price list, by code. */
  priceItems: Map<string, PriceItem> | null;
  /** The facility's quality coefficient on the day of care. */
  coefficientBp: number;
  usage: Usage;
  policy: Policy;
  /** Digits of the currency after the point, for the amounts in reasons. */
  minorUnits: number;
  /** Two numbers in [0, 1) drawn for the claim: one for the random review share, one for the audit sample. */
  draws: { review: number; audit: number };
}

export interface PriceItem {
  code: string;
  name: string;
  price: number;
  sex: 'F' | 'M' | null;
  minAge: number | null;
  maxAge: number | null;
  minIntervalDays: number | null;
}

/** What the member has already used, from claims decided or awaiting review before this one. */
export interface Usage {
  /** Amounts paid or proposed in the calendar year of care. */
  year: { category: number; setting: number; total: number };
  /** Claims of the category in the month and the year of care. */
  uses: { month: number; year: number };
  /** The last day each service or medicine was claimed for the member. */
  lastUse: Map<string, string>;
  /** The number of an earlier claim for the same care (facility, member, category, day, case). */
  duplicateOf: string | null;
  /** The member's claims in the 30 days up to the day of care, at any facility. */
  memberClaims30Days: number;
  /** The average claimed for the same case (or, without one, the same diagnosis) the year before, from enough claims. */
  averageClaimed: number | null;
  /** The facility's claims on the day of care, and its daily average over the 90 days before. */
  facilityToday: number;
  facilityDailyAverage: number | null;
}

export interface LineDecision {
  approved: number;
  reasons: Reason[];
}

export interface Decision {
  status: ClaimStatus;
  /** What the rules would pay the facility. */
  proposed: number;
  /** What is approved now: the proposal, or nothing while a person reviews it. */
  approved: number;
  memberPays: number;
  mechanism: CategoryPaymentTerms['mechanism'] | null;
  reasons: Reason[];
  lines: LineDecision[];
  riskScore: number;
  auditSample: boolean;
}

/** Age in whole years on a day. */
export function ageOn(birthDate: string, day: string): number {
  let age = Number(day.slice(0, 4)) - Number(birthDate.slice(0, 4));
  if (day.slice(5) < birthDate.slice(5)) age -= 1;
  return age;
}

const MATERNAL = new Set(['delivery', 'antenatal']);

/** Reasons the whole claim cannot be paid. */
function refusals(f: ClaimFacts): Reason[] {
  const reasons: Reason[] = [];
  const { claim, cover, usage } = f;
  if (!cover.covered) {
    reasons.push({
      code: 'NOT_COVERED',
      message: `The member was not covered on ${claim.admittedOn} (${cover.state})`,
    });
  } else if (!cover.category || (!cover.category.covered && !cover.category.waitingUntil)) {
    reasons.push({ code: 'CATEGORY_NOT_COVERED', message: `The product does not cover ${claim.category}` });
  } else if (cover.category.waitingUntil) {
    reasons.push({
      code: 'WAITING_PERIOD',
      message: `The waiting period for ${claim.category} runs until ${cover.category.waitingUntil}`,
    });
  }
  if (!f.contract.found) {
    reasons.push({ code: 'NO_CONTRACT', message: `The facility had no contract in force on ${claim.admittedOn}` });
  } else if (!f.contract.payment) {
    reasons.push({
      code: 'CATEGORY_NOT_IN_CONTRACT',
      message: `The facility's contract does not cover ${claim.category}`,
    });
  }
  if (usage.duplicateOf) {
    reasons.push({ code: 'DUPLICATE', message: `The same care was already claimed as ${usage.duplicateOf}` });
  }
  if (MATERNAL.has(claim.category)) {
    const age = ageOn(f.member.birthDate, claim.admittedOn);
    const { min, max } = f.policy.childBearingAge;
    if (f.member.sex !== 'F' || age < min || age > max) {
      reasons.push({
        code: 'IMPLAUSIBLE',
        message: `${claim.category} for a ${f.member.sex === 'F' ? 'woman' : 'man'} aged ${age} is not plausible`,
      });
    }
  }
  if (f.terms?.maxUses) {
    const { count, per } = f.terms.maxUses;
    const used = per === 'month' ? usage.uses.month : usage.uses.year;
    if (used >= count) {
      reasons.push({ code: 'MAX_USES', message: `${claim.category} is paid at most ${count} times a ${per}` });
    }
  }
  const payment = f.contract.payment;
  if (payment?.mechanism === 'case') {
    if (!claim.caseCode) {
      reasons.push({ code: 'NO_CASE', message: 'The contract pays this care by case, and the claim names none' });
    } else if (f.careCase && f.careCase.category !== claim.category) {
      reasons.push({
        code: 'CASE_CATEGORY_MISMATCH',
        message: `Case ${claim.caseCode} belongs to ${f.careCase.category}, not ${claim.category}`,
      });
    }
  }
  if (payment?.mechanism === 'fee_for_service' && !claim.lines.length) {
    reasons.push({ code: 'NO_LINES', message: 'The contract pays this care by service, and the claim lists none' });
  }
  return reasons;
}

const refusedLine = (code: string, message: string, line: number): LineDecision => ({
  approved: 0,
  reasons: [{ code, message, line }],
});

/** Each line priced against the list, with the patient restrictions and the interval between uses. */
function priceLines(f: ClaimFacts, items: Map<string, PriceItem>): LineDecision[] {
  const age = ageOn(f.member.birthDate, f.claim.admittedOn);
  return f.claim.lines.map((line, i) => {
    const n = i + 1;
    const claimed = line.quantity * line.unitPrice;
    const item = items.get(line.code);
    if (!item) return refusedLine('NOT_IN_PRICE_LIST', `${line.code} is not on the facility's price list`, n);
    if (item.sex && item.sex !== f.member.sex)
      return refusedLine('SEX_RESTRICTION', `${item.name} is for ${item.sex} patients only`, n);
    if ((item.minAge !== null && age < item.minAge) || (item.maxAge !== null && age > item.maxAge)) {
      return refusedLine('AGE_RESTRICTION', `${item.name} is not for a patient aged ${age}`, n);
    }
    const last = f.usage.lastUse.get(line.code);
    if (item.minIntervalDays && last && daysBetween(last, f.claim.admittedOn) < item.minIntervalDays) {
      return refusedLine(
        'TOO_SOON',
        `${item.name} was given on ${last}; not again before ${addDays(last, item.minIntervalDays)}`,
        n,
      );
    }
    const listed = line.quantity * item.price;
    if (claimed > listed) {
      return {
        approved: listed,
        reasons: [
          {
            code: 'PRICED_AT_LIST',
            message: `${item.name} paid at the list price of ${formatMoney(item.price, f.minorUnits)}`,
            line: n,
          },
        ],
      };
    }
    return { approved: claimed, reasons: [] };
  });
}

/** What the claim is worth under the contract's mechanism, before co-payment and ceilings. */
function value(f: ClaimFacts, lines: LineDecision[]): { amount: number; reasons: Reason[]; cut: boolean } {
  const payment = f.contract.payment!;
  const sum = (l: LineDecision[]) => l.reduce((s, x) => s + x.approved, 0);
  switch (payment.mechanism) {
    case 'case': {
      const amount = Math.round((f.careCase!.averageCost * f.coefficientBp) / 10_000);
      return {
        amount,
        reasons: [
          {
            code: 'CASE_PRICE',
            message: `Case ${f.claim.caseCode}: average cost ${formatMoney(f.careCase!.averageCost, f.minorUnits)} at ${f.coefficientBp / 100} %`,
          },
        ],
        cut: false,
      };
    }
    case 'fee_for_service':
      return { amount: sum(lines), reasons: [], cut: lines.some((l) => l.reasons.length) };
    case 'relative':
      return {
        amount: f.priceItems ? sum(lines) : f.claim.claimed,
        reasons: [
          { code: 'RELATIVE_VALUE', message: "Paid a share of the period's budget in proportion to this value" },
        ],
        cut: f.priceItems ? lines.some((l) => l.reasons.length) : false,
      };
    case 'capitation':
    case 'lump_sum':
      return {
        amount: 0,
        reasons: [
          {
            code: payment.mechanism === 'capitation' ? 'PAID_BY_CAPITATION' : 'PAID_BY_LUMP_SUM',
            message: `Paid within the facility's monthly ${payment.mechanism === 'capitation' ? 'capitation' : 'lump sum'}, not claim by claim`,
          },
        ],
        cut: false,
      };
  }
}

/** The least room left under the category's, the setting's and the product's yearly ceilings. */
function roomUnderCeilings(f: ClaimFacts): { room: number; which: string } | null {
  const { year } = f.usage;
  const settingCeiling =
    f.claim.setting === 'inpatient'
      ? f.productCeilings.inpatientPerMember
      : f.claim.setting === 'outpatient'
        ? f.productCeilings.outpatientPerMember
        : null;
  const candidates: [number | null | undefined, number, string][] = [
    [f.terms?.ceilingPerMember, year.category, `the yearly ceiling for ${f.claim.category}`],
    [settingCeiling, year.setting, `the yearly ${f.claim.setting} ceiling`],
    [f.productCeilings.perMember, year.total, "the product's yearly ceiling"],
  ];
  let least: { room: number; which: string } | null = null;
  for (const [ceiling, used, which] of candidates) {
    if (ceiling === null || ceiling === undefined) continue;
    const room = Math.max(0, ceiling - used);
    if (!least || room < least.room) least = { room, which };
  }
  return least;
}

/** Why a person should look at the claim, with a risk score from 0 to 100. */
function selectForReview(f: ClaimFacts): { reasons: Reason[]; score: number } {
  const { review } = f.policy;
  const { usage, claim } = f;
  const reasons: Reason[] = [];
  let score = 0;
  if (review.amountAbove !== null && claim.claimed > review.amountAbove) {
    reasons.push({
      code: 'ABOVE_AMOUNT',
      message: `Claims above ${formatMoney(review.amountAbove, f.minorUnits)} are reviewed`,
    });
    score += 30;
  }
  // Far above the average for the same case (or diagnosis): the catalogue's agreed cost, or last year's claims.
  const average = f.careCase?.averageCost ?? usage.averageClaimed;
  if (review.averageFactorBp !== null && average && claim.claimed * 10_000 > average * review.averageFactorBp) {
    const times = claim.claimed / average;
    reasons.push({
      code: 'FAR_ABOVE_AVERAGE',
      message: `${times.toFixed(1)} times the average of ${formatMoney(average, f.minorUnits)} for the same ${claim.caseCode ? 'case' : 'diagnosis'}`,
    });
    score += Math.min(50, Math.round(times * 10));
  }
  if (review.memberClaimsPer30Days !== null && usage.memberClaims30Days + 1 >= review.memberClaimsPer30Days) {
    reasons.push({
      code: 'FREQUENT_MEMBER',
      message: `The member's ${usage.memberClaims30Days + 1}th claim in 30 days`,
    });
    score += 25;
  }
  if (
    review.facilityDailyFactorBp !== null &&
    usage.facilityDailyAverage &&
    (usage.facilityToday + 1) * 10_000 > usage.facilityDailyAverage * review.facilityDailyFactorBp
  ) {
    reasons.push({
      code: 'FREQUENT_FACILITY',
      message: `The facility's ${usage.facilityToday + 1} claims that day against ${usage.facilityDailyAverage.toFixed(1)} a day before`,
    });
    score += 25;
  }
  if (f.draws.review * 10_000 < review.randomShareBp) {
    reasons.push({ code: 'RANDOM_SAMPLE', message: 'Drawn at random for review' });
  }
  return { reasons, score: Math.min(100, score) };
}

/** No line priced: each at nothing, with no reason of its own. */
const unpriced = (f: ClaimFacts): LineDecision[] => f.claim.lines.map(() => ({ approved: 0, reasons: [] }));

function rejected(f: ClaimFacts, reasons: Reason[], lines = unpriced(f)): Decision {
  return {
    status: 'rejected',
    proposed: 0,
    approved: 0,
    memberPays: 0,
    mechanism: f.contract.payment?.mechanism ?? null,
    reasons,
    lines,
    riskScore: 0,
    auditSample: false,
  };
}

export function adjudicate(f: ClaimFacts): Decision {
  const mechanism = f.contract.payment?.mechanism ?? null;
  const refused = refusals(f);
  if (refused.length) return rejected(f, refused);

  const priced = mechanism === 'fee_for_service' || (mechanism === 'relative' && f.priceItems !== null);
  const lines = priced ? priceLines(f, f.priceItems ?? new Map()) : unpriced(f);
  if (priced && lines.every((l) => l.approved === 0))
    return rejected(
      f,
      lines.flatMap((l) => l.reasons),
      lines,
    );
  const worth = value(f, lines);
  const reasons = [...worth.reasons, ...lines.flatMap((l) => l.reasons)];

  // The member's share, by the product's co-payment, is never the scheme's to pay.
  const { shareBp, fixed } = f.terms?.copayment ?? { shareBp: 0, fixed: 0 };
  const memberPays =
    worth.amount > 0 ? Math.min(worth.amount, fixed + Math.round((worth.amount * shareBp) / 10_000)) : 0;
  if (memberPays > 0)
    reasons.push({ code: 'COPAYMENT', message: `The member pays ${formatMoney(memberPays, f.minorUnits)}` });
  let payable = worth.amount - memberPays;
  let cut = worth.cut;

  const ceiling = roomUnderCeilings(f);
  if (ceiling && payable > 0 && ceiling.room < payable) {
    if (ceiling.room === 0) {
      return rejected(f, [{ code: 'CEILING_REACHED', message: `The member has reached ${ceiling.which}` }]);
    }
    reasons.push({
      code: 'CEILING',
      message: `Paid up to ${ceiling.which}: ${formatMoney(ceiling.room, f.minorUnits)} left`,
    });
    payable = ceiling.room;
    cut = true;
  }
  const review = selectForReview(f);
  if (review.reasons.length) {
    return {
      status: 'review',
      proposed: payable,
      approved: 0,
      memberPays,
      mechanism,
      reasons: [...reasons, ...review.reasons],
      lines,
      riskScore: review.score,
      auditSample: false,
    };
  }
  return {
    status: cut ? 'partly_approved' : 'approved',
    proposed: payable,
    approved: payable,
    memberPays,
    mechanism,
    reasons,
    lines,
    riskScore: 0,
    auditSample: f.draws.audit * 10_000 < f.policy.auditSampleBp,
  };
}
