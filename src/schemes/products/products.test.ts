import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { engines } from '../../../test/engines.js';
import { testApp, type TestApp } from '../../../test/app.js';

/** Seed 003's scheme covered chronic disease at first, and excluded it later for its cost. */
const cbhi = (chronic: boolean) => ({
  covers: 'household',
  dependants: { relations: ['spouse', 'child', 'parent'], childMaxAge: 18 },
  term: { kind: 'yearly', cycleStarts: ['01-01', '07-01'] },
  grace: { enrolmentDays: 30, renewalDays: 30, paymentDays: 15 },
  householdPricing: { includedMembers: 5, extraMemberAmount: 244 },
  ceilings: { perHousehold: 50_000, inpatientPerMember: 30_000 },
  categories: [
    { category: 'consultation', covered: true, copayment: { fixed: 50 } },
    { category: 'delivery', covered: true, waitingDays: 270 },
    { category: 'surgery', covered: true, waitingDays: 90, maxUses: { count: 2, per: 'year' } },
    { category: 'chronic', covered: chronic },
  ],
});

describe.each(engines)('products on %s', (engine) => {
  let t: TestApp;
  let token: string;
  let other: string;
  let productId: string;

  beforeAll(async () => {
    t = await testApp(engine);
    ({ token } = await t.scheme('PR'));
    ({ token: other } = await t.scheme('PO'));
  });
  afterAll(() => t.close());

  it('starts a scheme with a catalogue of care categories it can add to', async () => {
    const list = await t.call('GET', '/api/v1/care-categories', { token });
    expect(list.body.items.map((c: { code: string }) => c.code)).toEqual([
      'antenatal',
      'chronic',
      'consultation',
      'delivery',
      'emergency',
      'hospital_stay',
      'surgery',
      'transport',
    ]);
    const dental = { code: 'dental', name: 'Dental care', setting: 'outpatient' };
    expect((await t.call('POST', '/api/v1/care-categories', { token, body: dental })).status).toBe(201);
    const again = await t.call('POST', '/api/v1/care-categories', { token, body: dental });
    expect(again.status).toBe(409);
    expect(again.body.errors[0].field).toBe('code');
    const theirs = await t.call('GET', '/api/v1/care-categories', { token: other });
    expect(theirs.body.items.map((c: { code: string }) => c.code)).not.toContain('dental');
  });

  it('creates a product, and judges each day by the version then in force', async () => {
    const created = await t.call('POST', '/api/v1/products', {
      token,
      body: {
        code: 'CBHI',
        name: 'Angkor Chum household cover',
        version: { effectiveFrom: '2014-01-01', definition: cbhi(true) },
      },
    });
    expect(created.status).toBe(201);
    productId = created.body.id;
    const first = created.body.versions[0].definition;
    // What was left out takes its default, written out in full.
    expect(first.categories[0]).toEqual({
      category: 'consultation',
      covered: true,
      waitingDays: 0,
      copayment: { shareBp: 0, fixed: 50 },
      deductible: 0,
      ceilingPerMember: null,
      maxUses: null,
    });
    expect(first.ceilings).toEqual({
      perMember: null,
      perHousehold: 50_000,
      inpatientPerMember: 30_000,
      outpatientPerMember: null,
    });
    const changed = await t.call('POST', `/api/v1/products/${productId}/versions`, {
      token,
      body: { effectiveFrom: '2015-01-01', definition: cbhi(false) },
    });
    expect(changed.status).toBe(201);
    const chronicOn = async (date: string) =>
      (
        await t.call('GET', `/api/v1/products/${productId}/in-force?date=${date}`, { token })
      ).body.definition.categories.find((c: { category: string }) => c.category === 'chronic').covered;
    expect(await chronicOn('2014-12-31')).toBe(true);
    expect(await chronicOn('2015-01-01')).toBe(false);
    const before = await t.call('GET', `/api/v1/products/${productId}/in-force?date=2013-12-31`, { token });
    expect(before.status).toBe(400);
    expect(before.body.errors[0].field).toBe('date');
  });

  it('links a product to the contribution rule that prices it', async () => {
    const rule = await t.call('POST', '/api/v1/contribution-rules', {
      token,
      body: {
        code: 'HIP',
        name: 'HIP',
        version: {
          effectiveFrom: '2011-01-01',
          definition: { kind: 'flat', period: 'month', amount: 160, employerShareBp: 5000 },
        },
      },
    });
    const res = await t.call('POST', '/api/v1/products', {
      token,
      body: {
        code: 'HIP',
        name: 'Garment workers',
        version: {
          effectiveFrom: '2011-01-01',
          definition: {
            covers: 'member',
            term: { kind: 'monthly' },
            contributionRuleId: rule.body.id,
            categories: [{ category: 'consultation', covered: true }],
            cashBenefits: { maternity: { weeks: 13, wageShareBp: 7000 } },
          },
        },
      },
    });
    expect(res.status).toBe(201);
    expect(res.body.versions[0].definition).toMatchObject({
      contributionRuleId: rule.body.id,
      cashBenefits: { sickLeave: null, maternity: { weeks: 13, wageShareBp: 7000 } },
    });
  });

  it('refuses bad products with the field and the reason, and changes nothing', async () => {
    const version = (definition: object, effectiveFrom = '2016-01-01') =>
      t.call('POST', `/api/v1/products/${productId}/versions`, { token, body: { effectiveFrom, definition } });
    const fields = (res: { body: { errors?: { field: string }[] } }) => res.body.errors?.map((e) => e.field);
    const unknown = await version({ ...cbhi(true), categories: [{ category: 'eyeglasses', covered: true }] });
    expect(unknown.status).toBe(400);
    expect(fields(unknown)).toEqual(['definition.categories']);
    const lone = await version({ ...cbhi(true), covers: 'member' });
    expect(fields(lone)).toEqual(['definition.dependants']);
    const badDay = await version({ ...cbhi(true), term: { kind: 'yearly', cycleStarts: ['13-01'] } });
    expect(badDay.status).toBe(400);
    expect(fields(badDay)?.[0]).toMatch(/^definition\.term/);
    const twice = await version({
      ...cbhi(true),
      categories: [
        { category: 'surgery', covered: true },
        { category: 'surgery', covered: false },
      ],
    });
    expect(fields(twice)).toEqual(['definition.categories']);
    const negative = await version({ ...cbhi(true), registrationFee: -100 });
    expect(fields(negative)).toEqual(['definition.registrationFee']);
    const sameDay = await version(cbhi(false), '2015-01-01');
    expect(sameDay.status).toBe(409);
    const ghostRule = await version({ ...cbhi(true), contributionRuleId: 'ghost' });
    expect(fields(ghostRule)).toEqual(['definition.contributionRuleId']);
    const product = await t.call('GET', `/api/v1/products/${productId}`, { token });
    expect(product.body.versions.map((v: { effectiveFrom: string }) => v.effectiveFrom)).toEqual([
      '2014-01-01',
      '2015-01-01',
    ]);
  });

  it("keeps one scheme's products from another", async () => {
    expect((await t.call('GET', `/api/v1/products/${productId}`, { token: other })).status).toBe(404);
    expect((await t.call('GET', `/api/v1/products/${productId}/in-force`, { token: other })).status).toBe(404);
    expect((await t.call('GET', '/api/v1/products', { token: other })).body.items).toEqual([]);
    const ours = (await t.call('GET', '/api/v1/products?q=angkor', { token })).body.items;
    expect(ours.map((p: { code: string }) => p.code)).toEqual(['CBHI']);
  });
});
