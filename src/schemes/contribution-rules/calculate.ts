/**
 * What a member's cover costs, and who pays which part, under one version of a contribution
 * rule. Pure: the rule and the facts in, the amounts and the reasons out. Money is in minor
 * units of the scheme's currency; rates and shares are in basis points (1 % = 100), so every
 * figure is an integer and rounds the same way everywhere.
 */

export type ContributionPeriod = 'month' | 'year';

/** A payer (government, donor, social fund…) taking on a share or a fixed part of the member's part. */
export interface Subsidy {
  payerId: string;
  /** Of the member's part, in basis points. */
  shareBp?: number;
  /** At most this much of the member's part, in minor units. */
  fixed?: number;
}

interface Common {
  /** The employer's share of the contribution in basis points; the member pays the rest. */
  employerShareBp: number;
  /** Employers that pay the whole contribution themselves (seed 000: Quantum pays all US$1.60). */
  employersPayingAll: string[];
  subsidies: Subsidy[];
}

/** The same amount for every member (seed 000: US$1.60 a month, half each). */
export interface FlatRule extends Common {
  kind: 'flat';
  period: ContributionPeriod;
  amount: number;
}

/** A share of the monthly wage, with the wage held between a floor and a ceiling (seed 001: 2.6 %). */
export interface PercentOfWageRule extends Common {
  kind: 'percent-of-wage';
  rateBp: number;
  wageFloor: number | null;
  wageCeiling: number | null;
}

/**
 * A premium per person that falls as the group's enrolment rate rises, and below a minimum rate
 * the group cannot join (seed 003: 30-39 % enrolled pays US$5.85 a year, 80 % or more US$2.44,
 * no village below 50 % after the first year).
 */
export interface GroupEnrolmentRule extends Common {
  kind: 'group-enrolment';
  period: ContributionPeriod;
  /** From the lowest rate up; each tier applies from its rate to the next tier's. */
  tiers: { fromRateBp: number; amount: number }[];
  /** Groups enrolled below this rate cannot join; the lowest tier's rate when absent. */
  minimumRateBp: number | null;
}

/** An amount by income band (seed 004: premiums graduated by income). */
export interface IncomeBandsRule extends Common {
  kind: 'income-bands';
  period: ContributionPeriod;
  /** From the lowest income up; each band applies to incomes up to and including `upTo`; the last has none. */
  bands: { upTo: number | null; amount: number }[];
}

export type ContributionRule = FlatRule | PercentOfWageRule | GroupEnrolmentRule | IncomeBandsRule;

/** What is known of the member when the contribution is worked out. */
export interface ContributionFacts {
  /** Monthly wage in minor units. */
  wage?: number | null;
  employerId?: string | null;
  /** The member's group's enrolment rate in basis points. */
  enrolmentRateBp?: number | null;
  /** Income in minor units, over the rule's period. */
  income?: number | null;
}

export interface ContributionPart {
  party: 'member' | 'employer' | 'payer';
  payerId?: string;
  amount: number;
}

export type Contribution =
  | {
      due: true;
      period: ContributionPeriod;
      amount: number;
      parts: ContributionPart[];
      /** How the amount was found, step by step, as codes with their figures. */
      reasons: Reason[];
    }
  | { due: false; reasons: Reason[] };

export type Reason =
  | { code: 'flat'; amount: number }
  | { code: 'wage-floor'; wage: number; floor: number }
  | { code: 'wage-ceiling'; wage: number; ceiling: number }
  | { code: 'percent-of-wage'; wage: number; rateBp: number; amount: number }
  | { code: 'enrolment-tier'; enrolmentRateBp: number; fromRateBp: number; amount: number }
  | { code: 'below-minimum-enrolment'; enrolmentRateBp: number; minimumRateBp: number }
  | { code: 'income-band'; income: number; upTo: number | null; amount: number }
  | { code: 'employer-pays-all'; employerId: string }
  | { code: 'employer-share'; shareBp: number; amount: number }
  | { code: 'subsidy'; payerId: string; amount: number }
  | { code: 'missing-fact'; fact: 'wage' | 'enrolmentRate' | 'income' };

