import { daysBetween } from '../../platform/dates.js';
import {
  contributionDue,
  shareOf,
  type ContributionRule,
  type Reason,
} from '../../schemes/contribution-rules/calculate.js';

/**
 * A household's yearly premium for one cycle. Pure: the rule, the product's pricing terms and
 * the facts in; the amount, how it was found, and the people it covers out. What a subsidising
 * payer takes on is not the household's to pay, so the household pays the member's part only.
 */

export interface PremiumTerms {
  registrationFee: number;
  householdPricing: { includedMembers: number; extraMemberAmount: number } | null;
  earlyEnrolmentDiscount: { shareBp: number; daysBefore: number } | null;
}

export interface PremiumFacts {
  persons: number;
  enrolmentRateBp: number | null;
  /** Whether the household has paid for this product before: the fee is charged once. */
  registeredBefore: boolean;
  cycleStart: string;
  collectedOn: string;
}

export type PremiumReason =
  | Reason
  | { code: 'per-person'; amount: number; persons: number }
  | { code: 'household-pricing'; includedMembers: number; extraMembers: number; extraMemberAmount: number }
  | { code: 'yearly'; monthly: number }
  | { code: 'early-enrolment'; shareBp: number; amount: number }
  | { code: 'registration-fee'; amount: number };

export type Premium =
  | {
      due: true;
      contribution: number;
      registrationFee: number;
      discount: number;
      amount: number;
      reasons: PremiumReason[];
    }
  | { due: false; reasons: PremiumReason[] };

export function householdPremium(rule: ContributionRule, terms: PremiumTerms, facts: PremiumFacts): Premium {
  const each = contributionDue(rule, { enrolmentRateBp: facts.enrolmentRateBp });
  const reasons: PremiumReason[] = [...each.reasons];
  if (!each.due) return { due: false, reasons };
  let perPerson = each.parts.filter((p) => p.party === 'member').reduce((sum, p) => sum + p.amount, 0);
  if (each.period === 'month') {
    reasons.push({ code: 'yearly', monthly: perPerson });
    perPerson *= 12;
  }
  let contribution: number;
  const pricing = terms.householdPricing;
  if (pricing && facts.persons > pricing.includedMembers) {
    const extraMembers = facts.persons - pricing.includedMembers;
    contribution = perPerson * pricing.includedMembers + pricing.extraMemberAmount * extraMembers;
    reasons.push({ code: 'per-person', amount: perPerson, persons: pricing.includedMembers });
    reasons.push({
      code: 'household-pricing',
      includedMembers: pricing.includedMembers,
      extraMembers,
      extraMemberAmount: pricing.extraMemberAmount,
    });
  } else {
    contribution = perPerson * facts.persons;
    reasons.push({ code: 'per-person', amount: perPerson, persons: facts.persons });
  }
  const early = terms.earlyEnrolmentDiscount;
  const discount =
    early && daysBetween(facts.collectedOn, facts.cycleStart) >= early.daysBefore
      ? shareOf(contribution, early.shareBp)
      : 0;
  if (discount) reasons.push({ code: 'early-enrolment', shareBp: early!.shareBp, amount: discount });
  const registrationFee = facts.registeredBefore ? 0 : terms.registrationFee;
  if (registrationFee) reasons.push({ code: 'registration-fee', amount: registrationFee });
  return {
    due: true,
    contribution,
    registrationFee,
    discount,
    amount: contribution - discount + registrationFee,
    reasons,
  };
}

/** The day before the same day a year later: a yearly cycle from 2026-03-01 ends 2027-02-28. */
export function cycleEnd(start: string): string {
  const [y, m, d] = start.split('-').map(Number) as [number, number, number];
  const next = new Date(Date.UTC(y + 1, m - 1, d));
  // 29 February has no day a year on: the cycle ends on 28 February.
  if (next.getUTCMonth() !== m - 1) next.setUTCDate(0);
  else next.setUTCDate(next.getUTCDate() - 1);
  return next.toISOString().slice(0, 10);
}

/**
 * The cycle a premium paid on a day buys, under the product's cycle start days (MM-DD): the
 * cycle that has begun when the day is within the enrolment grace after its start, else the
 * next one to begin.
 */
export function cycleFor(cycleStarts: string[], day: string, enrolmentGraceDays: number): string {
  const year = Number(day.slice(0, 4));
  const starts = [year - 1, year, year + 1]
    .flatMap((y) => cycleStarts.map((md) => `${y}-${md}`))
    .filter((s) => !Number.isNaN(Date.parse(`${s}T00:00:00Z`)))
    .sort();
  const begun = starts.filter((s) => s <= day).pop();
  if (begun && daysBetween(begun, day) <= enrolmentGraceDays) return begun;
  return starts.find((s) => s > day)!;
}
