import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { smsRelay } from '../../../test/sms-relay.js';
import { engines } from '../../../test/engines.js';
import { testApp, PASSWORD, type TestApp } from '../../../test/app.js';
import { systemActor } from '../../platform/audit/audit.js';
import { parseSms } from '../../interop/sms/grammar.js';
import { addHours, nextLevel } from './deadlines.js';
import { median, summarise } from './figures.js';
import { escalateOverdue } from './service.js';

describe('deadlines and figures, pure', () => {
  it('passes a ticket up to the top level and no further', () => {
    expect([0, 1, 2].map(nextLevel)).toEqual([1, 2, null]);
    expect(addHours('2026-03-01T10:00:00.000Z', 72)).toBe('2026-03-04T10:00:00.000Z');
  });
  it('counts tickets per 1,000 members, hours to resolve and the share within the deadline', () => {
    const row = (opened: string, resolved: string | null, within: number | null) => ({
      category: 'other',
      facility_id: null,
      employer_id: null,
      opened_at: opened,
      due_at: '2026-03-05T00:00:00.000Z',
      resolved_at: resolved,
      within_deadline: within,
    });
    const s = summarise(
      [
        row('2026-03-01T00:00:00.000Z', '2026-03-01T10:00:00.000Z', 1),
        row('2026-03-01T00:00:00.000Z', '2026-03-03T00:00:00.000Z', 0),
        row('2026-03-01T00:00:00.000Z', null, null),
      ],
      2000,
      '2026-03-10T00:00:00.000Z',
    );
    expect(s).toEqual({
      tickets: 3,
      perThousandMembers: 1.5,
      resolved: 2,
      unresolved: 1,
      overdue: 1,
      meanHoursToResolve: 29,
      medianHoursToResolve: 29,
      withinDeadlineShare: 0.5,
    });
    expect(median([5, 1, 3])).toBe(3);
  });
  it('reads a complaint by SMS in every language, and the keyword alone as a request for help', () => {
    expect(parseSms('COMPLAINT the hospital asked me 20000 riel')).toEqual({
      kind: 'complaint',
      text: 'the hospital asked me 20000 riel',
    });
    expect(parseSms('plainte: on m’a fait payer')).toEqual({ kind: 'complaint', text: 'on m’a fait payer' });
    expect(parseSms('help')).toEqual({ kind: 'help' });
    expect(parseSms(`HELP ${'x'.repeat(2000)}`)).toEqual({ kind: 'help' });
  });
});

