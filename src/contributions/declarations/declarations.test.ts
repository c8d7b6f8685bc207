import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { engines } from '../../../test/engines.js';
import { testApp, type TestApp } from '../../../test/app.js';

describe.each(engines)('declarations and invoices on %s', (engine) => {
  let t: TestApp;
  let token: string;
  let other: string;
  let ruleId: string;
  const employers: Record<string, string> = {};
  const workers: Record<string, string> = {};

  const post = async (url: string, body: unknown, as = token) => {
    const res = await t.call('POST', url, { token: as, body });
    if (res.status >= 300) throw new Error(`${url}: ${res.status} ${JSON.stringify(res.body)}`);
    return res.body;
  };
  const declare = (employer: string, period: string, lines: object[], headers?: Record<string, string>) =>
    t.call('POST', '/api/v1/declarations', {
      token,
      body: { employerId: employers[employer], period, lines },
      headers,
    });
  const byNumber = (...names: string[]) => names.map((n) => ({ memberNumber: workers[n] }));

  beforeAll(async () => {
    t = await testApp(engine);
    ({ token } = await t.scheme('DEC'));
    ({ token: other } = await t.scheme('ODC'));
    const quantumId = (await post('/api/v1/employers', { code: 'QUANTUM', name: 'Quantum' })).id;
    const rule = await post('/api/v1/contribution-rules', {
      code: 'HIP',
      name: 'HIP',
      version: {
        effectiveFrom: '2011-01-01',
        definition: {
          kind: 'flat',
          period: 'month',
          amount: 160,
          employerShareBp: 5000,
          employersPayingAll: [quantumId],
        },
      },
    });
    ruleId = rule.id;
    const product = await post('/api/v1/products', {
      code: 'HIP',
      name: 'HIP',
      version: {
        effectiveFrom: '2011-01-01',
        definition: { covers: 'member', term: { kind: 'monthly' }, contributionRuleId: rule.id, categories: [] },
      },
    });
    await t.call('PATCH', `/api/v1/employers/${quantumId}`, { token, body: { productId: product.id } });
    employers.QUANTUM = quantumId;
    employers.JAIWEI = (await post('/api/v1/employers', { code: 'JAIWEI', name: 'Jai Wei', productId: product.id })).id;
    employers.NOPRODUCT = (await post('/api/v1/employers', { code: 'NOPROD', name: 'No product' })).id;
    for (const [name, employer] of [
      ['Sok Dara', 'JAIWEI'],
      ['Keo Sophea', 'JAIWEI'],
      ['Meas Navy', 'JAIWEI'],
      ['Ly Rotha', 'QUANTUM'],
    ] as const) {
      const m = await post('/api/v1/members', {
        nameLatin: name,
        sex: 'F',
        birthDate: '1990-01-01',
        employerId: employers[employer],
      });
      workers[name] = m.memberNumber;
    }
  });
  afterAll(() => t.close());

  it("invoices a factory's month, split between the workers and the factory", async () => {
    const res = await declare('JAIWEI', '2011-07', byNumber('Sok Dara', 'Keo Sophea', 'Meas Navy'));
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({
      period: '2011-07',
      version: 1,
      state: 'current',
      lineCount: 3,
      invoice: { currency: 'USD', amount: 480, memberPart: 240, employerPart: 240, payerParts: [], state: 'open' },
    });
    const lines = await t.call('GET', `/api/v1/declarations/${res.body.id}/lines`, { token });
    expect(lines.body.items[0]).toMatchObject({
      line: 1,
      memberNumber: workers['Sok Dara'],
      amount: 160,
      memberPart: 80,
      employerPart: 80,
    });
    const quantum = await declare('QUANTUM', '2011-07', byNumber('Ly Rotha'));
    expect(quantum.body.invoice).toMatchObject({ amount: 160, memberPart: 0, employerPart: 160 });
  });

  it('takes a correction as a new version, superseding the one before and its invoice', async () => {
    const res = await declare('JAIWEI', '2011-07', byNumber('Sok Dara', 'Keo Sophea'));
    expect(res.body).toMatchObject({ version: 2, state: 'current', invoice: { amount: 320 } });
    const invoices = await t.call('GET', `/api/v1/invoices?employerId=${employers.JAIWEI}`, { token });
    expect(invoices.body.items.map((i: { amount: number; state: string }) => [i.amount, i.state]).sort()).toEqual([
      [320, 'open'],
      [480, 'superseded'],
    ]);
    const declarations = await t.call('GET', `/api/v1/declarations?employerId=${employers.JAIWEI}&period=2011-07`, {
      token,
    });
    expect(declarations.body.items.map((d: { version: number; state: string }) => [d.version, d.state])).toEqual(
      expect.arrayContaining([
        [2, 'current'],
        [1, 'superseded'],
      ]),
    );
  });

  it('answers a retry with the same idempotency key with the first result, declaring nothing twice', async () => {
    const headers = { 'idempotency-key': 'payroll-2011-08-jaiwei' };
    const first = await declare('JAIWEI', '2011-08', byNumber('Sok Dara'), headers);
    const again = await declare('JAIWEI', '2011-08', byNumber('Sok Dara'), headers);
    expect([first.status, again.status]).toEqual([201, 200]);
    expect(again.body.id).toBe(first.body.id);
    const august = await t.call('GET', `/api/v1/declarations?employerId=${employers.JAIWEI}&period=2011-08`, { token });
    expect(august.body.items).toHaveLength(1);
  });

  it('prices by the rule version in force in the month, and takes payroll files', async () => {
    await post(`/api/v1/contribution-rules/${ruleId}/versions`, {
      effectiveFrom: '2018-01-01',
      definition: { kind: 'percent-of-wage', rateBp: 260, employerShareBp: 5000 },
    });
    const csv = [
      'member_number,wage,days_worked',
      `${workers['Sok Dara']},150,26`,
      `${workers['Keo Sophea']},182.50,22`,
    ].join('\n');
    const res = await t.call('POST', `/api/v1/declarations/csv?employerId=${employers.JAIWEI}&period=2018-02`, {
      token,
      body: csv,
      headers: { 'content-type': 'text/csv' },
    });
    expect(res.status).toBe(201);
    // 2.6 % of 150.00 is 3.90; of 182.50, 4.745, rounded to 4.75, whose half (2.375) the
    // factory pays rounded up, the worker the rest.
    expect(res.body.invoice).toMatchObject({ amount: 865, memberPart: 432, employerPart: 433 });
    const lines = (await t.call('GET', `/api/v1/declarations/${res.body.id}/lines`, { token })).body.items;
    expect(
      lines.map((l: { wage: number; daysWorked: number; amount: number }) => [l.wage, l.daysWorked, l.amount]),
    ).toEqual([
      [15_000, 26, 390],
      [18_250, 22, 475],
    ]);
  });

  it('refuses bad declarations, naming each wrong line, and records nothing', async () => {
    const fields = (res: { body: { errors?: { field: string }[] } }) => res.body.errors?.map((e) => e.field);
    const count = async () => (await t.call('GET', '/api/v1/declarations?limit=500', { token })).body.items.length;
    const before = await count();
    const wrongLines = await declare('JAIWEI', '2018-03', [
      { memberNumber: workers['Sok Dara'] },
      { memberNumber: workers['Ly Rotha'], wage: 10_000 },
      { memberNumber: 'DEC999999999', wage: 10_000 },
      { memberNumber: workers['Keo Sophea'], wage: 10_000 },
      { memberNumber: workers['Keo Sophea'], wage: 10_000 },
    ]);
    expect(wrongLines.status).toBe(400);
    expect(fields(wrongLines)).toEqual([
      'lines.0.wage',
      'lines.1.memberNumber',
      'lines.2.memberNumber',
      'lines.4.memberNumber',
    ]);
    const negative = await declare('JAIWEI', '2018-03', [{ memberNumber: workers['Sok Dara'], wage: -100 }]);
    expect(fields(negative)).toEqual(['lines.0.wage']);
    const future = await declare('JAIWEI', '2999-01', byNumber('Sok Dara'));
    expect(fields(future)).toEqual(['period']);
    const badMonth = await declare('JAIWEI', '2018-13', byNumber('Sok Dara'));
    expect(fields(badMonth)).toEqual(['period']);
    const tooEarly = await declare('JAIWEI', '2010-12', byNumber('Sok Dara'));
    expect(fields(tooEarly)).toEqual(['period']);
    const noProduct = await declare('NOPRODUCT', '2018-03', byNumber('Sok Dara'));
    expect(fields(noProduct)).toEqual(['employerId']);
    const unknown = await t.call('POST', '/api/v1/declarations', {
      token,
      body: { employerId: 'ghost', period: '2018-03', lines: byNumber('Sok Dara') },
    });
    expect(fields(unknown)).toEqual(['employerId']);
    const badCsv = await t.call('POST', `/api/v1/declarations/csv?employerId=${employers.JAIWEI}&period=2018-03`, {
      token,
      body: ['member_number,wage,days_worked', `${workers['Sok Dara']},abc,40`].join('\n'),
      headers: { 'content-type': 'text/csv' },
    });
    expect(badCsv.status).toBe(400);
    expect(badCsv.body.errors.map((e: { field: string; reason: string }) => e.reason)).toEqual([
      'line 2: must be an amount such as 150 or 150.50',
      'line 2: must be a whole number of days from 0 to 31',
    ]);
    expect(await count()).toBe(before);
  });

  it("keeps one scheme's declarations and invoices from another", async () => {
    const mine = (await t.call('GET', '/api/v1/declarations', { token })).body.items[0];
    expect((await t.call('GET', `/api/v1/declarations/${mine.id}`, { token: other })).status).toBe(404);
    expect((await t.call('GET', `/api/v1/invoices/${mine.invoice.id}`, { token: other })).status).toBe(404);
    expect((await t.call('GET', '/api/v1/invoices', { token: other })).body.items).toEqual([]);
    const theirs = await t.call('POST', '/api/v1/declarations', {
      token: other,
      body: { employerId: employers.JAIWEI, period: '2018-03', lines: byNumber('Sok Dara') },
    });
    expect(theirs.status).toBe(400);
  });
});
