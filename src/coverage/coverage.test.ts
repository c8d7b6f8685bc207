import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { engines } from '../../test/engines.js';
import { testApp, type TestApp } from '../../test/app.js';
import { garmentProduct } from '../../test/fixtures.js';
import { expectedRows } from './rebuild.js';

/** Seed 000: a garment factory's workers, covered month by month as the factory pays. */
describe.each(engines)('coverage on %s', (engine) => {
  let t: TestApp;
  let token: string;
  let schemeId: string;
  let employerId: string;
  const workers: { id: string; number: string }[] = [];

  const post = async (url: string, body: unknown) => {
    const res = await t.call('POST', url, { token, body });
    if (res.status >= 300) throw new Error(`${url}: ${res.status} ${JSON.stringify(res.body)}`);
    return res.body;
  };
  const coverage = async (i: number, date: string) =>
    (await t.call('GET', `/api/v1/members/${workers[i]!.id}/coverage?date=${date}`, { token })).body;
  const allRows = () =>
    t.db.kysely
      .selectFrom('coverage_period')
      .selectAll()
      .where('scheme_id', '=', schemeId)
      .orderBy('member_id')
      .orderBy('starts_on')
      .orderBy('source')
      .execute();

  beforeAll(async () => {
    t = await testApp(engine);
    ({ token, schemeId } = await t.scheme('CVG'));
    const product = await garmentProduct(post, {
      name: 'HIP garment workers',
      effectiveFrom: '2026-01-01',
      grace: { paymentDays: 10 },
    });
    employerId = (await post('/api/v1/employers', { code: 'JAIWEI', name: 'Jai Wei', productId: product.id })).id;
    for (const name of ['Sok Dara', 'Keo Sophea']) {
      const m = await post('/api/v1/members', { nameLatin: name, sex: 'F', birthDate: '1990-01-01', employerId });
      workers.push({ id: m.id, number: m.memberNumber });
    }
    const both = workers.map((w) => ({ memberNumber: w.number }));
    await post('/api/v1/declarations', { employerId, period: '2026-01', lines: both });
    await post('/api/v1/declarations', { employerId, period: '2026-02', lines: both });
    await post('/api/v1/declarations', { employerId, period: '2026-03', lines: both });
    // January paid on time, February late, March never.
    await post('/api/v1/payments', {
      method: 'bank_transfer',
      externalId: 'B1',
      amount: 320,
      currency: 'USD',
      paidOn: '2026-01-08',
      employerId,
    });
    await post('/api/v1/payments', {
      method: 'bank_transfer',
      externalId: 'B2',
      amount: 320,
      currency: 'USD',
      paidOn: '2026-02-20',
      employerId,
    });
    // A correction of March drops Keo Sophea from it.
    await post('/api/v1/declarations', { employerId, period: '2026-03', lines: both.slice(0, 1) });
  });
  afterAll(() => t.close());

  it('shows each month with its state on the day asked, and why', async () => {
    const early = await coverage(0, '2026-02-05');
    expect(early).toMatchObject({ covered: true, state: 'in_grace', coveredSince: '2026-01-01' });
    expect(early.periods.map((p: { state: string }) => p.state)).toEqual(['ended', 'in_grace', 'waiting']);
    expect(early.periods[1]).toMatchObject({
      productName: 'HIP garment workers',
      reason: { code: 'payment-grace', until: '2026-02-10' },
    });
    const gap = await coverage(0, '2026-02-15');
    expect(gap).toMatchObject({ covered: false, state: 'suspended' });
    expect(gap.periods[1].reason).toEqual({ code: 'unpaid', since: '2026-02-11' });
    const restored = await coverage(0, '2026-02-21');
    expect(restored).toMatchObject({ covered: true, state: 'active', coveredSince: '2026-01-01' });
    const later = await coverage(0, '2026-04-15');
    expect(later).toMatchObject({ covered: false, state: 'lapsed' });
  });

  it("drops a worker's month when a correction takes them off the declaration", async () => {
    const c = await coverage(1, '2026-03-05');
    expect(c.periods.map((p: { startsOn: string }) => p.startsOn)).toEqual(['2026-01-01', '2026-02-01']);
    expect(c).toMatchObject({ covered: false, state: 'ended' });
  });

  it('rebuilds from the money alone exactly what was kept as it went, and a run twice writes the same', async () => {
    const kept = await allRows();
    for (const w of workers) {
      const expected = await expectedRows(t.db.kysely, { schemeId, areaPaths: [] }, w.id);
      const own = kept.filter((r) => r.member_id === w.id);
      expect(expected).toEqual(own);
    }
    const settled = () =>
      t.db.kysely
        .selectFrom('invoice')
        .select(['id', 'settled_on'])
        .where('scheme_id', '=', schemeId)
        .orderBy('id')
        .execute();
    const settledBefore = await settled();
    expect(settledBefore.filter((i) => i.settled_on).length).toBe(2);
    await t.db.kysely.updateTable('invoice').set({ settled_on: null }).where('scheme_id', '=', schemeId).execute();
    await t.db.kysely.deleteFrom('coverage_period').where('scheme_id', '=', schemeId).execute();
    for (const period of ['2026-01', '2026-02', '2026-03']) {
      const res = await t.call('POST', '/api/v1/coverage/runs?wait=true', { token, body: { period } });
      expect(res.status).toBe(200);
      expect(res.body).toMatchObject({ state: 'done', period });
    }
    expect(await allRows()).toEqual(kept);
    expect(await settled()).toEqual(settledBefore);
    // A month's rows gone wrong are put right by its run, and only its.
    await t.db.kysely
      .updateTable('coverage_period')
      .set({ grace_days: 99 })
      .where('starts_on', '=', '2026-03-01')
      .execute();
    const again = await t.call('POST', '/api/v1/coverage/runs?wait=true', { token, body: { period: '2026-03' } });
    expect(again.body.result).toEqual({ invoices: 1, settled: 0, members: 1, paidMembers: 0 });
    expect(await allRows()).toEqual(kept);
  });

  it('refuses a month that is not one, and answers an unknown member as not found', async () => {
    const bad = await t.call('POST', '/api/v1/coverage/runs', { token, body: { period: '2026-13' } });
    expect(bad.status).toBe(400);
    expect(bad.body.errors[0].field).toBe('period');
    expect((await t.call('GET', '/api/v1/members/nobody/coverage', { token })).status).toBe(404);
    const date = await t.call('GET', `/api/v1/members/${workers[0]!.id}/coverage?date=2026-02-30`, { token });
    expect(date.status).toBe(400);
  });
});