describe.each(engines)('complaints and feedback on %s', (engine) => {
  let t: TestApp;
  let admin: string;
  let schemeId: string;
  let operator: string;
  let operatorId: string;
  let desk: string;
  let gateway: string;
  let member: { id: string; memberNumber: string };
  let employer: { id: string };
  let facility: { id: string };
  const phone = smsRelay();

  const post = async (url: string, body: unknown, as = admin) => {
    const res = await t.call('POST', url, { token: as, body });
    if (res.status >= 300) throw new Error(`${url}: ${res.status} ${JSON.stringify(res.body)}`);
    return res.body;
  };
  const get = async (url: string, as = admin) => (await t.call('GET', url, { token: as })).body;
  const user = async (username: string, roles: string[], isMachine = false) =>
    post('/api/v1/users', {
      username,
      displayName: username,
      roles,
      isMachine,
      ...(isMachine ? {} : { password: PASSWORD }),
    });

  beforeAll(async () => {
    const url = await phone.start();
    t = await testApp(engine, { RISKPOOL_SMS_GATEWAY: 'http', RISKPOOL_SMS_URL: url });
    ({ token: admin, schemeId } = await t.scheme('CARE'));
    employer = await post('/api/v1/employers', { code: 'WING', name: 'Wing Star Garments' });
    member = await post('/api/v1/members', {
      nameLatin: 'Chea Sophal',
      sex: 'F',
      birthDate: '1991-04-02',
      employerId: employer.id,
      phone: '+85512000111',
    });
    facility = await post('/api/v1/facilities', {
      code: 'KS',
      name: 'Kien Svay Health Centre',
      type: 'health_centre',
      ownership: 'public',
      phoneNumbers: ['+85599000222'],
    });
    operatorId = (await user('care.op', ['care_operator'])).user.id;
    operator = await t.login('care.op');
    await user('desk.ks', ['facility_agent']);
    desk = await t.login('desk.ks');
    const machine = await user('gateway.care', ['gateway'], true);
    gateway = (await post('/api/v1/api-tokens', { name: 'gateway', userId: machine.user.id })).token;
  });
  afterAll(async () => {
    await t.close();
    await phone.stop();
  });

  it('has the default categories until the scheme sets its own, and refuses a set that repeats or drops a used one', async () => {
    const { items } = await get('/api/v1/ticket-categories');
    expect(items.map((c: { code: string }) => c.code)).toContain('asked_to_pay');
    const twice = await t.call('PUT', '/api/v1/ticket-categories', {
      token: admin,
      body: { items: [items[0], items[0]] },
    });
    expect(twice.status).toBe(400);
    expect(twice.body.errors[0]).toMatchObject({ field: 'items.1.code', reason: expect.stringMatching(/repeats/) });
    // An operator may not change them.
    expect((await t.call('PUT', '/api/v1/ticket-categories', { token: operator, body: { items } })).status).toBe(403);
  });

  it('opens a ticket from the hotline linked to the member, with the deadline of its category', async () => {
    const before = Date.now();
    const opened = await post(
      '/api/v1/tickets',
      {
        channel: 'hotline',
        category: 'asked_to_pay',
        description: 'The health centre asked her 5,000 riel for a consultation',
        callerName: 'Chea Sophal',
        memberId: member.id,
        facilityId: facility.id,
      },
      operator,
    );
    expect(opened.number).toMatch(/^T\d{6}$/);
    expect(opened.deadlineHours).toBe(72);
    expect(Date.parse(opened.dueAt) - before).toBeGreaterThanOrEqual(72 * 3600_000 - 1000);
    const ticket = await get(`/api/v1/tickets/${opened.id}`, operator);
    expect(ticket).toMatchObject({
      state: 'open',
      level: 0,
      priority: 'high',
      overdue: false,
      member: { id: member.id, memberNumber: member.memberNumber },
      facility: { id: facility.id, name: 'Kien Svay Health Centre' },
      // The member's employer, found from the member.
      employer: { id: employer.id },
      events: [expect.objectContaining({ kind: 'opened', by: 'care.op' })],
    });
  });

  it('refuses a ticket for an unknown member or category, naming the field, and keeps nothing', async () => {
    const count = (await get('/api/v1/tickets?limit=500')).items.length;
    const unknown = await t.call('POST', '/api/v1/tickets', {
      token: operator,
      body: { channel: 'hotline', category: 'other', description: 'x', memberId: 'no-such-member' },
    });
    expect(unknown.status).toBe(400);
    expect(unknown.body.errors[0]).toEqual({ field: 'memberId', reason: 'is not a member of the scheme' });
    const category = await t.call('POST', '/api/v1/tickets', {
      token: operator,
      body: { channel: 'hotline', category: 'weather', description: 'x' },
    });
    expect(category.status).toBe(400);
    expect(category.body.errors[0].field).toBe('category');
    const channel = await t.call('POST', '/api/v1/tickets', {
      token: operator,
      body: { channel: 'pigeon', category: 'other', description: 'x' },
    });
    expect(channel.status).toBe(400);
    expect((await get('/api/v1/tickets?limit=500')).items.length).toBe(count);
  });

  it('lets a facility agent open a ticket but not read tickets, which hold personal data', async () => {
    const opened = await post(
      '/api/v1/tickets',
      {
        channel: 'facility',
        category: 'card_registration',
        description: 'Card photo is of someone else',
        memberId: member.id,
      },
      desk,
    );
    expect(opened.number).toMatch(/^T/);
    expect((await t.call('GET', '/api/v1/tickets', { token: desk })).status).toBe(403);
    expect((await t.call('GET', `/api/v1/tickets/${opened.id}`, { token: desk })).status).toBe(403);
  });

  it('hides tickets from another scheme', async () => {
    const other = await t.scheme('OTHR');
    const mine = (await get('/api/v1/tickets')).items[0];
    expect((await t.call('GET', `/api/v1/tickets/${mine.id}`, { token: other.token })).status).toBe(404);
    expect((await t.call('GET', '/api/v1/tickets', { token: other.token })).body.items).toEqual([]);
  });

  it('assigns to a user who works tickets, refuses others and a stale version', async () => {
    const [first] = (await get('/api/v1/tickets?category=asked_to_pay')).items;
    const desker = (await get('/api/v1/users?limit=500')).items.find(
      (u: { username: string }) => u.username === 'desk.ks',
    );
    const wrong = await t.call('POST', `/api/v1/tickets/${first.id}/assign`, {
      token: admin,
      body: { userId: desker.id, version: first.version },
    });
    expect(wrong.status).toBe(400);
    expect(wrong.body.errors[0].field).toBe('userId');
    const assigned = await post(`/api/v1/tickets/${first.id}/assign`, { userId: operatorId, version: first.version });
    expect(assigned).toMatchObject({ state: 'in_progress', assignedTo: { username: 'care.op' } });
    const stale = await t.call('POST', `/api/v1/tickets/${first.id}/assign`, {
      token: admin,
      body: { userId: null, version: first.version },
    });
    expect(stale.status).toBe(409);
    const mine = await get('/api/v1/tickets?assignedTo=me', operator);
    expect(mine.items.map((x: { id: string }) => x.id)).toEqual([first.id]);
  });

  it('escalates what is overdue one level up with a new deadline, and lists the overdue first', async () => {
    const opened = await post(
      '/api/v1/tickets',
      { channel: 'web', category: 'refused_care', description: 'Turned away at the desk', memberId: member.id },
      operator,
    );
    // A day and an hour later the 24-hour deadline of refused care has passed.
    const later = addHours(new Date().toISOString(), 25);
    const { escalated } = await escalateOverdue(t.db, systemActor(schemeId, 'escalation'), schemeId, later);
    expect(escalated).toBe(1);
    const ticket = await get(`/api/v1/tickets/${opened.id}`, operator);
    expect(ticket).toMatchObject({ level: 1, assignedTo: null, state: 'open' });
    expect(ticket.events.map((e: { kind: string }) => e.kind)).toEqual(['opened', 'escalated']);
    expect(Date.parse(ticket.dueAt)).toBeGreaterThan(Date.parse(later));
    // Run again at the same instant: nothing more to do.
    expect((await escalateOverdue(t.db, systemActor(schemeId), schemeId, later)).escalated).toBe(0);
    expect((await get('/api/v1/tickets?level=1', operator)).items.map((x: { id: string }) => x.id)).toEqual([
      opened.id,
    ]);
    // The soonest deadline first: the 72-hour ticket opened earlier comes before this one's new deadline.
    const unresolved = (await get('/api/v1/tickets?state=unresolved', operator)).items;
    const dues = unresolved.map((x: { dueAt: string }) => x.dueAt);
    expect(dues).toEqual([...dues].sort());
  });

  it('resolves with a note, tells the member by SMS, and counts it within the deadline', async () => {
    const [first] = (await get('/api/v1/tickets?category=asked_to_pay')).items;
    const resolved = await post(
      `/api/v1/tickets/${first.id}/resolve`,
      { resolution: 'The centre paid back the 5,000 riel; the director was warned.', version: first.version },
      operator,
    );
    expect(resolved.informed).toEqual({ via: 'http' });
    expect(resolved.ticket).toMatchObject({
      state: 'resolved',
      withinDeadline: true,
      memberInformedAt: expect.any(String),
    });
    expect(phone.received.at(-1)).toEqual({
      to: '+85512000111',
      text: expect.stringMatching(new RegExp(`^Your complaint ${first.number} is resolved: The centre paid back`)),
    });
    const again = await t.call('POST', `/api/v1/tickets/${first.id}/resolve`, {
      token: operator,
      body: { resolution: 'again', version: resolved.ticket.version },
    });
    expect(again.status).toBe(409);

    const today = new Date().toISOString().slice(0, 10);
    const figures = await get(`/api/v1/ticket-figures?from=${today}&to=${today}`, operator);
    expect(figures).toMatchObject({ members: 1, resolved: 1, withinDeadlineShare: 1 });
    expect(figures.tickets).toBeGreaterThanOrEqual(3);
    expect(figures.perThousandMembers).toBe(figures.tickets * 1000);
    expect(figures.byCategory).toContainEqual(
      expect.objectContaining({
        key: 'asked_to_pay',
        name: 'Asked to pay',
        tickets: 1,
        resolved: 1,
        withinDeadlineShare: 1,
      }),
    );
    expect(figures.byEmployer).toContainEqual(
      expect.objectContaining({ key: employer.id, name: 'Wing Star Garments' }),
    );
    expect(figures.byFacility).toContainEqual(expect.objectContaining({ key: facility.id, tickets: 1 }));
    const bad = await t.call('GET', `/api/v1/ticket-figures?from=${today}&to=2020-01-01`, { token: operator });
    expect(bad.status).toBe(400);
    expect(bad.body.errors[0].field).toBe('to');
    // Reopened when the member disputes it.
    const reopened = await post(
      `/api/v1/tickets/${first.id}/reopen`,
      { note: 'She was not paid back', version: resolved.ticket.version },
      operator,
    );
    expect(reopened).toMatchObject({ state: 'open', resolution: null, withinDeadline: null });
  });

  it('takes complaints by SMS from any phone, and links the member whose phone it is', async () => {
    const text = async (from: string, body: string) =>
      (await t.call('POST', '/api/v1/sms/inbound', { token: gateway, body: { from, text: body } })).body;
    const reply = await text('+85512000111', 'COMPLAINT salary deducted but the hospital says no cover');
    expect(reply.message).toMatch(
      /^Thank you\. Your complaint (T\d{6}) is received; the scheme will answer within 10 days\.$/,
    );
    const number = /T\d{6}/.exec(reply.message)![0];
    const ticket = (await get('/api/v1/tickets?limit=500', operator)).items.find(
      (x: { number: string }) => x.number === number,
    );
    expect(ticket).toMatchObject({
      channel: 'sms',
      category: 'other',
      callerPhone: '+85512000111',
      member: { id: member.id },
      description: 'salary deducted but the hospital says no cover',
    });
    // A stranger's phone: a ticket, and nothing said about who is a member.
    const stranger = await text('+85570999888', 'help my mother was refused at the hospital');
    expect(stranger.message).toMatch(/^Thank you\. Your complaint T\d{6} is received/);
    // From a facility's phone the ticket names the facility.
    await text('+85599000222', 'COMPLAINT the scheme has not paid us for March');
    const fromFacility = (await get('/api/v1/tickets?limit=500', operator)).items.find(
      (x: { description: string }) => x.description === 'the scheme has not paid us for March',
    );
    expect(fromFacility).toMatchObject({ channel: 'facility', facility: { id: facility.id }, member: null });
    // The keyword alone opens nothing: a facility's phone gets the usage, another the refusal.
    const count = (await get('/api/v1/tickets?limit=500', operator)).items.length;
    expect((await text('+85599000222', 'HELP')).message).toMatch(/^Send the member number/);
    expect((await text('+85570999888', 'HELP')).message).toMatch(/not registered to a health facility/);
    expect((await get('/api/v1/tickets?limit=500', operator)).items.length).toBe(count);
  });
});
