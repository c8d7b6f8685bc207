import { describe, expect, it } from 'vitest';
import { adjudicate, ageOn, type ClaimFacts, type PriceItem } from './adjudicate.js';
import { DEFAULT_POLICY } from './policy.js';

const noReview = { ...DEFAULT_POLICY, review: { ...DEFAULT_POLICY.review, randomShareBp: 0 }, auditSampleBp: 0 };

const item = (code: string, price: number, extra: Partial<PriceItem> = {}): PriceItem => ({
  code,
  name: code,
  price,
  sex: null,
  minAge: null,
  maxAge: null,
  minIntervalDays: null,
  ...extra,
});

/** A covered member's consultation at a facility paid by fee for service, nothing used yet. */
function facts(change: (f: ClaimFacts) => void = () => {}): ClaimFacts {
  const f: ClaimFacts = {
    claim: {
      category: 'consultation',
      setting: 'outpatient',
      caseCode: null,
      admittedOn: '2026-03-10',
      claimed: 5000,
      lines: [
        { code: 'CONSULT', quantity: 1, unitPrice: 3000 },
        { code: 'AMOX', quantity: 2, unitPrice: 1000 },
      ],
    },
    member: { sex: 'F', birthDate: '1990-05-01' },
    cover: { covered: true, state: 'active', category: { covered: true, waitingUntil: null } },
    terms: { copayment: { shareBp: 0, fixed: 0 }, ceilingPerMember: null, maxUses: null },
    productCeilings: { perMember: null, inpatientPerMember: null, outpatientPerMember: null },
    contract: { found: true, payment: { category: 'consultation', mechanism: 'fee_for_service', priceListId: 'L' } },
    careCase: null,
    priceItems: new Map([
      ['CONSULT', item('CONSULT', 3000)],
      ['AMOX', item('AMOX', 1000)],
    ]),
    coefficientBp: 10_000,
    usage: {
      year: { category: 0, setting: 0, total: 0 },
      uses: { month: 0, year: 0 },
      lastUse: new Map(),
      duplicateOf: null,
      memberClaims30Days: 0,
      averageClaimed: null,
      facilityToday: 0,
      facilityDailyAverage: null,
    },
    policy: noReview,
    minorUnits: 0,
    draws: { review: 0.5, audit: 0.5 },
  };
  change(f);
  return f;
}

const codes = (d: { reasons: { code: string }[] }) => d.reasons.map((r) => r.code);