/** Seed 001: a national scheme's worker covers their household: spouse, and children up to the age limit. */
describe.each(engines)("a household's cover through a worker's declaration on %s", (engine) => {
  let t: TestApp;
  let token: string;
  let schemeId: string;
  const people: Record<string, string> = {};

  const post = async (url: string, body: unknown) => {
    const res = await t.call('POST', url, { token, body });
    if (res.status >= 300) throw new Error(`${url}: ${res.status} ${JSON.stringify(res.body)}`);
    return res.body;
  };
  const periods = async (name: string) =>
    (await t.call('GET', `/api/v1/members/${people[name]}/coverage?date=2026-01-15`, { token })).body.periods.map(
      (p: { startsOn: string }) => p.startsOn,
    );

  beforeAll(async () => {
    t = await testApp(engine);
    ({ token, schemeId } = await t.scheme('HSH'));
    const rule = await post('/api/v1/contribution-rules', {
      code: 'NSSF',
      name: 'Percent of wage',
      version: {
        effectiveFrom: '2026-01-01',
        definition: { kind: 'percent-of-wage', rateBp: 260, wageFloor: null, wageCeiling: null, employerShareBp: 5000 },
      },
    });
    const product = await post('/api/v1/products', {
      code: 'FAMILY',
      name: 'Worker and family',
      version: {
        effectiveFrom: '2026-01-01',
        definition: {
          covers: 'household',
          dependants: { relations: ['spouse', 'child'], childMaxAge: 17 },
          term: { kind: 'monthly' },
          contributionRuleId: rule.id,
          categories: [],
        },
      },
    });
    const employerId = (await post('/api/v1/employers', { code: 'NSSF1', name: 'Factory', productId: product.id })).id;
    const worker = await post('/api/v1/members', {
      nameLatin: 'Sok Dara',
      sex: 'F',
      birthDate: '1988-01-01',
      employerId,
    });
    people.worker = worker.id;
    for (const [name, relation, birthDate] of [
      ['spouse', 'spouse', '1986-05-05'],
      ['young', 'child', '2016-02-02'],
      ['grown', 'child', '2005-03-03'],
    ] as const) {
      const m = await post('/api/v1/members', {
        nameLatin: `Sok ${name}`,
        sex: 'M',
        birthDate,
        relation,
        householdId: worker.householdId,
      });
      people[name] = m.id;
    }
    await post('/api/v1/declarations', {
      employerId,
      period: '2026-01',
      lines: [{ memberId: worker.id, wage: 20000 }],
    });
  });
  afterAll(() => t.close());

  it('covers the spouse and the young child with the worker, not the child past the age limit', async () => {
    expect(await periods('worker')).toEqual(['2026-01-01']);
    expect(await periods('spouse')).toEqual(['2026-01-01']);
    expect(await periods('young')).toEqual(['2026-01-01']);
    expect(await periods('grown')).toEqual([]);
  });

  it('rebuilds the household the same way, from the money alone', async () => {
    const kept = await t.db.kysely
      .selectFrom('coverage_period')
      .selectAll()
      .where('scheme_id', '=', schemeId)
      .execute();
    for (const id of Object.values(people)) {
      const expected = await expectedRows(t.db.kysely, { schemeId, areaPaths: [] }, id);
      expect(expected).toEqual(kept.filter((r) => r.member_id === id));
    }
    await t.db.kysely.deleteFrom('coverage_period').where('scheme_id', '=', schemeId).execute();
    const run = await t.call('POST', '/api/v1/coverage/runs?wait=true', { token, body: { period: '2026-01' } });
    expect(run.body.result).toMatchObject({ invoices: 1, members: 3 });
    const rebuilt = await t.db.kysely
      .selectFrom('coverage_period')
      .selectAll()
      .where('scheme_id', '=', schemeId)
      .execute();
    const key = (r: { member_id: string }) => r.member_id;
    expect(rebuilt.map(key).sort()).toEqual(kept.map(key).sort());
  });
});
