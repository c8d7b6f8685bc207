import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { engines } from '../../../test/engines.js';
import { testApp, PASSWORD, type TestApp } from '../../../test/app.js';

describe.each(engines)('costing premium collection over HTTP on %s', (engine) => {
  let t: TestApp;
  let admin: string;

  beforeAll(async () => {
    t = await testApp(engine);
    ({ token: admin } = await t.scheme('COST'));
  });
  afterAll(() => t.close());

  it('costs the Angkor Chum example as seed 003 does', async () => {
    const example = await t.call('GET', '/api/v1/costing/collection/example', { token: admin });
    expect(example.status).toBe(200);
    const res = await t.call('POST', '/api/v1/costing/collection', { token: admin, body: example.body });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ monthlyFixedCost: 168278, costPerPremium: 104, unitContributionMargin: 241 });
  });

  it('names the field and the reason of bad input', async () => {
    const example = (await t.call('GET', '/api/v1/costing/collection/example', { token: admin })).body;
    const bad = structuredClone(example);
    bad.fixedCosts[0].allocation = 1.5;
    bad.periods[0].months = 0;
    const res = await t.call('POST', '/api/v1/costing/collection', { token: admin, body: bad });
    expect(res.status).toBe(400);
    expect(res.body.errors.map((e: { field: string }) => e.field)).toEqual([
      'fixedCosts.0.allocation',
      'periods.0.months',
    ]);
    const garbage = await t.call('POST', '/api/v1/costing/collection', {
      token: admin,
      body: '{"currency":',
      headers: { 'content-type': 'application/json' },
    });
    expect(garbage.status).toBe(400);
  });

  it('is for those who read reports', async () => {
    await t.call('POST', '/api/v1/users', {
      token: admin,
      body: { username: 'desk.cost', displayName: 'Desk', password: PASSWORD, roles: ['facility_agent'] },
    });
    const desk = await t.login('desk.cost');
    expect((await t.call('GET', '/api/v1/costing/collection/example', { token: desk })).status).toBe(403);
  });
});
