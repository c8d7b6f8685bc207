import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { engines } from '../../../test/engines.js';
import { testApp, type TestApp } from '../../../test/app.js';
import { consultationCentre, garmentProduct, paidMonth, QUIET_POLICY } from '../../../test/fixtures.js';
import { premiumNeeded } from './premium.js';
import { project } from './projection.js';
import { PremiumInput, ProjectionInput } from './schemas.js';

describe('the premium needed and the years ahead, pure', () => {
  it('prices care per member and grosses it up by the loadings, beside the current premium', () => {
    const r = premiumNeeded(
      PremiumInput.parse({
        currency: 'USD',
        per: 'month',
        categories: [
          // 1.2 consultations a year at US$3.00, 0.03 deliveries at US$35.00, 0.01 surgeries at US$120.00.
          { category: 'consultation', frequency: 1.2, averageCost: 300 },
          { category: 'delivery', frequency: 0.03, averageCost: 3500 },
          { category: 'surgery', frequency: 0.01, averageCost: 12000 },
        ],
        loadings: { runningCosts: 0.1, collection: 0.05, reserves: 0.03, safetyMargin: 0.02 },
        currentPremium: 160,
      }),
    );
    // 360 + 105 + 120 = 585 cents a year of care; ÷ (1 − 0.2) = 731.25; ÷ 12 = 60.9 a month.
    expect(r).toMatchObject({
      riskPremiumPerYear: 585,
      loadingShare: 0.2,
      grossPremiumPerYear: 731,
      loadings: { runningCosts: 73, collection: 37, reserves: 22, safetyMargin: 15 },
      premium: 61,
      riskPremium: 49,
      currentPremium: 160,
      difference: -99,
      currentCovers: 2.623,
    });
    expect(r.categories.map((c) => [c.category, c.costPerMemberYear, c.share])).toEqual([
      ['consultation', 360, 0.6154],
      ['delivery', 105, 0.1795],
      ['surgery', 120, 0.2051],
    ]);
  });

  it('refuses loadings that take the whole premium, naming them', () => {
    const bad = PremiumInput.safeParse({
      currency: 'USD',
      per: 'year',
      categories: [{ category: 'consultation', frequency: 1, averageCost: 100 }],
      loadings: { runningCosts: 0.5, collection: 0.4, reserves: 0.1, safetyMargin: 0 },
    });
    expect(bad.success).toBe(false);
    expect(bad.error!.issues[0]).toMatchObject({
      path: ['loadings'],
      message: expect.stringMatching(/less than the whole/),
    });
  });

  it('projects members, income, expenses and reserves, with a subsidy that tapers off', () => {
    const r = project(
      ProjectionInput.parse({
        currency: 'USD',
        startYear: 2027,
        years: 4,
        members: 10_000,
        growth: 0.2,
        renewal: 0.8,
        premiumPerMemberYear: 1_000,
        premiumTrend: 0,
        costPerMemberYear: 900,
        costTrend: 0.1,
        runningCostsPerYear: 500_000,
        runningCostPerMember: 50,
        subsidy: { firstYear: 1_000_000, taperYears: 2 },
        reserves: 200_000,
      }),
    );
    expect(r.years.map((y) => [y.year, y.members, y.subsidy, y.careCost, y.result, y.reserves])).toEqual([
      // 10,000 × 10.00 + 10,000.00 subsidy − (10,000 × 9.00 + 5,000.00 + 10,000 × 0.50)
      [2027, 10_000, 1_000_000, 9_000_000, 1_000_000, 1_200_000],
      // renew 8,000 and 2,000 join; care 9.90; half the subsidy
      [2028, 10_000, 500_000, 9_900_000, -400_000, 800_000],
      [2029, 10_000, 0, 10_890_000, -1_890_000, -1_090_000],
      [2030, 10_000, 0, 11_979_000, -2_979_000, -4_069_000],
    ]);
    expect(r.reservesRunOut).toBe(2029);
    // 12,000.00 of reserves against 100,000.00 of expenses a year: 1.4 months.
    expect(r.years[0]!.reserveMonths).toBe(1.4);
  });
});

