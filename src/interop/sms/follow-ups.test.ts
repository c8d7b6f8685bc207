import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { smsRelay } from '../../../test/sms-relay.js';
import { engines } from '../../../test/engines.js';
import { testApp, type TestApp } from '../../../test/app.js';
import { garmentProduct, QUIET_POLICY, paidMonth } from '../../../test/fixtures.js';
import { parseSms } from './grammar.js';
import { followUpQuestion, smsEncoding } from './reply.js';

describe('the follow-up question and answer', () => {
  it('reads an answer in English, French or Vietnamese letters, and nothing else as one', () => {
    expect(parseSms('y n y 4')).toEqual({
      kind: 'follow-up',
      careGiven: true,
      askedToPay: false,
      medicines: true,
      rating: 4,
    });
    expect(parseSms('O, O, N, 1')).toMatchObject({ careGiven: true, askedToPay: true, medicines: false, rating: 1 });
    expect(parseSms('C K C 5')).toMatchObject({ kind: 'follow-up', askedToPay: false });
    expect(parseSms('Y N Y 6').kind).toBe('help');
    expect(parseSms('Y N 4').kind).toBe('help');
  });

  it('asks in one text of plain letters in English and French', () => {
    for (const lang of ['en', 'fr'] as const) {
      const q = followUpQuestion(lang, 'Chamkarmorn Referral Hospital with a very long name indeed', '2026-02-10');
      expect(smsEncoding(q)).toBe('gsm7');
      expect(q.length).toBeLessThanOrEqual(160);
    }
  });
});

describe.each(engines)('members asked about the care claimed for, on %s', (engine) => {
  let t: TestApp;
  let admin: string;
  let gateway: string;
  const phone = smsRelay();
  let worker: { id: string; memberNumber: string };
  let hospital: { id: string };

  const post = async (url: string, body: unknown, as = admin) => {
    const res = await t.call('POST', url, { token: as, body });
    if (res.status >= 300) throw new Error(`${url}: ${res.status} ${JSON.stringify(res.body)}`);
    return res.body;
  };
  const text = (from: string, body: string) =>
    t.call('POST', '/api/v1/sms/inbound', { token: gateway, body: { from, text: body } });

  beforeAll(async () => {
    const url = await phone.start();
    t = await testApp(engine, { RISKPOOL_SMS_GATEWAY: 'http', RISKPOOL_SMS_URL: url });
    ({ token: admin } = await t.scheme('FUP'));
    const product = await garmentProduct(post, {
      effectiveFrom: '2026-01-01',
      categories: [{ category: 'consultation', covered: true }],
    });
    const employer = await post('/api/v1/employers', { code: 'JAIWEI', name: 'Jai Wei', productId: product.id });
    worker = await post('/api/v1/members', {
      nameLatin: 'Sok Dara',
      sex: 'F',
      birthDate: '1990-01-01',
      employerId: employer.id,
      phone: '+855 12 345 678',
    });
    await paidMonth(post, employer.id, [{ memberId: worker.id }], '2026-02', '2026-02-01', 'B1');
    hospital = await post('/api/v1/facilities', {
      code: 'CKM',
      name: 'Chamkarmorn Referral Hospital',
      type: 'referral_hospital',
      ownership: 'public',
    });
    await post('/api/v1/contracts', {
      facilityId: hospital.id,
      startsOn: '2009-08-01',
      categories: [{ category: 'consultation', mechanism: 'lump_sum', amountPerMonth: 100_000 }],
    });
    await t.call('PUT', '/api/v1/claim-policy', {
      token: admin,
      body: { ...QUIET_POLICY, followUpShareBp: 10_000 },
    });
    const machine = await post('/api/v1/users', {
      username: 'gateway.fup',
      displayName: 'Gateway',
      roles: ['gateway'],
      isMachine: true,
    });
    gateway = (await post('/api/v1/api-tokens', { name: 'gateway', userId: machine.user.id })).token;
  });
  afterAll(async () => {
    await t.close();
    await phone.stop();
  });

  it('draws the member of a claim, asks them by SMS, and keeps their answer as a concern for customer care', async () => {
    const claim = await post('/api/v1/claims', {
      facilityId: hospital.id,
      externalId: 'F-1',
      memberNumber: worker.memberNumber,
      category: 'consultation',
      admittedOn: '2026-02-10',
      claimed: 500,
    });
    const drawn = await t.call('GET', '/api/v1/claim-follow-ups?state=drawn', { token: admin });
    expect(drawn.body.items.map((f: { claimId: string }) => f.claimId)).toEqual([claim.id]);

    const sent = await post('/api/v1/claim-follow-ups/send', {});
    expect(sent).toEqual({ sent: 1, failed: 0, failures: [] });
    expect(phone.received).toEqual([
      { to: '+85512345678', text: expect.stringContaining('Chamkarmorn Referral Hospital on 2026-02-10') },
    ]);
    expect((await post('/api/v1/claim-follow-ups/send', {})).sent).toBe(0);

    // Care given, but asked to pay, no medicines, a rating of 2.
    const answer = await text('012345678', 'Y Y N 2');
    expect(answer.body.message).toMatch(/^Thank you/);
    const concerns = await t.call('GET', '/api/v1/claim-follow-ups?concern=true', { token: admin });
    expect(concerns.body.items).toEqual([
      expect.objectContaining({
        claimId: claim.id,
        state: 'answered',
        answer: { careGiven: true, askedToPay: true, medicines: false, rating: 2 },
        concern: true,
      }),
    ]);
    // The concern is a ticket for customer care, on the claim, in the category the answer points to.
    const tickets = await t.call('GET', '/api/v1/tickets', { token: admin });
    expect(tickets.body.items).toEqual([
      expect.objectContaining({
        channel: 'follow_up',
        category: 'asked_to_pay',
        claim: { id: claim.id, number: claim.number },
        member: expect.objectContaining({ id: worker.id }),
        facility: expect.objectContaining({ id: hospital.id }),
        description: expect.stringContaining('was asked to pay, did not get the medicines, rated the care 2 of 5'),
      }),
    ]);
    // Asked nothing more, the phone's next answer is just a text from a stranger.
    expect((await text('012345678', 'Y N Y 5')).body.message).toMatch(/not registered to a health facility/);
  });
});
