import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { engines } from '../../../test/engines.js';
import { testApp, PASSWORD, type TestApp } from '../../../test/app.js';
import { garmentProduct, paidMonth } from '../../../test/fixtures.js';
import { systemActor } from '../../platform/audit/audit.js';
import { createUser } from '../../platform/users/service.js';
import { dataValueSet, dhis2Period, summed } from './exchange.js';

describe('exchanging indicator values, pure', () => {
  it("names DHIS2's periods and sends numerators and denominators beside each value", () => {
    expect([dhis2Period('2026-03'), dhis2Period('2026-Q1'), dhis2Period('2026')]).toEqual(['202603', '2026Q1', '2026']);
    expect(
      dataValueSet(
        [
          {
            code: 'rejection_ratio',
            values: [{ period: '2026-Q1', key: '', numerator: 1, denominator: 4, value: 25 }],
          },
        ],
        () => 'KH-HIP',
      ),
    ).toEqual({
      dataElementIdScheme: 'CODE',
      orgUnitIdScheme: 'CODE',
      dataValues: [
        { dataElement: 'rejection_ratio', period: '2026Q1', orgUnit: 'KH-HIP', value: '25' },
        { dataElement: 'rejection_ratio_num', period: '2026Q1', orgUnit: 'KH-HIP', value: '1' },
        { dataElement: 'rejection_ratio_den', period: '2026Q1', orgUnit: 'KH-HIP', value: '4' },
      ],
    });
  });
  it('sums schemes from their numerators and denominators, and counts as counts', () => {
    const a = { schemeId: 'a', values: [{ period: '2026-01', key: '', numerator: 1, denominator: 10, value: 10 }] };
    const b = { schemeId: 'b', values: [{ period: '2026-01', key: '', numerator: 9, denominator: 10, value: 90 }] };
    expect(summed([a, b], 100)).toEqual([{ period: '2026-01', key: '', numerator: 10, denominator: 20, value: 50 }]);
    expect(summed([a, b], 1, true)[0]).toMatchObject({ numerator: 10, denominator: 1, value: 10 });
  });
});

