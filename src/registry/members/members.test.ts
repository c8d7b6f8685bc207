import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import sharp from 'sharp';
import { engines } from '../../../test/engines.js';
import { testApp, type TestApp } from '../../../test/app.js';

describe.each(engines)('members on %s', (engine) => {
  let t: TestApp;
  let token: string;
  let employerId: string;
  let areaId: string;
  const worker = {
    nameLatin: 'Chhorn Sreymom',
    nameLocal: 'ឆន ស្រីមុំ',
    sex: 'F',
    birthDate: '1992-03-14',
    nationalId: '010203040',
    phone: '012 345 678',
    factoryCardNumber: 'F-0001',
    wage: 15000,
  };

  beforeAll(async () => {
    t = await testApp(engine);
    ({ token } = await t.scheme('HIP'));
    const province = await t.call('POST', '/api/v1/areas', {
      token,
      body: { level: 'province', code: 'PP', name: 'Phnom Penh' },
    });
    const district = await t.call('POST', '/api/v1/areas', {
      token,
      body: { parentId: province.body.id, level: 'district', code: 'PP-DK', name: 'Dangkao' },
    });
    areaId = district.body.id;
    const employer = await t.call('POST', '/api/v1/employers', {
      token,
      body: { code: 'JAIWEI', name: 'Jai Wei Garment', areaId, sector: 'Garment' },
    });
    expect(employer.status).toBe(201);
    employerId = employer.body.id;
  });
  afterAll(() => t.close());

  it("registers a worker with a checked member number, in the employer's area", async () => {
    const res = await t.call('POST', '/api/v1/members', { token, body: { ...worker, employerId } });
    expect(res.status).toBe(201);
    expect(res.body.memberNumber).toMatch(/^HIP\d{9}$/);
    expect(res.body).toMatchObject({ relation: 'head', phone: '012345678', areaId, status: 'active', version: 1 });
    const found = await t.call('GET', `/api/v1/members?number=${res.body.memberNumber}`, { token });
    expect(found.body.items.map((m: { id: string }) => m.id)).toEqual([res.body.id]);
  });

  it('answers a mistyped member number as invalid, never as another member', async () => {
    const { body } = await t.call('GET', '/api/v1/members?nid=010203040', { token });
    const number: string = body.items[0].memberNumber;
    const typo = number.slice(0, -2) + ((Number(number.at(-2)) + 1) % 10) + number.at(-1);
    const res = await t.call('GET', `/api/v1/members?number=${typo}`, { token });
    expect(res.status).toBe(400);
    expect(res.body.errors[0]).toEqual({ field: 'number', reason: 'has a wrong check digit: a digit is mistyped' });
  });

  it('refuses a national ID already registered, naming the member who has it', async () => {
    const res = await t.call('POST', '/api/v1/members', {
      token,
      body: { ...worker, nameLatin: 'Keo Dara', factoryCardNumber: 'F-0002', employerId },
    });
    expect(res.status).toBe(409);
    expect(res.body.errors[0].field).toBe('nationalId');
    expect(res.body.detail).toMatch(/already registered to member HIP/);
  });

  it('shows a close name with the same birth date as a possible duplicate until confirmed', async () => {
    const twin = {
      ...worker,
      nameLatin: 'Sreymoom Chorn',
      nationalId: null,
      phone: null,
      factoryCardNumber: 'F-0003',
      employerId,
    };
    const first = await t.call('POST', '/api/v1/members', { token, body: twin });
    expect(first.status).toBe(409);
    expect(first.body.possibleDuplicates).toHaveLength(1);
    expect(first.body.possibleDuplicates[0].nameLatin).toBe('Chhorn Sreymom');
    const confirmed = await t.call('POST', '/api/v1/members', { token, body: { ...twin, confirmDuplicate: true } });
    expect(confirmed.status).toBe(201);
    const history = await t.call('GET', `/api/v1/members/${confirmed.body.id}/history`, { token });
    expect(history.body.items[0].after.confirmedDespite).toHaveLength(1);
  });

  it('finds members by a misspelled Latin name, closest first', async () => {
    await t.call('POST', '/api/v1/members', {
      token,
      body: { nameLatin: 'Chhorn Sophal', sex: 'M', birthDate: '1990-01-01', employerId },
    });
    const res = await t.call('GET', `/api/v1/members?name=${encodeURIComponent('Chorn Sreymom')}`, { token });
    expect(res.status).toBe(200);
    const names = res.body.items.map((m: { nameLatin: string }) => m.nameLatin);
    expect(names.slice(0, 2).sort()).toEqual(['Chhorn Sreymom', 'Sreymoom Chorn']);
    expect(names[0]).toBe('Chhorn Sreymom');
    const partial = await t.call('GET', `/api/v1/members?name=${encodeURIComponent('chorn so')}`, { token });
    expect(partial.body.items.map((m: { nameLatin: string }) => m.nameLatin)).toEqual(['Chhorn Sophal']);
  });

  it('finds members by factory card, national ID and phone', async () => {
    for (const q of ['fid=F-0001', 'nid=010203040', 'phone=012345678']) {
      const res = await t.call('GET', `/api/v1/members?${q}`, { token });
      expect(
        res.body.items.map((m: { nameLatin: string }) => m.nameLatin),
        q,
      ).toEqual(['Chhorn Sreymom']);
    }
  });

  it("keeps dependants in the head's household", async () => {
    const head = (await t.call('GET', '/api/v1/members?fid=F-0001', { token })).body.items[0];
    const child = await t.call('POST', '/api/v1/members', {
      token,
      body: {
        nameLatin: 'Chhorn Dara',
        sex: 'M',
        birthDate: '2015-06-01',
        householdId: head.householdId,
        relation: 'child',
      },
    });
    expect(child.status).toBe(201);
    expect(child.body.areaId).toBe(areaId);
    const orphan = await t.call('POST', '/api/v1/members', {
      token,
      body: { nameLatin: 'Chhorn Vuthy', sex: 'M', birthDate: '2016-06-01', relation: 'child' },
    });
    expect(orphan.status).toBe(400);
    expect(orphan.body.errors[0].field).toBe('householdId');
    const household = await t.call('GET', `/api/v1/households/${head.householdId}`, { token });
    expect(household.body.headMemberId).toBe(head.id);
    expect(household.body.members.map((m: { relation: string }) => m.relation).sort()).toEqual(['child', 'head']);
  });

  it('changes a member with a history of before and after, refusing a stale version', async () => {
    const m = (await t.call('GET', '/api/v1/members?fid=F-0001', { token })).body.items[0];
    const changed = await t.call('PATCH', `/api/v1/members/${m.id}`, {
      token,
      body: { wage: 16000, version: m.version },
    });
    expect(changed.status).toBe(200);
    expect(changed.body).toMatchObject({ wage: 16000, version: m.version + 1 });
    // What the change left out stays as it was.
    expect(changed.body).toMatchObject({ factoryCardNumber: 'F-0001', nationalId: '010203040', phone: '012345678' });
    const stale = await t.call('PATCH', `/api/v1/members/${m.id}`, {
      token,
      body: { wage: 17000, version: m.version },
    });
    expect(stale.status).toBe(409);
    const history = await t.call('GET', `/api/v1/members/${m.id}/history`, { token });
    expect(history.body.items[0]).toMatchObject({ action: 'update', before: { wage: 15000 }, after: { wage: 16000 } });
  });

  it('finds a renamed member by the new name only', async () => {
    const m = (await t.call('GET', '/api/v1/members?name=Chhorn%20Sophal', { token })).body.items[0];
    const renamed = await t.call('PATCH', `/api/v1/members/${m.id}`, { token, body: { nameLatin: 'Pich Sophal' } });
    expect(renamed.status).toBe(200);
    const byNew = await t.call('GET', '/api/v1/members?name=Pich%20Sophal', { token });
    expect(byNew.body.items.map((x: { id: string }) => x.id)).toEqual([m.id]);
    const byOld = await t.call('GET', '/api/v1/members?name=Chhorn%20', { token });
    expect(byOld.body.items.map((x: { id: string }) => x.id)).not.toContain(m.id);
  });

  it('rejects bad fields with their names and reasons, changing nothing', async () => {
    const before = (await t.call('GET', '/api/v1/members?limit=500', { token })).body.items.length;
    const res = await t.call('POST', '/api/v1/members', {
      token,
      body: { nameLatin: 'ស្រីមុំ', sex: 'X', birthDate: '1990-02-30', wage: 12.5, employerId: 'nope' },
    });
    expect(res.status).toBe(400);
    const fields = res.body.errors.map((e: { field: string }) => e.field).sort();
    expect(fields).toEqual(['birthDate', 'nameLatin', 'sex', 'wage']);
    const unknownEmployer = await t.call('POST', '/api/v1/members', {
      token,
      body: { nameLatin: 'Sok Dara', sex: 'F', birthDate: '1990-02-03', employerId: 'nope' },
    });
    expect(unknownEmployer.status).toBe(400);
    expect(unknownEmployer.body.errors[0]).toEqual({
      field: 'employerId',
      reason: 'there is no employer "nope" in this scheme',
    });
    expect((await t.call('GET', '/api/v1/members?limit=500', { token })).body.items.length).toBe(before);
  });

  it('stores a photo resized to at most 480 × 640 JPEG, and refuses what is not an image', async () => {
    const m = (await t.call('GET', '/api/v1/members?fid=F-0001', { token })).body.items[0];
    const png = await sharp({ create: { width: 1200, height: 1600, channels: 3, background: '#c84' } })
      .png()
      .toBuffer();
    const res = await t.call('PUT', `/api/v1/members/${m.id}/photo`, {
      token,
      body: new Uint8Array(png),
      headers: { 'content-type': 'image/png' },
    });
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ width: 480, height: 640 });
    const photo = await t.app.request(`/api/v1/members/${m.id}/photo`, {
      headers: { authorization: `Bearer ${token}` },
    });
    expect(photo.headers.get('content-type')).toBe('image/jpeg');
    const meta = await sharp(Buffer.from(await photo.arrayBuffer())).metadata();
    expect([meta.format, meta.width, meta.height]).toEqual(['jpeg', 480, 640]);
    expect((await t.call('GET', `/api/v1/members/${m.id}`, { token })).body.hasPhoto).toBe(true);
    const junk = await t.call('PUT', `/api/v1/members/${m.id}/photo`, {
      token,
      body: new TextEncoder().encode('not a picture'),
      headers: { 'content-type': 'image/jpeg' },
    });
    expect(junk.status).toBe(400);
    expect(junk.body.errors[0].field).toBe('photo');
    const gif = await t.call('PUT', `/api/v1/members/${m.id}/photo`, {
      token,
      body: new Uint8Array([1, 2, 3]),
      headers: { 'content-type': 'image/gif' },
    });
    expect(gif.status).toBe(400);
  });

  it('pages through members with a cursor', async () => {
    const first = await t.call('GET', '/api/v1/members?limit=2', { token });
    expect(first.body.items).toHaveLength(2);
    const second = await t.call('GET', `/api/v1/members?limit=2&cursor=${first.body.nextCursor}`, { token });
    const numbers = [...first.body.items, ...second.body.items].map((m: { memberNumber: string }) => m.memberNumber);
    expect(new Set(numbers).size).toBe(numbers.length);
    expect([...numbers].sort()).toEqual(numbers);
  });
});