describe('automatic adjudication', () => {
  it('approves a covered claim priced at the list, all of it', () => {
    const d = adjudicate(facts());
    expect(d).toMatchObject({ status: 'approved', proposed: 5000, approved: 5000, memberPays: 0, riskScore: 0 });
    expect(d.lines.map((l) => l.approved)).toEqual([3000, 2000]);
  });

  it('rejects with every reason that applies: no cover, no contract, a duplicate', () => {
    const d = adjudicate(
      facts((f) => {
        f.cover = { covered: false, state: 'lapsed', category: null };
        f.contract = { found: false, payment: null };
        f.usage.duplicateOf = 'TK-2603-00001';
      }),
    );
    expect(d.status).toBe('rejected');
    expect(d.approved).toBe(0);
    expect(codes(d)).toEqual(['NOT_COVERED', 'NO_CONTRACT', 'DUPLICATE']);
    expect(d.reasons[0]!.message).toContain('lapsed');
    expect(d.reasons[2]!.message).toContain('TK-2603-00001');
  });

  it('rejects care the product excludes, care still in its waiting period, and care the contract leaves out', () => {
    expect(codes(adjudicate(facts((f) => (f.cover.category = null))))).toEqual(['CATEGORY_NOT_COVERED']);
    expect(codes(adjudicate(facts((f) => (f.cover.category = { covered: false, waitingUntil: null }))))).toEqual([
      'CATEGORY_NOT_COVERED',
    ]);
    const waiting = adjudicate(facts((f) => (f.cover.category = { covered: false, waitingUntil: '2026-09-30' })));
    expect(codes(waiting)).toEqual(['WAITING_PERIOD']);
    expect(waiting.reasons[0]!.message).toContain('2026-09-30');
    expect(codes(adjudicate(facts((f) => (f.contract.payment = null))))).toEqual(['CATEGORY_NOT_IN_CONTRACT']);
  });

  it('finds a delivery for a man, or for a woman past child-bearing age, implausible', () => {
    const delivery = (sex: 'F' | 'M', birthDate: string) =>
      adjudicate(
        facts((f) => {
          f.claim.category = 'delivery';
          f.member = { sex, birthDate };
        }),
      );
    expect(codes(delivery('M', '1990-01-01'))).toEqual(['IMPLAUSIBLE']);
    expect(codes(delivery('F', '1960-01-01'))).toEqual(['IMPLAUSIBLE']);
    expect(delivery('F', '1995-01-01').status).toBe('approved');
  });

  it('counts age in whole years, the birthday itself included', () => {
    expect(ageOn('1990-03-10', '2026-03-09')).toBe(35);
    expect(ageOn('1990-03-10', '2026-03-10')).toBe(36);
  });

  it('refuses a use past the product limit', () => {
    const d = adjudicate(
      facts((f) => {
        f.terms!.maxUses = { count: 2, per: 'month' };
        f.usage.uses = { month: 2, year: 5 };
      }),
    );
    expect(codes(d)).toEqual(['MAX_USES']);
  });

  it('prices lines at the list, refuses lines restricted by sex, age or interval, and partly approves', () => {
    const d = adjudicate(
      facts((f) => {
        f.claim.lines = [
          { code: 'CONSULT', quantity: 1, unitPrice: 3500 },
          { code: 'PSA', quantity: 1, unitPrice: 1000 },
          { code: 'PAED', quantity: 1, unitPrice: 1000 },
          { code: 'XRAY', quantity: 1, unitPrice: 1000 },
          { code: 'UNKNOWN', quantity: 1, unitPrice: 500 },
        ];
        f.claim.claimed = 7000;
        f.priceItems = new Map([
          ['CONSULT', item('CONSULT', 3000)],
          ['PSA', item('PSA', 1000, { sex: 'M' })],
          ['PAED', item('PAED', 1000, { maxAge: 14 })],
          ['XRAY', item('XRAY', 1000, { minIntervalDays: 30 })],
        ]);
        f.usage.lastUse = new Map([['XRAY', '2026-03-01']]);
      }),
    );
    expect(d.status).toBe('partly_approved');
    expect(d.lines.map((l) => l.approved)).toEqual([3000, 0, 0, 0, 0]);
    expect(d.lines.map((l) => l.reasons[0]?.code)).toEqual([
      'PRICED_AT_LIST',
      'SEX_RESTRICTION',
      'AGE_RESTRICTION',
      'TOO_SOON',
      'NOT_IN_PRICE_LIST',
    ]);
    expect(d.lines[3]!.reasons[0]!.message).toContain('2026-03-31');
    expect(d.approved).toBe(3000);
  });

  it('rejects a claim none of whose lines can be paid', () => {
    const d = adjudicate(facts((f) => (f.priceItems = new Map())));
    expect(d.status).toBe('rejected');
    expect(codes(d)).toEqual(['NOT_IN_PRICE_LIST', 'NOT_IN_PRICE_LIST']);
  });

  it("pays a case its average cost times the facility's quality coefficient, whatever was claimed", () => {
    const d = adjudicate(
      facts((f) => {
        f.claim = {
          ...f.claim,
          category: 'surgery',
          setting: 'inpatient',
          caseCode: 'APPENDIX',
          claimed: 130_000,
          lines: [],
        };
        f.contract.payment = { category: 'surgery', mechanism: 'case' };
        f.careCase = { category: 'surgery', averageCost: 120_000 };
        f.coefficientBp = 11_000;
      }),
    );
    expect(d).toMatchObject({ status: 'approved', proposed: 132_000, approved: 132_000, mechanism: 'case' });
    expect(d.reasons[0]).toMatchObject({ code: 'CASE_PRICE', message: expect.stringContaining('110 %') });
  });

  it('rejects a case claim without a case, or with a case of another category', () => {
    const caseBased = (caseCode: string | null, category: string) =>
      adjudicate(
        facts((f) => {
          f.claim = { ...f.claim, category: 'surgery', caseCode, lines: [] };
          f.contract.payment = { category: 'surgery', mechanism: 'case' };
          f.careCase = caseCode ? { category, averageCost: 1000 } : null;
        }),
      );
    expect(codes(caseBased(null, 'surgery'))).toEqual(['NO_CASE']);
    expect(codes(caseBased('DELIV', 'delivery'))).toEqual(['CASE_CATEGORY_MISMATCH']);
  });

  it('records capitation and lump-sum care at no value of its own', () => {
    const d = adjudicate(
      facts((f) => (f.contract.payment = { category: 'consultation', mechanism: 'lump_sum', amountPerMonth: 100_000 })),
    );
    expect(d).toMatchObject({ status: 'approved', approved: 0, mechanism: 'lump_sum' });
    expect(codes(d)).toEqual(['PAID_BY_LUMP_SUM']);
  });

  it("takes the member's co-payment off, then pays up to the ceiling left", () => {
    const copay = adjudicate(facts((f) => (f.terms!.copayment = { shareBp: 1000, fixed: 200 })));
    expect(copay).toMatchObject({ status: 'approved', memberPays: 700, approved: 4300 });
    const ceiling = adjudicate(
      facts((f) => {
        f.terms!.ceilingPerMember = 20_000;
        f.usage.year.category = 18_000;
      }),
    );
    expect(ceiling).toMatchObject({ status: 'partly_approved', approved: 2000 });
    expect(ceiling.reasons.at(-1)).toMatchObject({ code: 'CEILING', message: expect.stringContaining('2,000 left') });
    const outpatient = adjudicate(
      facts((f) => {
        f.productCeilings.outpatientPerMember = 50_000;
        f.usage.year.setting = 50_000;
      }),
    );
    expect(outpatient.status).toBe('rejected');
    expect(outpatient.reasons[0]).toMatchObject({
      code: 'CEILING_REACHED',
      message: expect.stringContaining('outpatient'),
    });
  });

  it('sends claims far above the average, of frequent members or busy days, or drawn at random, to review with a risk score', () => {
    const review = { ...DEFAULT_POLICY.review, randomShareBp: 0, amountAbove: 4000 };
    const d = adjudicate(
      facts((f) => {
        f.policy = { ...noReview, review };
        f.usage.averageClaimed = 1000;
        f.usage.memberClaims30Days = 3;
        f.usage.facilityToday = 9;
        f.usage.facilityDailyAverage = 2;
      }),
    );
    expect(d.status).toBe('review');
    expect(d.approved).toBe(0);
    expect(d.proposed).toBe(5000);
    expect(codes(d).slice(-4)).toEqual(['ABOVE_AMOUNT', 'FAR_ABOVE_AVERAGE', 'FREQUENT_MEMBER', 'FREQUENT_FACILITY']);
    expect(d.riskScore).toBe(100);
    const random = adjudicate(
      facts((f) => {
        f.policy = { ...noReview, review: { ...noReview.review, randomShareBp: 1000 } };
        f.draws.review = 0.05;
      }),
    );
    expect(random).toMatchObject({ status: 'review', riskScore: 0 });
    expect(codes(random)).toEqual(['RANDOM_SAMPLE']);
  });

  it('draws approved claims for the audit sample at the share the policy sets', () => {
    const drawn = (audit: number) =>
      adjudicate(
        facts((f) => {
          f.policy = { ...noReview, auditSampleBp: 500 };
          f.draws.audit = audit;
        }),
      ).auditSample;
    expect(drawn(0.04)).toBe(true);
    expect(drawn(0.06)).toBe(false);
  });
});