/** A share of an amount in basis points, rounded half up to a whole minor unit. */
export const shareOf = (amount: number, bp: number) => Math.floor((amount * bp + 5000) / 10000);

/** The contribution due from the facts under the rule, split between the parties. */
export function contributionDue(rule: ContributionRule, facts: ContributionFacts): Contribution {
  const reasons: Reason[] = [];
  const gross = grossAmount(rule, facts, reasons);
  if (gross === null) return { due: false, reasons };
  const period = rule.kind === 'percent-of-wage' ? 'month' : rule.period;
  return { due: true, period, amount: gross, parts: split(rule, gross, facts, reasons), reasons };
}

function grossAmount(rule: ContributionRule, facts: ContributionFacts, reasons: Reason[]): number | null {
  switch (rule.kind) {
    case 'flat':
      reasons.push({ code: 'flat', amount: rule.amount });
      return rule.amount;
    case 'percent-of-wage': {
      if (facts.wage === undefined || facts.wage === null) {
        reasons.push({ code: 'missing-fact', fact: 'wage' });
        return null;
      }
      let wage = facts.wage;
      if (rule.wageFloor !== null && wage < rule.wageFloor) {
        reasons.push({ code: 'wage-floor', wage, floor: rule.wageFloor });
        wage = rule.wageFloor;
      }
      if (rule.wageCeiling !== null && wage > rule.wageCeiling) {
        reasons.push({ code: 'wage-ceiling', wage, ceiling: rule.wageCeiling });
        wage = rule.wageCeiling;
      }
      const amount = shareOf(wage, rule.rateBp);
      reasons.push({ code: 'percent-of-wage', wage, rateBp: rule.rateBp, amount });
      return amount;
    }
    case 'group-enrolment': {
      const rate = facts.enrolmentRateBp;
      if (rate === undefined || rate === null) {
        reasons.push({ code: 'missing-fact', fact: 'enrolmentRate' });
        return null;
      }
      const minimum = rule.minimumRateBp ?? rule.tiers[0]!.fromRateBp;
      const tier = [...rule.tiers].reverse().find((t) => rate >= t.fromRateBp);
      if (rate < minimum || !tier) {
        reasons.push({ code: 'below-minimum-enrolment', enrolmentRateBp: rate, minimumRateBp: minimum });
        return null;
      }
      reasons.push({ code: 'enrolment-tier', enrolmentRateBp: rate, fromRateBp: tier.fromRateBp, amount: tier.amount });
      return tier.amount;
    }
    case 'income-bands': {
      const income = facts.income;
      if (income === undefined || income === null) {
        reasons.push({ code: 'missing-fact', fact: 'income' });
        return null;
      }
      const band = rule.bands.find((b) => b.upTo === null || income <= b.upTo) ?? rule.bands[rule.bands.length - 1]!;
      reasons.push({ code: 'income-band', income, upTo: band.upTo, amount: band.amount });
      return band.amount;
    }
  }
}

/** The employer's part first, then the payers' parts of what is left to the member. */
function split(rule: ContributionRule, gross: number, facts: ContributionFacts, reasons: Reason[]) {
  const parts: ContributionPart[] = [];
  let employer = 0;
  if (facts.employerId && rule.employersPayingAll.includes(facts.employerId)) {
    employer = gross;
    reasons.push({ code: 'employer-pays-all', employerId: facts.employerId });
  } else if (facts.employerId && rule.employerShareBp > 0) {
    employer = shareOf(gross, rule.employerShareBp);
    reasons.push({ code: 'employer-share', shareBp: rule.employerShareBp, amount: employer });
  }
  if (employer > 0) parts.push({ party: 'employer', amount: employer });
  let member = gross - employer;
  for (const s of rule.subsidies) {
    const wanted = (s.shareBp ? shareOf(gross - employer, s.shareBp) : 0) + (s.fixed ?? 0);
    const amount = Math.min(wanted, member);
    if (amount <= 0) continue;
    member -= amount;
    parts.push({ party: 'payer', payerId: s.payerId, amount });
    reasons.push({ code: 'subsidy', payerId: s.payerId, amount });
  }
  parts.unshift({ party: 'member', amount: member });
  return parts;
}