describe.each(engines)("use of care measured from the scheme's claims on %s", (engine) => {
  let t: TestApp;
  let admin: string;
  const post = async (url: string, body: unknown) => {
    const res = await t.call('POST', url, { token: admin, body });
    if (res.status >= 300) throw new Error(`${url}: ${res.status} ${JSON.stringify(res.body)}`);
    return res.body;
  };

  beforeAll(async () => {
    t = await testApp(engine);
    ({ token: admin } = await t.scheme('PLAN'));
    const product = await garmentProduct(post, {
      effectiveFrom: '2026-01-01',
      categories: [{ category: 'consultation', covered: true }],
    });
    const employer = await post('/api/v1/employers', { code: 'PLAN', name: 'Plan Garments', productId: product.id });
    const workers = [];
    for (const name of ['Sok Dara', 'Keo Sophal', 'Chan Thy']) {
      workers.push(
        await post('/api/v1/members', { nameLatin: name, sex: 'F', birthDate: '1990-01-01', employerId: employer.id }),
      );
    }
    for (const month of ['2026-01', '2026-02']) {
      await paidMonth(
        post,
        employer.id,
        workers.map((w) => ({ memberId: w.id })),
        month,
        `${month}-01`,
        `B-${month}`,
      );
    }
    const facility = await consultationCentre(post);
    await t.call('PUT', '/api/v1/claim-policy', { token: admin, body: QUIET_POLICY });
    for (const [i, w] of [workers[0], workers[1], workers[0]].entries()) {
      await post('/api/v1/claims', {
        facilityId: facility.id,
        externalId: `C-${i}`,
        memberNumber: w.memberNumber,
        category: 'consultation',
        admittedOn: `2026-0${1 + (i % 2)}-1${i}`,
        claimed: 300,
        lines: [{ code: 'CONSULT', quantity: 1, unitPrice: 300 }],
      });
    }
  });
  afterAll(() => t.close());

  it('counts uses per member-year and their average cost, and the contributions per member', async () => {
    const res = await t.call('GET', '/api/v1/planning/measured?from=2026-01-01&to=2026-02-28', { token: admin });
    expect(res.status).toBe(200);
    // Three members covered 31 + 28 days: 177 member-days, 0.48 member-years.
    expect(res.body.memberYears).toBe(0.48);
    expect(res.body.categories).toEqual([
      { category: 'consultation', claims: 3, approved: 900, frequency: 6.25, averageCost: 300 },
    ]);
    // Two months of three workers at US$1.60.
    expect(res.body.contributions).toMatchObject({ income: 960, perMemberMonth: 167 });
    const bad = await t.call('GET', '/api/v1/planning/measured?from=2026-03-01&to=2026-02-01', { token: admin });
    expect(bad.status).toBe(400);
    expect(bad.body.errors[0].field).toBe('to');
  });

  it('prices and projects over HTTP, and names bad input', async () => {
    const priced = await t.call('POST', '/api/v1/planning/premium', {
      token: admin,
      body: {
        currency: 'USD',
        per: 'year',
        categories: [{ category: 'consultation', frequency: 6.25, averageCost: 300 }],
        loadings: { runningCosts: 0.1, collection: 0.1, reserves: 0, safetyMargin: 0 },
        currentPremium: 1920,
      },
    });
    expect(priced.body).toMatchObject({ premium: 2344, difference: 424 });
    const file = await t.call('POST', '/api/v1/planning/premium?format=csv', {
      token: admin,
      body: {
        currency: 'USD',
        per: 'year',
        categories: [{ category: 'consultation', frequency: 6.25, averageCost: 300 }],
        loadings: { runningCosts: 0.1, collection: 0.1, reserves: 0, safetyMargin: 0 },
        currentPremium: 1920,
      },
    });
    expect(file.headers.get('content-disposition')).toBe('attachment; filename="premium.csv"');
    expect(file.body).toContain('consultation,6.25,3,18.75,100');
    expect(file.body).toContain('Premium needed a year (USD),23.44');
    const years = await t.call('POST', '/api/v1/planning/projection?format=csv', {
      token: admin,
      body: {
        currency: 'USD',
        startYear: 2027,
        years: 3,
        members: 1000,
        growth: 0.1,
        renewal: 0.9,
        premiumPerMemberYear: 1920,
        premiumTrend: 0,
        costPerMemberYear: 1500,
        costTrend: 0,
        runningCostsPerYear: 100_000,
        runningCostPerMember: 0,
        reserves: 0,
      },
    });
    expect(years.status).toBe(200);
    expect((years.body as string).split('\n')).toHaveLength(4);
    expect((years.body as string).split('\n')[1]).toMatch(/^2027,1000,/);
    const bad = await t.call('POST', '/api/v1/planning/projection', {
      token: admin,
      body: { currency: 'USD', startYear: 2027, years: 0 },
    });
    expect(bad.status).toBe(400);
    expect(bad.body.errors.map((e: { field: string }) => e.field)).toContain('years');
  });
});
