import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { engines } from '../../../test/engines.js';
import { testApp, type TestApp } from '../../../test/app.js';

/** Seed 000: US$1.60 a month per worker, half from the factory; Quantum pays it all. */
const hip = (quantum: string) => ({
  kind: 'flat',
  period: 'month',
  amount: 160,
  employerShareBp: 5000,
  employersPayingAll: [quantum],
});
/** Seed 001: the national scheme moved to 2.6 % of the wage. */
const nssf = { kind: 'percent-of-wage', rateBp: 260, wageFloor: 10_000, wageCeiling: 120_000, employerShareBp: 5000 };

describe.each(engines)('contribution rules on %s', (engine) => {
  let t: TestApp;
  let token: string;
  let other: string;
  let quantum: string;
  let jaiWei: string;
  let ruleId: string;

  beforeAll(async () => {
    t = await testApp(engine);
    ({ token } = await t.scheme('CR'));
    ({ token: other } = await t.scheme('OTH'));
    const employer = async (code: string) =>
      (await t.call('POST', '/api/v1/employers', { token, body: { code, name: code } })).body.id;
    quantum = await employer('QUANTUM');
    jaiWei = await employer('JAIWEI');
  });
  afterAll(() => t.close());

  const preview = (body: object, id = ruleId, as = token) =>
    t.call('POST', `/api/v1/contribution-rules/${id}/preview`, { token: as, body });

  it('creates a rule with its first version, and previews what each party pays', async () => {
    const res = await t.call('POST', '/api/v1/contribution-rules', {
      token,
      body: {
        code: 'HIP',
        name: 'Health Insurance Project',
        version: { effectiveFrom: '2011-01-01', definition: hip(quantum) },
      },
    });
    expect(res.status).toBe(201);
    ruleId = res.body.id;
    expect(res.body.versions).toHaveLength(1);
    expect(res.body.versions[0].definition).toMatchObject({ kind: 'flat', amount: 160, subsidies: [] });

    const atJaiWei = await preview({ date: '2011-07-01', wage: 15_000, employerId: jaiWei });
    expect(atJaiWei.status).toBe(200);
    expect(atJaiWei.body).toMatchObject({
      currency: 'USD',
      due: true,
      period: 'month',
      amount: 160,
      parts: [
        { party: 'member', amount: 80 },
        { party: 'employer', amount: 80 },
      ],
    });
    const atQuantum = await preview({ date: '2011-07-01', employerId: quantum });
    expect(atQuantum.body.parts).toEqual([
      { party: 'member', amount: 0 },
      { party: 'employer', amount: 160 },
    ]);
  });

  it('applies a new version from its day on, and keeps the old one for the days before', async () => {
    const res = await t.call('POST', `/api/v1/contribution-rules/${ruleId}/versions`, {
      token,
      body: { effectiveFrom: '2018-01-01', definition: nssf },
    });
    expect(res.status).toBe(201);
    expect(res.body.versions.map((v: { effectiveFrom: string }) => v.effectiveFrom)).toEqual([
      '2011-01-01',
      '2018-01-01',
    ]);
    expect((await preview({ date: '2017-12-31', wage: 15_000, employerId: jaiWei })).body.amount).toBe(160);
    const after = await preview({ date: '2018-01-01', wage: 15_000, employerId: jaiWei });
    expect(after.body).toMatchObject({
      amount: 390,
      parts: [
        { party: 'member', amount: 195 },
        { party: 'employer', amount: 195 },
      ],
    });
    const missing = await preview({ date: '2018-02-01' });
    expect(missing.body).toEqual(
      expect.objectContaining({ due: false, reasons: [{ code: 'missing-fact', fact: 'wage' }] }),
    );
  });

  it('prices a village by its measured enrolment rate, with payers taking part', async () => {
    const fund = await t.call('POST', '/api/v1/payers', {
      token,
      body: { code: 'HEF', name: 'Health equity fund', kind: 'social_fund' },
    });
    expect(fund.status).toBe(201);
    const rule = await t.call('POST', '/api/v1/contribution-rules', {
      token,
      body: {
        code: 'CBHI',
        name: 'Angkor Chum',
        version: {
          effectiveFrom: '2014-01-01',
          definition: {
            kind: 'group-enrolment',
            period: 'year',
            tiers: [
              { fromRateBp: 3000, amount: 585 },
              { fromRateBp: 8000, amount: 244 },
            ],
            minimumRateBp: 5000,
            subsidies: [{ payerId: fund.body.id, shareBp: 2000 }],
          },
        },
      },
    });
    expect(rule.status).toBe(201);
    const village = await t.call('POST', '/api/v1/groups', {
      token,
      body: { code: 'V1', name: 'Village one', kind: 'village', population: 4 },
    });
    const register = (nameLatin: string) =>
      t.call('POST', '/api/v1/members', {
        token,
        body: { nameLatin, sex: 'F', birthDate: '1980-01-01', groupId: village.body.id },
      });
    await register('Chan Dara');
    await register('Keo Sophea');
    const half = await preview({ groupId: village.body.id }, rule.body.id);
    expect(half.body).toMatchObject({ enrolmentRateBp: 5000, amount: 585 });
    expect(half.body.parts).toEqual([
      { party: 'member', amount: 468 },
      { party: 'payer', payerId: fund.body.id, amount: 117 },
    ]);
    await register('Meas Navy');
    await register('Ly Rotha');
    expect((await preview({ groupId: village.body.id }, rule.body.id)).body).toMatchObject({
      enrolmentRateBp: 10_000,
      amount: 244,
    });
    const low = await preview({ enrolmentRateBp: 4500 }, rule.body.id);
    expect(low.body).toMatchObject({
      due: false,
      reasons: [{ code: 'below-minimum-enrolment', enrolmentRateBp: 4500, minimumRateBp: 5000 }],
    });
  });

  it('refuses bad input with the field and the reason, and changes nothing', async () => {
    const field = (res: { body: { errors?: { field: string }[] } }) => res.body.errors?.map((e) => e.field);
    const negative = await preview({ wage: -5 });
    expect(negative.status).toBe(400);
    expect(field(negative)).toEqual(['wage']);
    const early = await preview({ date: '2010-12-31', wage: 100 });
    expect(early.status).toBe(400);
    expect(field(early)).toEqual(['date']);
    const stranger = await preview({ employerId: 'nope' });
    expect(field(stranger)).toEqual(['employerId']);
    const sameDay = await t.call('POST', `/api/v1/contribution-rules/${ruleId}/versions`, {
      token,
      body: { effectiveFrom: '2018-01-01', definition: nssf },
    });
    expect(sameDay.status).toBe(409);
    expect(field(sameDay)).toEqual(['effectiveFrom']);
    const badTiers = await t.call('POST', `/api/v1/contribution-rules/${ruleId}/versions`, {
      token,
      body: {
        effectiveFrom: '2020-01-01',
        definition: {
          kind: 'group-enrolment',
          period: 'year',
          tiers: [
            { fromRateBp: 8000, amount: 1 },
            { fromRateBp: 3000, amount: 2 },
          ],
        },
      },
    });
    expect(badTiers.status).toBe(400);
    expect(field(badTiers)?.[0]).toMatch(/^definition\.tiers/);
    const unknownPayer = await t.call('POST', `/api/v1/contribution-rules/${ruleId}/versions`, {
      token,
      body: { effectiveFrom: '2020-01-01', definition: { ...nssf, subsidies: [{ payerId: 'ghost', fixed: 10 }] } },
    });
    expect(unknownPayer.status).toBe(400);
    expect(field(unknownPayer)).toEqual(['definition.subsidies']);
    const floorAboveCeiling = await t.call('POST', `/api/v1/contribution-rules/${ruleId}/versions`, {
      token,
      body: { effectiveFrom: '2020-01-01', definition: { ...nssf, wageFloor: 200_000 } },
    });
    expect(floorAboveCeiling.status).toBe(400);
    const takenCode = await t.call('POST', '/api/v1/contribution-rules', {
      token,
      body: { code: 'HIP', name: 'Again', version: { effectiveFrom: '2011-01-01', definition: hip(quantum) } },
    });
    expect(takenCode.status).toBe(409);
    const rule = (await t.call('GET', `/api/v1/contribution-rules/${ruleId}`, { token })).body;
    expect(rule.versions).toHaveLength(2);
  });

  it("keeps one scheme's rules from another", async () => {
    expect((await t.call('GET', `/api/v1/contribution-rules/${ruleId}`, { token: other })).status).toBe(404);
    expect((await preview({ wage: 100 }, ruleId, other)).status).toBe(404);
    expect((await t.call('GET', '/api/v1/contribution-rules', { token: other })).body.items).toEqual([]);
    const list = (await t.call('GET', '/api/v1/contribution-rules?q=hip', { token })).body.items;
    expect(list.map((r: { code: string }) => r.code)).toEqual(['HIP']);
  });
});
