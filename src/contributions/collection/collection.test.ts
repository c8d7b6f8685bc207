import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { engines } from '../../../test/engines.js';
import { PASSWORD, testApp, type TestApp } from '../../../test/app.js';
import { expectedRows } from '../../coverage/rebuild.js';

/** Seed 003: villages enrol through their commune council, which keeps 10 % of what it collects. */
describe.each(engines)('field collection on %s', (engine) => {
  let t: TestApp;
  let token: string;
  let schemeId: string;
  let productId: string;
  let campaignId: string;
  let council: string;
  let hef: string;
  const head: Record<string, { id: string; number: string; householdId: string }> = {};

  const post = async (url: string, body: unknown, as = token) => {
    const res = await t.call('POST', url, { token: as, body });
    if (res.status >= 300) throw new Error(`${url}: ${res.status} ${JSON.stringify(res.body)}`);
    return res.body;
  };
  const collect = (household: string, body: object = {}, as = token) =>
    t.call('POST', '/api/v1/premiums', {
      token: as,
      body: {
        memberNumber: head[household]!.number,
        campaignId,
        collectorId: council,
        collectedOn: '2026-11-20',
        ...body,
      },
    });

  beforeAll(async () => {
    t = await testApp(engine);
    ({ token, schemeId } = await t.scheme('COL'));
    const rule = await post('/api/v1/contribution-rules', {
      code: 'VILLAGE',
      name: 'Village premium',
      version: {
        effectiveFrom: '2026-01-01',
        definition: {
          kind: 'group-enrolment',
          period: 'year',
          tiers: [
            { fromRateBp: 3000, amount: 585 },
            { fromRateBp: 5000, amount: 390 },
            { fromRateBp: 8000, amount: 244 },
          ],
          minimumRateBp: 5000,
          employerShareBp: 0,
        },
      },
    });
    productId = (
      await post('/api/v1/products', {
        code: 'VHI',
        name: 'Village health insurance',
        version: {
          effectiveFrom: '2026-01-01',
          definition: {
            covers: 'household',
            dependants: { relations: ['spouse', 'child'], childMaxAge: 17 },
            term: { kind: 'yearly', cycleStarts: ['01-01'] },
            grace: { enrolmentDays: 30, renewalDays: 30 },
            registrationFee: 100,
            contributionRuleId: rule.id,
            categories: [],
          },
        },
      })
    ).id;
    // Eight people live in the village; seven are registered: 87 % enrolled, the 80 % tier.
    const village = await post('/api/v1/groups', { code: 'TK', name: 'Trapeang Kok', kind: 'village', population: 8 });
    const people: [string, string, string, string][] = [
      ['A', 'Sok Dara', 'head', '1980-01-01'],
      ['A', 'Keo Sophea', 'spouse', '1982-01-01'],
      ['A', 'Sok Nita', 'child', '2016-01-01'],
      ['A', 'Sok Vanna', 'child', '2004-01-01'],
      ['B', 'Meas Navy', 'head', '1975-05-05'],
      ['B', 'Meas Ratha', 'spouse', '1977-05-05'],
      ['C', 'Ly Rotha', 'head', '1990-09-09'],
    ];
    for (const [h, name, relation, birthDate] of people) {
      const m = await post('/api/v1/members', {
        nameLatin: name,
        sex: 'F',
        birthDate,
        groupId: village.id,
        relation,
        ...(relation === 'head' ? {} : { householdId: head[h]!.householdId }),
      });
      if (relation === 'head') head[h] = { id: m.id, number: m.memberNumber, householdId: m.householdId };
    }
    council = (
      await post('/api/v1/collectors', {
        code: 'CC1',
        name: 'Commune council',
        kind: 'commune_council',
        commissionBp: 1000,
      })
    ).id;
    hef = (
      await post('/api/v1/collectors', { code: 'HEF1', name: 'HEF operator', kind: 'hef_operator', commissionBp: 500 })
    ).id;
    campaignId = (
      await post('/api/v1/campaigns', {
        name: 'Trapeang Kok 2027',
        groupId: village.id,
        productId,
        cycleStart: '2027-01-01',
        opensOn: '2026-11-01',
        closesOn: '2026-12-31',
        thresholdBp: 5000,
      })
    ).id;
  });
  afterAll(() => t.close());

  it('collects nothing until enough households intend to enrol', async () => {
    const early = await collect('A', { amount: 832 });
    expect(early.status).toBe(400);
    expect(early.body.errors[0]).toMatchObject({ field: 'campaignId', reason: expect.stringContaining('50 %') });
    for (const h of ['A', 'B'])
      await post(`/api/v1/campaigns/${campaignId}/intentions`, { memberNumber: head[h]!.number, collectorId: council });
    const campaign = await t.call('GET', `/api/v1/campaigns/${campaignId}`, { token });
    expect(campaign.body.progress).toMatchObject({
      households: 3,
      intending: 2,
      intendingPersons: 6,
      intentionRateBp: 6666,
      thresholdMet: true,
    });
  });

  it('quotes the household its people the product covers, at the tier of the village, with the fee once', async () => {
    const q = await t.call(
      'GET',
      `/api/v1/premiums/quote?memberNumber=${head.A!.number}&campaignId=${campaignId}&date=2026-11-20`,
      { token },
    );
    expect(q.status).toBe(200);
    // The child of 22 is past the product's age limit for children.
    expect(q.body).toMatchObject({
      persons: 3,
      contribution: 732,
      registrationFee: 100,
      amount: 832,
      coverFrom: '2027-01-01',
      coverTo: '2027-12-31',
    });
  });

  it('takes the premium due with a receipt, and the commission, and covers the household', async () => {
    const wrong = await collect('A', { amount: 800 });
    expect(wrong.status).toBe(400);
    expect(wrong.body.errors[0]).toMatchObject({ field: 'amount', reason: expect.stringContaining('832') });
    const res = await collect('A', { amount: 832 });
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({ amount: 832, commission: 83, receiptNumber: 'R0000001', persons: 3 });
    const periods = await t.db.kysely
      .selectFrom('coverage_period')
      .select(['starts_on', 'ends_on', 'paid_on'])
      .where('source_id', '=', res.body.id)
      .execute();
    expect(periods).toHaveLength(3);
    expect(periods[0]).toMatchObject({ starts_on: '2027-01-01', ends_on: '2027-12-31', paid_on: '2026-11-20' });
    const rebuilt = await expectedRows(t.db.kysely, { schemeId, areaPaths: [] }, head.A!.id);
    expect(rebuilt).toEqual(
      await t.db.kysely.selectFrom('coverage_period').selectAll().where('member_id', '=', head.A!.id).execute(),
    );
    expect((await collect('A', { amount: 732 })).status).toBe(409);
    const sameReceipt = await collect('C', { amount: 344, receiptNumber: 'R0000001' });
    expect(sameReceipt.status).toBe(409);
  });

  it("keeps each collector's balance and refuses a remittance above it", async () => {
    expect((await t.call('GET', `/api/v1/collectors/${council}/balance`, { token })).body).toMatchObject({
      collected: 832,
      commission: 83,
      remitted: 0,
      balance: 749,
      receipts: 1,
    });
    const tooMuch = await t.call('POST', `/api/v1/collectors/${council}/remittances`, {
      token,
      body: { amount: 800, remittedOn: '2026-11-21' },
    });
    expect(tooMuch.status).toBe(400);
    expect(tooMuch.body.errors[0].field).toBe('amount');
    await post(`/api/v1/collectors/${council}/remittances`, {
      amount: 700,
      remittedOn: '2026-11-21',
      reference: 'slip 12',
    });
    expect((await t.call('GET', `/api/v1/collectors/${council}/balance`, { token })).body.balance).toBe(49);
    expect((await t.call('GET', `/api/v1/collectors/${hef}/balance`, { token })).body.balance).toBe(0);
  });

  it("buys a household's cycle from a mobile-money payment naming a member, and suspends one too small", async () => {
    const paid = await post('/api/v1/payments', {
      method: 'mobile_money',
      externalId: 'WING-B',
      amount: 588,
      currency: 'USD',
      paidOn: '2026-11-21',
      reference: head.B!.number,
    });
    expect(paid).toMatchObject({
      state: 'applied',
      householdId: head.B!.householdId,
      unapplied: 0,
      premiumId: expect.any(String),
    });
    const short = await post('/api/v1/payments', {
      method: 'mobile_money',
      externalId: 'WING-C',
      amount: 100,
      currency: 'USD',
      paidOn: '2026-11-21',
      reference: head.C!.number,
    });
    expect(short).toMatchObject({
      state: 'suspense',
      premiumId: null,
      suspenseReason: expect.stringContaining('less than the premium due'),
    });
    const campaign = await t.call('GET', `/api/v1/campaigns/${campaignId}`, { token });
    expect(campaign.body.progress).toMatchObject({ paid: 2, paidPersons: 5, collected: 832 + 588 });
  });

  it('lets a collector who logs in collect as themself', async () => {
    await post('/api/v1/users', { username: 'dara.cc', displayName: 'Dara', password: PASSWORD, roles: ['collector'] });
    await t.call('PATCH', `/api/v1/collectors/${hef}`, { token, body: { username: 'dara.cc' } });
    const own = await t.login('dara.cc');
    const res = await collect(
      'C',
      { amount: 344, collectorId: undefined, campaignId: undefined, productId, collectedOn: '2026-11-22' },
      own,
    );
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({ collectorId: hef, commission: 17, coverFrom: '2027-01-01' });
    const stranger = await t.call('POST', '/api/v1/premiums', {
      token,
      body: { memberNumber: head.C!.number, productId, amount: 244, collectedOn: '2026-11-22' },
    });
    expect(stranger.status).toBe(400);
    expect(stranger.body.errors[0].field).toBe('collectorId');
  });

  it('lists the households to renew, soonest first, with their collector', async () => {
    const res = await t.call('GET', `/api/v1/renewals?date=2027-12-10&withinDays=30&collectorId=${council}`, { token });
    expect(res.body.items).toEqual([
      expect.objectContaining({
        householdId: head.A!.householdId,
        coverTo: '2027-12-31',
        collectorName: 'Commune council',
        memberNumber: head.A!.number,
      }),
    ]);
    const none = await t.call('GET', '/api/v1/renewals?date=2027-06-01&withinDays=30', { token });
    expect(none.body.items).toEqual([]);
  });

  it('refuses a campaign for a cycle the product does not start, or a monthly product', async () => {
    const village = (await t.call('GET', `/api/v1/campaigns/${campaignId}`, { token })).body.groupId;
    const bad = await t.call('POST', '/api/v1/campaigns', {
      token,
      body: {
        name: 'x',
        groupId: village,
        productId,
        cycleStart: '2027-03-01',
        opensOn: '2027-01-01',
        closesOn: '2027-02-01',
        thresholdBp: 5000,
      },
    });
    expect(bad.status).toBe(400);
    expect(bad.body.errors[0].field).toBe('cycleStart');
  });
});