describe.each(engines)('a federation reading its schemes’ figures on %s', (engine) => {
  let t: TestApp;
  let operator: string;
  const schemes: { schemeId: string; token: string }[] = [];

  beforeAll(async () => {
    t = await testApp(engine);
    for (const [prefix, size] of [
      ['FEDA', 3],
      ['FEDB', 1],
    ] as const) {
      const s = await t.scheme(prefix);
      schemes.push(s);
      const post = async (url: string, body: unknown) => {
        const res = await t.call('POST', url, { token: s.token, body });
        if (res.status >= 300) throw new Error(`${url}: ${res.status} ${JSON.stringify(res.body)}`);
        return res.body;
      };
      const product = await garmentProduct(post, { effectiveFrom: '2026-01-01' });
      const employer = await post('/api/v1/employers', {
        code: prefix,
        name: `${prefix} Garments`,
        productId: product.id,
      });
      const workers = [];
      for (let i = 0; i < size; i++) {
        workers.push(
          await post('/api/v1/members', {
            nameLatin: `${['Sok', 'Keo', 'Chan'][i]} Dara`,
            sex: 'F',
            birthDate: `199${i}-01-01`,
            employerId: employer.id,
          }),
        );
      }
      await paidMonth(
        post,
        employer.id,
        workers.map((w) => ({ memberId: w.id })),
        '2026-01',
        '2026-01-05',
        `${prefix}-1`,
      );
      await post('/api/v1/figures/refresh', { from: '2026-01', to: '2026-01' });
    }
    await createUser(t.db, systemActor(null, 'test'), schemes[0]!.schemeId, {
      username: 'operator.fed',
      displayName: 'Operator',
      password: PASSWORD,
      roles: ['administrator', 'platform_operator'],
      areaIds: [],
      language: null,
      isMachine: false,
    });
    operator = await t.login('operator.fed');
  });
  afterAll(() => t.close());

  it('is made by the platform operator with its first user, and refused to a scheme administrator', async () => {
    const body = {
      name: 'Union of mutuals',
      schemeIds: schemes.map((s) => s.schemeId),
      user: { username: 'union.reader', displayName: 'Union', password: PASSWORD },
    };
    expect((await t.call('POST', '/api/v1/federations', { token: schemes[1]!.token, body })).status).toBe(403);
    const bad = await t.call('POST', '/api/v1/federations', {
      token: operator,
      body: { ...body, schemeIds: ['nope'] },
    });
    expect(bad.status).toBe(400);
    expect(bad.body.errors[0]).toMatchObject({ field: 'schemeIds' });
    const made = await t.call('POST', '/api/v1/federations', { token: operator, body });
    expect(made.status).toBe(201);
    expect(made.body.schemes).toHaveLength(2);
  });

  it('shows the schemes side by side and summed, and nothing of their records', async () => {
    const union = await t.login('union.reader');
    const fed = await t.call('GET', '/api/v1/federation', { token: union });
    expect(fed.body.schemes.map((s: { name: string }) => s.name)).toEqual(['Scheme FEDA', 'Scheme FEDB']);
    const values = await t.call(
      'GET',
      '/api/v1/federation/indicators/values?codes=members,contribution_recovery&from=2026-01&to=2026-01',
      { token: union },
    );
    expect(values.status).toBe(200);
    const members = values.body.indicators.find((i: { code: string }) => i.code === 'members');
    expect(members.schemes.map((s: { values: { value: number }[] }) => s.values[0]!.value)).toEqual([3, 1]);
    expect(members.total).toEqual([{ period: '2026-01', key: '', numerator: 4, denominator: 1, value: 4 }]);
    const recovery = values.body.indicators.find((i: { code: string }) => i.code === 'contribution_recovery');
    expect(recovery.total[0]).toMatchObject({ numerator: 640, denominator: 640, value: 100 });
    // A federation's user reaches no scheme's records, nor a scheme's own routes.
    for (const url of [
      '/api/v1/members',
      '/api/v1/claims',
      '/api/v1/tickets',
      '/api/v1/indicators/values?from=2026-01&to=2026-01',
    ]) {
      expect((await t.call('GET', url, { token: union })).status, url).toBe(403);
    }
    const dhis2 = await t.call('GET', '/api/v1/federation/indicators/dhis2?codes=members&from=2026-01&to=2026-01', {
      token: union,
    });
    expect(dhis2.body.dataValues).toContainEqual({
      dataElement: 'members',
      period: '202601',
      orgUnit: schemes[0]!.schemeId,
      value: '3',
    });
    const file = await t.call('GET', '/api/v1/federation/indicators/exchange?codes=members&from=2026-01&to=2026-01', {
      token: union,
    });
    expect(file.headers.get('content-disposition')).toContain('federation-indicators-2026-01-2026-01.json');
    expect(file.body).toMatchObject({
      format: 'riskpool-federation-indicators/1',
      federation: { name: expect.any(String) },
      indicators: [
        {
          code: 'members',
          schemes: [{ name: 'Scheme FEDA' }, { name: 'Scheme FEDB' }],
          total: [{ period: '2026-01', numerator: 4, denominator: 1, value: 4 }],
        },
      ],
    });
    // A scheme's own user is not a federation's.
    expect((await t.call('GET', '/api/v1/federation', { token: schemes[0]!.token })).status).toBe(403);
  });

  it("keeps the federation's own indicators, made from each scheme's figures and summed from them", async () => {
    const union = await t.login('union.reader');
    const own = {
      code: 'collected_per_member',
      name: 'Collected per member',
      description: 'Contributions collected ÷ members covered',
      numerator: 'contributions_collected',
      denominator: 'members_covered',
      unit: 'amount',
    };
    const put = (items: unknown[], token = union) =>
      t.call('PUT', '/api/v1/federation/indicators', { token, body: { items } });
    expect((await put([own])).status).toBe(200);
    const listed = (await t.call('GET', '/api/v1/federation/indicators', { token: union })).body.items;
    expect(listed.find((i: { code: string }) => i.code === own.code)).toMatchObject({
      ...own,
      scale: 1,
      builtIn: false,
    });
    expect(listed.some((i: { code: string }) => i.code === 'members')).toBe(true);

    const values = await t.call(
      'GET',
      '/api/v1/federation/indicators/values?codes=collected_per_member&from=2026-01&to=2026-01',
      { token: union },
    );
    expect(values.status).toBe(200);
    expect(values.body.indicators[0].total).toEqual([
      { period: '2026-01', key: '', numerator: 640, denominator: 4, value: 160 },
    ]);
    // Nor does any scheme see the federation's indicator as its own.
    const scheme = await t.call('GET', '/api/v1/indicators', { token: schemes[0]!.token });
    expect(scheme.body.items.some((i: { code: string }) => i.code === own.code)).toBe(false);

    // A bad formula, a built-in code or the same code twice is refused by its place, and nothing changes.
    const bad = await put([own, { ...own, code: 'second', numerator: 'members_covered * * 2' }]);
    expect(bad.status).toBe(400);
    expect(bad.body.errors[0].field).toBe('items.1.numerator');
    expect((await put([{ ...own, code: 'members' }])).status).toBe(409);
    expect((await put([own, own])).body.errors[0].field).toBe('items.1.code');
    expect((await t.call('GET', '/api/v1/federation/indicators', { token: union })).body.items).toContainEqual(
      expect.objectContaining({ code: own.code }),
    );
    // A scheme's administrator, who may define the scheme's own, is not the federation's.
    expect((await put([own], schemes[0]!.token)).status).toBe(403);
    // Emptied, the list is gone.
    expect((await put([])).body.items).toEqual([]);
  });

  it("exports a scheme's indicators for DHIS2 and as an exchange file", async () => {
    const token = schemes[0]!.token;
    const dhis2 = await t.call(
      'GET',
      '/api/v1/indicators/dhis2?codes=members&from=2026-01&to=2026-01&orgUnit=KH-FEDA',
      { token },
    );
    expect(dhis2.body.dataValues).toEqual([
      { dataElement: 'members', period: '202601', orgUnit: 'KH-FEDA', value: '3' },
      { dataElement: 'members_num', period: '202601', orgUnit: 'KH-FEDA', value: '3' },
      { dataElement: 'members_den', period: '202601', orgUnit: 'KH-FEDA', value: '1' },
    ]);
    const file = await t.call('GET', '/api/v1/indicators/exchange?codes=members&from=2026-01&to=2026-01', { token });
    expect(file.body).toMatchObject({
      format: 'riskpool-indicators/1',
      scheme: { name: 'Scheme FEDA' },
      periods: ['2026-01'],
    });
  });
});
