import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { engines } from '../../../test/engines.js';
import { PASSWORD, testApp, type TestApp } from '../../../test/app.js';
import { garmentProduct, paidMonth } from '../../../test/fixtures.js';
import { visitNumber } from './service.js';

/** Seed 000's desk: the agent checks the member in, and the visit number goes on the form and the claim. */
describe.each(engines)('check-in at the desk on %s', (engine) => {
  let t: TestApp;
  let admin: string;
  let agent: string;
  let other: string;
  let facilityId: string;
  let worker: { id: string; memberNumber: string };
  let unpaid: { id: string };

  const post = async (url: string, body: unknown, as = admin) => {
    const res = await t.call('POST', url, { token: as, body });
    if (res.status >= 300) throw new Error(`${url}: ${res.status} ${JSON.stringify(res.body)}`);
    return res.body;
  };

  beforeAll(async () => {
    t = await testApp(engine);
    ({ token: admin } = await t.scheme('VIS'));
    ({ token: other } = await t.scheme('OVI'));
    const product = await garmentProduct(post, {
      effectiveFrom: '2026-01-01',
      grace: { paymentDays: 10 },
      categories: [
        { category: 'consultation', covered: true },
        { category: 'delivery', covered: true, waitingDays: 270 },
      ],
    });
    const employer = await post('/api/v1/employers', { code: 'JAIWEI', name: 'Jai Wei', productId: product.id });
    worker = await post('/api/v1/members', {
      nameLatin: 'Sok Dara',
      sex: 'F',
      birthDate: '1990-01-01',
      employerId: employer.id,
    });
    unpaid = await post('/api/v1/members', { nameLatin: 'Keo Lina', sex: 'F', birthDate: '1992-02-02' });
    await paidMonth(post, employer.id, [{ memberId: worker.id }], '2026-02', '2026-02-03', 'B1');
    facilityId = (
      await post('/api/v1/facilities', { code: 'TKHC', name: 'Toul Kork', type: 'health_centre', ownership: 'public' })
    ).id;
    await post('/api/v1/users', {
      username: 'desk.vis',
      displayName: 'Desk',
      password: PASSWORD,
      roles: ['facility_agent'],
    });
    agent = await t.login('desk.vis');
  });
  afterAll(() => t.close());

  it('numbers visits by facility, day and count', () => {
    expect(visitNumber('TKHC', '2026-02-15', 7)).toBe('TKHC-260215-007');
  });

  it('records the visit of a covered member once, however often the button is pressed', async () => {
    const body = { memberId: worker.id, facilityId, date: '2026-02-15', category: 'consultation' };
    const first = await t.call('POST', '/api/v1/visits', { token: agent, body });
    expect(first.status).toBe(201);
    expect(first.body).toMatchObject({
      number: 'TKHC-260215-001',
      memberNumber: worker.memberNumber,
      nameLatin: 'Sok Dara',
      facilityName: 'Toul Kork',
      visitedOn: '2026-02-15',
      category: 'consultation',
      coveredUntil: '2026-02-28',
      checkedInBy: 'desk.vis',
    });
    const again = await t.call('POST', '/api/v1/visits', { token: agent, body });
    expect(again.status).toBe(200);
    expect(again.body.id).toBe(first.body.id);
    const plain = await t.call('POST', '/api/v1/visits', { token: agent, body: { ...body, category: undefined } });
    expect(plain.status).toBe(201);
    expect(plain.body.number).toBe('TKHC-260215-002');

    const listed = await t.call('GET', `/api/v1/visits?facilityId=${facilityId}&date=2026-02-15`, { token: agent });
    expect(listed.body.items.map((v: { number: string }) => v.number)).toEqual(['TKHC-260215-001', 'TKHC-260215-002']);
    expect((await t.call('GET', `/api/v1/visits/${first.body.id}`, { token: agent })).body.number).toBe(
      'TKHC-260215-001',
    );
    expect((await t.call('GET', `/api/v1/visits/${first.body.id}`, { token: other })).status).toBe(404);
  });

  it('refuses a member not covered that day, or not yet for the care asked, and records nothing', async () => {
    const notCovered = await t.call('POST', '/api/v1/visits', {
      token: agent,
      body: { memberId: unpaid.id, facilityId, date: '2026-02-15' },
    });
    expect(notCovered.status).toBe(409);
    expect(notCovered.body.errors[0]).toMatchObject({
      field: 'memberId',
      reason: expect.stringMatching(/not covered/),
    });
    const waiting = await t.call('POST', '/api/v1/visits', {
      token: agent,
      body: { memberId: worker.id, facilityId, date: '2026-02-16', category: 'delivery' },
    });
    expect(waiting.status).toBe(409);
    expect(waiting.body.errors[0]).toMatchObject({
      field: 'category',
      reason: expect.stringMatching(/waiting period/),
    });
    const lapsed = await t.call('POST', '/api/v1/visits', {
      token: agent,
      body: { memberId: worker.id, facilityId, date: '2026-04-20' },
    });
    expect(lapsed.status).toBe(409);
    const byMember = await t.call('GET', `/api/v1/visits?memberId=${unpaid.id}`, { token: agent });
    expect(byMember.body.items).toEqual([]);
  });

  it('keeps the card shown with the visit', async () => {
    const card = await post(`/api/v1/members/${worker.id}/cards`, {});
    const visit = await t.call('POST', '/api/v1/visits', {
      token: agent,
      body: { memberId: worker.id, facilityId, date: '2026-02-20', card: card.code },
    });
    expect(visit.status).toBe(201);
    expect(visit.body.cardId).toBe(card.id);
    const wrongCard = await t.call('POST', '/api/v1/visits', {
      token: agent,
      body: { memberId: unpaid.id, facilityId, date: '2026-02-20', card: card.code },
    });
    expect(wrongCard.status).toBe(400);
    expect(wrongCard.body.errors[0].field).toBe('card');
  });

  it('answers bad input with the field and the reason', async () => {
    for (const [body, field] of [
      [{ memberId: worker.id, facilityId: 'nowhere' }, 'facilityId'],
      [{ memberId: 'nobody', facilityId }, 'memberId'],
      [{ memberId: worker.id, facilityId, date: '2999-01-01' }, 'date'],
      [{ memberId: worker.id, facilityId, category: 'flying' }, 'category'],
    ] as const) {
      const res = await t.call('POST', '/api/v1/visits', { token: agent, body });
      expect(res.status, JSON.stringify(body)).toBe(400);
      expect(res.body.errors[0].field).toBe(field);
    }
    expect((await t.call('GET', '/api/v1/visits', { token: agent })).status).toBe(400);
    expect(
      (await t.call('POST', '/api/v1/visits', { token: other, body: { memberId: worker.id, facilityId } })).status,
    ).toBe(400);
  });
});
