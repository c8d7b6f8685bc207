import { describe, expect, it } from 'vitest';
import { contributionDue, shareOf, type ContributionRule } from './calculate.js';

const common = { employerShareBp: 0, employersPayingAll: [], subsidies: [] };

describe('contribution due', () => {
  // Seed 000: US$1.60 a month per worker, the factory paying half (80 cents); Quantum pays it all.
  const hip: ContributionRule = {
    ...common,
    kind: 'flat',
    period: 'month',
    amount: 160,
    employerShareBp: 5000,
    employersPayingAll: ['quantum'],
  };

  it('splits a flat amount between the worker and the factory', () => {
    const due = contributionDue(hip, { employerId: 'jai-wei' });
    expect(due).toMatchObject({
      due: true,
      period: 'month',
      amount: 160,
      parts: [
        { party: 'member', amount: 80 },
        { party: 'employer', amount: 80 },
      ],
    });
  });

  it('lets a factory pay the whole amount', () => {
    const due = contributionDue(hip, { employerId: 'quantum' });
    expect(due).toMatchObject({
      amount: 160,
      parts: [
        { party: 'member', amount: 0 },
        { party: 'employer', amount: 160 },
      ],
      reasons: [{ code: 'flat' }, { code: 'employer-pays-all', employerId: 'quantum' }],
    });
  });

  // Seed 001: the national scheme's 2.6 % of the wage, here with a floor and a ceiling.
  const nssf: ContributionRule = {
    ...common,
    kind: 'percent-of-wage',
    rateBp: 260,
    wageFloor: 10_000,
    wageCeiling: 120_000,
    employerShareBp: 5000,
  };

  it('takes a share of the wage, held between floor and ceiling', () => {
    expect(contributionDue(nssf, { wage: 15_000, employerId: 'f' })).toMatchObject({
      amount: 390,
      parts: [
        { party: 'member', amount: 195 },
        { party: 'employer', amount: 195 },
      ],
    });
    expect(contributionDue(nssf, { wage: 5_000 })).toMatchObject({
      amount: 260,
      reasons: [
        { code: 'wage-floor', wage: 5_000, floor: 10_000 },
        { code: 'percent-of-wage', wage: 10_000 },
      ],
    });
    expect(contributionDue(nssf, { wage: 500_000 })).toMatchObject({ amount: 3_120 });
    expect(contributionDue(nssf, {})).toEqual({ due: false, reasons: [{ code: 'missing-fact', fact: 'wage' }] });
  });

  it('rounds half a minor unit up, and the parts always add up to the whole', () => {
    expect(shareOf(15_050, 260)).toBe(391); // 391.3
    expect(shareOf(125, 5000)).toBe(63); // 62.5
    const due = contributionDue({ ...nssf, wageFloor: null }, { wage: 4_808, employerId: 'f' });
    if (!due.due) throw new Error('due');
    expect(due.amount).toBe(125);
    expect(due.parts.reduce((sum, p) => sum + p.amount, 0)).toBe(125);
  });

  // Seed 003: Angkor Chum's village premiums, falling as enrolment rises; in the second year no
  // village below 50 % may join.
  const tiers = [
    { fromRateBp: 3000, amount: 585 },
    { fromRateBp: 4000, amount: 488 },
    { fromRateBp: 5000, amount: 410 },
    { fromRateBp: 6000, amount: 341 },
    { fromRateBp: 7000, amount: 293 },
    { fromRateBp: 8000, amount: 244 },
  ];
  const firstYear: ContributionRule = {
    ...common,
    kind: 'group-enrolment',
    period: 'year',
    tiers,
    minimumRateBp: null,
  };
  const secondYear: ContributionRule = { ...firstYear, minimumRateBp: 5000 };

  it("prices a village's premium by its enrolment rate", () => {
    expect(contributionDue(firstYear, { enrolmentRateBp: 3500 })).toMatchObject({ period: 'year', amount: 585 });
    expect(contributionDue(firstYear, { enrolmentRateBp: 3999 })).toMatchObject({ amount: 585 });
    expect(contributionDue(firstYear, { enrolmentRateBp: 8500 })).toMatchObject({ amount: 244 });
    expect(contributionDue(firstYear, { enrolmentRateBp: 10_000 })).toMatchObject({ amount: 244 });
    expect(contributionDue(firstYear, { enrolmentRateBp: 2900 })).toEqual({
      due: false,
      reasons: [{ code: 'below-minimum-enrolment', enrolmentRateBp: 2900, minimumRateBp: 3000 }],
    });
  });

  it('refuses a village below the minimum rate once one is set', () => {
    expect(contributionDue(secondYear, { enrolmentRateBp: 4500 })).toEqual({
      due: false,
      reasons: [{ code: 'below-minimum-enrolment', enrolmentRateBp: 4500, minimumRateBp: 5000 }],
    });
    expect(contributionDue(secondYear, { enrolmentRateBp: 5000 })).toMatchObject({ amount: 410 });
  });

  // Seed 004: premiums graduated by income, and a social fund paying part of the member's premium.
  const graduated: ContributionRule = {
    ...common,
    kind: 'income-bands',
    period: 'year',
    bands: [
      { upTo: 50_000, amount: 1_000 },
      { upTo: 150_000, amount: 2_500 },
      { upTo: null, amount: 4_000 },
    ],
    subsidies: [
      { payerId: 'social-fund', shareBp: 2500 },
      { payerId: 'commune', fixed: 5_000 },
    ],
  };

  it('prices by income band, and payers take their part of what the member owes', () => {
    expect(contributionDue(graduated, { income: 50_000 })).toMatchObject({
      amount: 1_000,
      parts: [
        { party: 'member', amount: 0 },
        { party: 'payer', payerId: 'social-fund', amount: 250 },
        { party: 'payer', payerId: 'commune', amount: 750 },
      ],
    });
    expect(contributionDue(graduated, { income: 1_000_000 })).toMatchObject({
      amount: 4_000,
      parts: [
        { party: 'member', amount: 0 },
        { party: 'payer', payerId: 'social-fund', amount: 1_000 },
        { party: 'payer', payerId: 'commune', amount: 3_000 },
      ],
    });
    const shareOnly = { ...graduated, subsidies: [{ payerId: 'social-fund', shareBp: 2500 }] };
    expect(contributionDue(shareOnly, { income: 100_000 })).toMatchObject({
      amount: 2_500,
      parts: [
        { party: 'member', amount: 1_875 },
        { party: 'payer', payerId: 'social-fund', amount: 625 },
      ],
    });
  });
});
