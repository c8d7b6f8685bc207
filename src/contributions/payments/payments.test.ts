import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { engines } from '../../../test/engines.js';
import { testApp, type TestApp } from '../../../test/app.js';
import { signature } from './channels.js';

describe.each(engines)('payments on %s', (engine) => {
  let t: TestApp;
  let token: string;
  let other: string;
  let productId: string;
  let govId: string;
  const employers: Record<string, string> = {};
  const workers: Record<string, { id: string; number: string }> = {};
  let seq = 0;

  const post = async (url: string, body: unknown, as = token) => {
    const res = await t.call('POST', url, { token: as, body });
    if (res.status >= 300) throw new Error(`${url}: ${res.status} ${JSON.stringify(res.body)}`);
    return res.body;
  };
  const pay = (body: object, as = token) =>
    t.call('POST', '/api/v1/payments', {
      token: as,
      body: { method: 'bank_transfer', externalId: `TX${++seq}`, currency: 'USD', paidOn: '2026-03-10', ...body },
    });
  const declare = (employer: string, period: string, names: string[]) =>
    post('/api/v1/declarations', {
      employerId: employers[employer],
      period,
      lines: names.map((n) => ({ memberNumber: workers[n]!.number })),
    });
  const coverage = async (name: string) =>
    (await t.call('GET', `/api/v1/members/${workers[name]!.id}/coverage?date=2026-03-31`, { token })).body.periods.map(
      (p: { startsOn: string; paidOn: string | null }) => [p.startsOn, p.paidOn],
    );

  beforeAll(async () => {
    t = await testApp(engine);
    ({ token } = await t.scheme('PAY'));
    ({ token: other } = await t.scheme('OPY'));
    govId = (await post('/api/v1/payers', { code: 'GOV', name: 'Government', kind: 'government' })).id;
    const rule = await post('/api/v1/contribution-rules', {
      code: 'HIP',
      name: 'HIP',
      version: {
        effectiveFrom: '2026-01-01',
        definition: { kind: 'flat', period: 'month', amount: 160, employerShareBp: 5000, subsidies: [] },
      },
    });
    productId = (
      await post('/api/v1/products', {
        code: 'HIP',
        name: 'HIP',
        version: {
          effectiveFrom: '2026-01-01',
          definition: {
            covers: 'member',
            term: { kind: 'monthly' },
            grace: { paymentDays: 15 },
            contributionRuleId: rule.id,
            categories: [],
          },
        },
      })
    ).id;
    employers.JAIWEI = (await post('/api/v1/employers', { code: 'JAIWEI', name: 'Jai Wei', productId })).id;
    employers.PCCS = (await post('/api/v1/employers', { code: 'PCCS', name: 'PCCS', productId })).id;
    for (const [name, employer] of [
      ['Sok Dara', 'JAIWEI'],
      ['Keo Sophea', 'JAIWEI'],
      ['Ly Rotha', 'PCCS'],
    ] as const) {
      const m = await post('/api/v1/members', {
        nameLatin: name,
        sex: 'F',
        birthDate: '1990-01-01',
        employerId: employers[employer],
      });
      workers[name] = { id: m.id, number: m.memberNumber };
    }
    await declare('JAIWEI', '2026-01', ['Sok Dara', 'Keo Sophea']);
    await declare('JAIWEI', '2026-02', ['Sok Dara', 'Keo Sophea']);
  });
  afterAll(() => t.close());

  it('applies a payment to the oldest month first and marks the months it settles paid', async () => {
    const res = await pay({ employerId: employers.JAIWEI, amount: 400 });
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({
      state: 'applied',
      unapplied: 0,
      duplicate: false,
      allocations: [
        { period: '2026-01', amount: 320, payerId: null },
        { period: '2026-02', amount: 80, payerId: null },
      ],
    });
    expect(await coverage('Sok Dara')).toEqual([
      ['2026-01-01', '2026-03-10'],
      ['2026-02-01', null],
    ]);
    const arrears = await t.call('GET', '/api/v1/arrears/employers', { token });
    expect(arrears.body.items).toEqual([
      expect.objectContaining({
        employerCode: 'JAIWEI',
        total: 240,
        months: [{ period: '2026-02', owed: 240, paid: 80 }],
      }),
    ]);
    const member = await t.call('GET', `/api/v1/members/${workers['Sok Dara']!.id}/arrears`, { token });
    expect(member.body.months).toEqual([
      { period: '2026-02', employerId: employers.JAIWEI, contribution: 160, state: 'part-paid' },
    ]);
  });

  it('answers the same transaction twice as a duplicate and applies it once', async () => {
    const body = {
      method: 'mobile_money',
      externalId: 'WING-77',
      amount: 240,
      currency: 'USD',
      paidOn: '2026-03-11',
      reference: 'JAIWEI',
    };
    const first = await t.call('POST', '/api/v1/payments', { token, body });
    const second = await t.call('POST', '/api/v1/payments', { token, body });
    expect(first.status).toBe(201);
    expect(second.status).toBe(200);
    expect(second.body).toMatchObject({ id: first.body.id, duplicate: true });
    const allocated = await t.db.kysely
      .selectFrom('allocation')
      .select('id')
      .where('payment_id', '=', first.body.id)
      .execute();
    expect(allocated).toHaveLength(1);
    expect(await coverage('Keo Sophea')).toEqual([
      ['2026-01-01', '2026-03-10'],
      ['2026-02-01', '2026-03-11'],
    ]);
    const changed = await t.call('POST', '/api/v1/payments', { token, body: { ...body, amount: 999 } });
    expect(changed.status).toBe(409);
    expect(changed.body.errors[0]).toMatchObject({ field: 'externalId' });
  });

  it('keeps an overpayment as a credit that pays the next month declared', async () => {
    const res = await pay({ employerId: employers.PCCS, amount: 500 });
    expect(res.body).toMatchObject({ unapplied: 500, allocations: [] });
    await declare('PCCS', '2026-03', ['Ly Rotha']);
    const after = await t.call('GET', `/api/v1/payments/${res.body.id}`, { token });
    expect(after.body).toMatchObject({ unapplied: 340, allocations: [{ period: '2026-03', amount: 160 }] });
    expect(await coverage('Ly Rotha')).toEqual([['2026-03-01', '2026-03-10']]);
  });

  it('puts a payment nobody matches in suspense until a person assigns it', async () => {
    await declare('JAIWEI', '2026-03', ['Sok Dara']);
    const res = await pay({ amount: 160, reference: 'salary march??' });
    expect(res.body).toMatchObject({
      state: 'suspense',
      suspenseReason: expect.stringContaining('nobody'),
      allocations: [],
    });
    const list = await t.call('GET', '/api/v1/payments?state=suspense', { token });
    expect(list.body.items.map((p: { id: string }) => p.id)).toEqual([res.body.id]);
    const assigned = await t.call('POST', `/api/v1/payments/${res.body.id}/assign`, {
      token,
      body: { employerId: employers.JAIWEI },
    });
    expect(assigned.status).toBe(200);
    expect(assigned.body).toMatchObject({ state: 'applied', allocations: [{ period: '2026-03', amount: 160 }] });
    const again = await t.call('POST', `/api/v1/payments/${res.body.id}/assign`, {
      token,
      body: { employerId: employers.JAIWEI },
    });
    expect(again.status).toBe(409);
    const audit = await t.db.kysely
      .selectFrom('audit_entry')
      .select('action')
      .where('entity_id', '=', res.body.id)
      .execute();
    expect(audit.map((a) => a.action).sort()).toEqual(['assign', 'create']);
  });

  it('refuses another currency, an unknown employer or payer, a future date, and records nothing', async () => {
    const before = await t.db.kysely.selectFrom('payment').select('id').execute();
    const cases: [object, string][] = [
      [{ employerId: employers.JAIWEI, amount: 100, currency: 'KHR' }, 'currency'],
      [{ employerId: 'nobody', amount: 100 }, 'employerId'],
      [{ payerId: 'nobody', amount: 100 }, 'payerId'],
      [{ employerId: employers.JAIWEI, amount: 100, paidOn: '2999-01-01' }, 'paidOn'],
      [{ employerId: employers.JAIWEI, amount: -5 }, 'amount'],
      [{ employerId: employers.JAIWEI, payerId: govId, amount: 5 }, 'employerId'],
    ];
    for (const [body, field] of cases) {
      const res = await pay(body);
      expect(res.status, field).toBe(400);
      expect(res.body.errors[0].field).toBe(field);
    }
    expect(await t.db.kysely.selectFrom('payment').select('id').execute()).toHaveLength(before.length);
  });

  it("applies a payer's payment to its subsidies, and lists what it paid for whom", async () => {
    const rule = await post('/api/v1/contribution-rules', {
      code: 'SUBSIDISED',
      name: 'Subsidised',
      version: {
        effectiveFrom: '2026-01-01',
        definition: {
          kind: 'flat',
          period: 'month',
          amount: 200,
          employerShareBp: 5000,
          subsidies: [{ payerId: govId, shareBp: 5000 }],
        },
      },
    });
    const product = await post('/api/v1/products', {
      code: 'SUB',
      name: 'Subsidised',
      version: {
        effectiveFrom: '2026-01-01',
        definition: { covers: 'member', term: { kind: 'monthly' }, contributionRuleId: rule.id, categories: [] },
      },
    });
    employers.SUBS = (
      await post('/api/v1/employers', { code: 'SUBS', name: 'Subsidised factory', productId: product.id })
    ).id;
    const m = await post('/api/v1/members', {
      nameLatin: 'Chan Sreymom',
      sex: 'F',
      birthDate: '1991-01-01',
      employerId: employers.SUBS,
    });
    workers['Chan Sreymom'] = { id: m.id, number: m.memberNumber };
    const d = await declare('SUBS', '2026-02', ['Chan Sreymom']);
    expect(d.invoice.payerParts).toEqual([{ payerId: govId, amount: 50 }]);
    const res = await pay({ reference: 'GOV', amount: 80 });
    expect(res.body).toMatchObject({
      payerId: govId,
      unapplied: 30,
      allocations: [{ employerId: employers.SUBS, period: '2026-02', payerId: govId, amount: 50 }],
    });
    const listed = await t.call('GET', `/api/v1/payments?payerId=${govId}`, { token });
    expect(listed.body.items.map((p: { id: string }) => p.id)).toEqual([res.body.id]);
    // The subsidy paid does not pay the factory's own part: the month is not settled.
    expect(await coverage('Chan Sreymom')).toEqual([['2026-02-01', null]]);
  });

  it("keeps one scheme's payments from another's users", async () => {
    const mine = await pay({ employerId: employers.JAIWEI, amount: 10 });
    expect((await t.call('GET', `/api/v1/payments/${mine.body.id}`, { token: other })).status).toBe(404);
    expect((await t.call('GET', '/api/v1/payments', { token: other })).body.items).toEqual([]);
    const theirs = await pay({ employerId: employers.JAIWEI, amount: 10 }, other);
    expect(theirs.status).toBe(400);
  });

  describe('signed notifications', () => {
    let channel: { id: string; secret: string };
    const notify = (body: object, opts: { secret?: string; at?: number } = {}) => {
      const text = JSON.stringify(body);
      const ts = String(opts.at ?? Math.floor(Date.now() / 1000));
      return t.call('POST', `/api/v1/payment-notifications/${channel.id}`, {
        body: text,
        headers: {
          'content-type': 'application/json',
          'x-riskpool-timestamp': ts,
          'x-riskpool-signature': signature(opts.secret ?? channel.secret, ts, text),
        },
      });
    };

    beforeAll(async () => {
      channel = await post('/api/v1/payment-channels', { name: 'Wing', method: 'mobile_money' });
    });

    it('takes a signed notification, applies it by its reference, and a repeat once', async () => {
      await declare('PCCS', '2026-04', ['Ly Rotha']);
      const body = { transactionId: 'W-1', amount: 160, currency: 'USD', paidOn: '2026-03-12', reference: 'PCCS' };
      const res = await notify(body);
      expect(res.status).toBe(201);
      expect(res.body).toMatchObject({ method: 'mobile_money', employerId: employers.PCCS, state: 'applied' });
      expect((await notify(body)).body).toMatchObject({ id: res.body.id, duplicate: true });
      const entry = await t.db.kysely
        .selectFrom('audit_entry')
        .select('username')
        .where('entity_id', '=', res.body.id)
        .executeTakeFirst();
      expect(entry?.username).toBe('channel:Wing');
    });

    it('refuses a wrong signature, an old timestamp, and a closed channel', async () => {
      const body = { transactionId: 'W-2', amount: 160, currency: 'USD', paidOn: '2026-03-12', reference: 'PCCS' };
      expect((await notify(body, { secret: 'guess' })).status).toBe(401);
      // Unsigned, even a wrong body is refused as unsigned: its checks are for signed callers.
      expect((await notify({ amount: 'lots' }, { secret: 'guess' })).status).toBe(401);
      expect((await notify(body, { at: Math.floor(Date.now() / 1000) - 3600 })).status).toBe(401);
      const bad = await notify({ ...body, amount: 'lots' });
      expect(bad.status).toBe(400);
      expect(bad.body.errors[0].field).toBe('amount');
      await post(`/api/v1/payment-channels/${channel.id}/close`, {});
      expect((await notify(body)).status).toBe(401);
      expect(await t.db.kysely.selectFrom('payment').select('id').where('external_id', '=', 'W-2').execute()).toEqual(
        [],
      );
    });
  });
});
