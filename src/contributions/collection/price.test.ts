import { describe, expect, it } from 'vitest';
import type { ContributionRule } from '../../schemes/contribution-rules/calculate.js';
import { cycleEnd, cycleFor, householdPremium, type PremiumTerms } from './price.js';

// Seed 003: a yearly premium per person by the village's enrolment rate; none below 50 % after the first year.
const villageRule: ContributionRule = {
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
};
const plain: PremiumTerms = { registrationFee: 0, householdPricing: null, earlyEnrolmentDiscount: null };
const facts = {
  persons: 5,
  enrolmentRateBp: 8200,
  registeredBefore: true,
  cycleStart: '2027-01-01',
  collectedOn: '2026-12-20',
};

describe('householdPremium', () => {
  it("prices seed 003's village at 80 % enrolled at US$2.44 a person", () => {
    const p = householdPremium(villageRule, plain, facts);
    expect(p).toMatchObject({ due: true, contribution: 1220, amount: 1220 });
  });

  it('refuses a village below the minimum rate', () => {
    const p = householdPremium(villageRule, plain, { ...facts, enrolmentRateBp: 3500 });
    expect(p.due).toBe(false);
    expect(p.reasons).toContainEqual({ code: 'below-minimum-enrolment', enrolmentRateBp: 3500, minimumRateBp: 5000 });
  });

  it('charges extra members beyond the household threshold their own amount', () => {
    const terms = { ...plain, householdPricing: { includedMembers: 4, extraMemberAmount: 100 } };
    const p = householdPremium(villageRule, terms, { ...facts, persons: 7 });
    expect(p).toMatchObject({ due: true, contribution: 244 * 4 + 300 });
  });

  it('takes the early discount off the contribution, not the fee, and charges the fee once', () => {
    const terms = {
      registrationFee: 200,
      householdPricing: null,
      earlyEnrolmentDiscount: { shareBp: 1000, daysBefore: 30 },
    };
    const early = householdPremium(villageRule, terms, {
      ...facts,
      registeredBefore: false,
      collectedOn: '2026-11-20',
    });
    expect(early).toMatchObject({ contribution: 1220, discount: 122, registrationFee: 200, amount: 1298 });
    const late = householdPremium(villageRule, terms, { ...facts, registeredBefore: true, collectedOn: '2026-12-20' });
    expect(late).toMatchObject({ discount: 0, registrationFee: 0, amount: 1220 });
  });

  it('makes a monthly flat amount a yearly premium, the member part only', () => {
    const rule: ContributionRule = {
      kind: 'flat',
      period: 'month',
      amount: 160,
      employerShareBp: 0,
      employersPayingAll: [],
      subsidies: [{ payerId: 'gov', shareBp: 5000 }],
    };
    expect(householdPremium(rule, plain, { ...facts, persons: 1 })).toMatchObject({ contribution: 960 });
  });
});

describe('cycles', () => {
  it('ends a cycle the day before its anniversary, and 29 February on the 28th', () => {
    expect(cycleEnd('2026-03-01')).toBe('2027-02-28');
    expect(cycleEnd('2028-02-29')).toBe('2029-02-28');
    expect(cycleEnd('2026-01-01')).toBe('2026-12-31');
  });

  it('buys the cycle begun within the enrolment grace, else the next', () => {
    expect(cycleFor(['01-01', '07-01'], '2026-01-20', 30)).toBe('2026-01-01');
    expect(cycleFor(['01-01', '07-01'], '2026-02-20', 30)).toBe('2026-07-01');
    expect(cycleFor(['01-01'], '2026-12-20', 0)).toBe('2027-01-01');
  });
});
