import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { engines } from '../../../test/engines.js';
import { PASSWORD, testApp, type TestApp } from '../../../test/app.js';
import { garmentProduct } from '../../../test/fixtures.js';

/** Seed 000: where the desk has no computer, any phone texts the member's number and gets the answer. */
describe.each(engines)('SMS checks on %s', (engine) => {
  let t: TestApp;
  let token: string;
  let gateway: string;
  let worker: { id: string; memberNumber: string };
  const FACILITY_PHONE = '+855 12 345 678';

  const post = async (url: string, body: unknown) => {
    const res = await t.call('POST', url, { token, body });
    if (res.status >= 300) throw new Error(`${url}: ${res.status} ${JSON.stringify(res.body)}`);
    return res.body;
  };
  const text = async (from: string, message: string) => {
    const res = await t.call('POST', '/api/v1/sms/inbound', {
      token: gateway,
      body: { from, to: '1234', text: message, id: 'ATXid' },
    });
    expect(res.status).toBe(200);
    return res.body.message as string;
  };

  beforeAll(async () => {
    t = await testApp(engine);
    ({ token } = await t.scheme('SMS'));
    await post('/api/v1/facilities', {
      code: 'TKHC',
      name: 'Toul Kork Health Center',
      type: 'health_centre',
      ownership: 'public',
      phoneNumbers: ['012345678', '097000111'],
    });
    const product = await garmentProduct(post, { effectiveFrom: '2026-01-01' });
    const employer = await post('/api/v1/employers', { code: 'JAIWEI', name: 'Jai Wei', productId: product.id });
    worker = await post('/api/v1/members', {
      nameLatin: 'Sok Dara',
      sex: 'F',
      birthDate: '1990-01-01',
      employerId: employer.id,
      factoryCardNumber: '01-00042',
    });
    const month = new Date().toISOString().slice(0, 7);
    await post('/api/v1/declarations', { employerId: employer.id, period: month, lines: [{ memberId: worker.id }] });
    await post('/api/v1/payments', {
      method: 'cash',
      externalId: 'C1',
      amount: 160,
      currency: 'USD',
      paidOn: new Date().toISOString().slice(0, 10),
      employerId: employer.id,
    });
    const machine = await post('/api/v1/users', {
      username: 'wing-gateway',
      displayName: 'Gateway',
      roles: ['gateway'],
      isMachine: true,
    });
    gateway = (await post('/api/v1/api-tokens', { name: 'gateway', userId: machine.user.id })).token;
  });
  afterAll(() => t.close());

  it('answers a registered facility by member number, FID and NAME, in one SMS', async () => {
    const byNumber = await text(FACILITY_PHONE, ` ${worker.memberNumber.toLowerCase()} `);
    expect(byNumber).toMatch(new RegExp(`^${worker.memberNumber} SOK DARA: COVERED until \\d{4}-\\d{2}-\\d{2}\\.$`));
    expect(await text(FACILITY_PHONE, 'fid  jaiwei 01-00042')).toContain('SOK DARA: COVERED');
    expect(await text(FACILITY_PHONE, 'NAME sok daraa')).toContain('SOK DARA: COVERED');
    expect(await text(FACILITY_PHONE, 'fid 99-99999')).toBe('No member found for FID 99-99999.');
  });

  it('answers a wrong check digit as invalid, and garbage or a huge text with the help', async () => {
    const n = worker.memberNumber;
    const wrong = `${n.slice(0, -1)}${(Number(n.slice(-1)) + 1) % 10}`;
    expect(await text(FACILITY_PHONE, wrong)).toBe(`${wrong} is not a valid member number: check it and send again.`);
    for (const garbage of ['', '???', 'x'.repeat(10_000)])
      expect(await text(FACILITY_PHONE, garbage)).toMatch(/^Send the member number/);
  });

  it('tells a phone that is not a facility nothing about anyone', async () => {
    const reply = await text('+855 99 000 111', worker.memberNumber);
    expect(reply).toContain('not registered to a health facility');
    expect(reply).not.toContain('SOK');
  });

  it('takes the form fields gateways post, keeps every message, and slows a phone that sends too many', async () => {
    const res = await t.call('POST', '/api/v1/sms/inbound', {
      token: gateway,
      body: new URLSearchParams({
        from: FACILITY_PHONE,
        to: '1234',
        text: worker.memberNumber,
        date: '2026-11-23',
        id: 'AT1',
        linkId: 'L1',
      }).toString(),
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
    });
    expect(res.body.message).toContain('COVERED');
    let last = '';
    for (let i = 0; i < 12; i++) last = await text('+855 12 345 678', worker.memberNumber);
    expect(last).toBe('Too many messages: wait a minute and send again.');
    const log = await t.db.kysely.selectFrom('sms_message').select(['direction']).execute();
    expect(log.filter((m) => m.direction === 'in').length).toBe(log.filter((m) => m.direction === 'out').length);
    expect(log.length).toBeGreaterThanOrEqual(2 * 20);
  });

  it('refuses callers that are not gateways, and a body without a sender', async () => {
    await post('/api/v1/users', {
      username: 'desk',
      displayName: 'Desk',
      password: PASSWORD,
      roles: ['facility_agent'],
    });
    const desk = await t.login('desk');
    const res = await t.call('POST', '/api/v1/sms/inbound', { token: desk, body: { from: FACILITY_PHONE, text: 'x' } });
    expect(res.status).toBe(403);
    const bad = await t.call('POST', '/api/v1/sms/inbound', { token: gateway, body: { text: 'x' } });
    expect(bad.status).toBe(400);
    expect(bad.body.errors[0].field).toBe('from');
  });

  it('walks the USSD menu to the same answer, and closes on a wrong choice', async () => {
    const ussd = (text: string, phoneNumber = '+85597000111') =>
      t.call('POST', '/api/v1/ussd', {
        token: gateway,
        body: new URLSearchParams({ sessionId: 'S1', serviceCode: '*384*1#', phoneNumber, text }).toString(),
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
      });
    expect((await ussd('')).body).toMatch(/^CON Check cover by:\n1\. Member number/);
    expect((await ussd('1')).body).toBe('CON Enter the member number');
    const done = await ussd(`1*${worker.memberNumber}`);
    expect(done.body).toMatch(/^END .*SOK DARA: COVERED until/);
    expect((await ussd('2*JAIWEI 01-00042')).body).toMatch(/^END .*SOK DARA: COVERED/);
    expect((await ussd('7')).body).toBe('END Invalid choice. Dial again.');
    expect((await ussd(`1*${worker.memberNumber}`, '+85599000111')).body).toContain(
      'not registered to a health facility',
    );
  });
});
