import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { engines } from '../../../test/engines.js';
import { testApp, type TestApp } from '../../../test/app.js';

describe.each(engines)('employers, groups and areas on %s', (engine) => {
  let t: TestApp;
  let token: string;
  let province: string;
  beforeAll(async () => {
    t = await testApp(engine);
    ({ token } = await t.scheme('REG'));
    province = (
      await t.call('POST', '/api/v1/areas', { token, body: { level: 'province', code: 'KD', name: 'Kandal' } })
    ).body.id;
  });
  afterAll(() => t.close());

  it('builds the area tree a level at a time', async () => {
    const district = await t.call('POST', '/api/v1/areas', {
      token,
      body: { parentId: province, level: 'district', code: 'KD-1', name: 'Kien Svay', nameLocal: 'កៀនស្វាយ' },
    });
    expect(district.status).toBe(201);
    const upside = await t.call('POST', '/api/v1/areas', {
      token,
      body: { parentId: district.body.id, level: 'province', code: 'KD-X', name: 'Wrong' },
    });
    expect(upside.status).toBe(400);
    expect(upside.body.errors[0]).toEqual({ field: 'level', reason: 'a province cannot lie within a district' });
    const twice = await t.call('POST', '/api/v1/areas', {
      token,
      body: { level: 'province', code: 'KD', name: 'Again' },
    });
    expect(twice.status).toBe(409);
    const children = await t.call('GET', `/api/v1/areas?parentId=${province}`, { token });
    expect(children.body.items.map((a: { code: string }) => a.code)).toEqual(['KD-1']);
    const renamed = await t.call('PATCH', `/api/v1/areas/${district.body.id}`, { token, body: { population: 120000 } });
    expect(renamed.body).toMatchObject({ name: 'Kien Svay', nameLocal: 'កៀនស្វាយ', population: 120000 });
  });

  it('registers employers with their details and changes only what a change names', async () => {
    const created = await t.call('POST', '/api/v1/employers', {
      token,
      body: {
        code: 'QUANTUM',
        name: 'Quantum Clothing',
        registrationNumber: 'MOC-1',
        sector: 'Garment',
        areaId: province,
        latitude: 11.53,
        longitude: 104.83,
        contactName: 'Kevin Plenty',
        enrolmentMode: 'automatic',
      },
    });
    expect(created.status).toBe(201);
    const changed = await t.call('PATCH', `/api/v1/employers/${created.body.id}`, {
      token,
      body: { contactPhone: '023 999 999' },
    });
    expect(changed.body).toMatchObject({
      contactName: 'Kevin Plenty',
      contactPhone: '023 999 999',
      enrolmentMode: 'automatic',
      latitude: 11.53,
    });
    const found = await t.call('GET', '/api/v1/employers?q=quant', { token });
    expect(found.body.items.map((e: { code: string }) => e.code)).toEqual(['QUANTUM']);
    const badGps = await t.call('POST', '/api/v1/employers', { token, body: { code: 'X', name: 'X', latitude: 123 } });
    expect(badGps.status).toBe(400);
    expect(badGps.body.errors[0].field).toBe('latitude');
    const sameCode = await t.call('POST', '/api/v1/employers', { token, body: { code: 'QUANTUM', name: 'Other' } });
    expect(sameCode.status).toBe(409);
    const detail = await t.call('GET', `/api/v1/employers/${created.body.id}`, { token });
    expect(detail.body.memberCount).toBe(0);
  });

  it('pages through employers in name order', async () => {
    for (const [code, name] of [
      ['ZA', 'Zeta Apparel'],
      ['AL', 'Alpha Linen'],
      ['MK', 'Mekong Knit'],
    ]) {
      await t.call('POST', '/api/v1/employers', { token, body: { code, name } });
    }
    const names: string[] = [];
    let cursor: string | null = null;
    do {
      const res: { body: { items: { name: string }[]; nextCursor: string | null } } = await t.call(
        'GET',
        `/api/v1/employers?limit=2${cursor ? `&cursor=${cursor}` : ''}`,
        { token },
      );
      names.push(...res.body.items.map((e) => e.name));
      cursor = res.body.nextCursor;
    } while (cursor);
    expect(names).toEqual([...names].sort());
    expect(names).toEqual(expect.arrayContaining(['Alpha Linen', 'Mekong Knit', 'Zeta Apparel', 'Quantum Clothing']));
    expect(new Set(names).size).toBe(names.length);
  });

  it('keeps groups with their kind and population', async () => {
    const village = await t.call('POST', '/api/v1/groups', {
      token,
      body: { code: 'V-01', name: 'Angkor Chum village', kind: 'village', population: 812, areaId: province },
    });
    expect(village.status).toBe(201);
    const bank = await t.call('POST', '/api/v1/groups', {
      token,
      body: { code: 'SB-1', name: 'Savings bank', kind: 'savings_bank' },
    });
    expect(bank.status).toBe(201);
    const villages = await t.call('GET', '/api/v1/groups?kind=village', { token });
    expect(villages.body.items.map((g: { code: string }) => g.code)).toEqual(['V-01']);
    const wrongKind = await t.call('POST', '/api/v1/groups', { token, body: { code: 'Z', name: 'Z', kind: 'club' } });
    expect(wrongKind.status).toBe(400);
    expect(wrongKind.body.errors[0].field).toBe('kind');
    const changed = await t.call('PATCH', `/api/v1/groups/${village.body.id}`, {
      token,
      body: { name: 'Angkor Chum' },
    });
    expect(changed.body).toMatchObject({ name: 'Angkor Chum', population: 812, kind: 'village' });
  });

  it('keeps health facilities with their type, phones for SMS checks and contract start', async () => {
    const created = await t.call('POST', '/api/v1/facilities', {
      token,
      body: {
        code: 'KSNH',
        name: 'Khmer Soviet National Hospital',
        type: 'national_hospital',
        ownership: 'public',
        areaId: province,
        phoneNumbers: ['012 345 678', '+85523999111'],
        contractStart: '2009-05-01',
      },
    });
    expect(created.status).toBe(201);
    expect(created.body.phoneNumbers).toEqual(['012345678', '+85523999111']);
    const changed = await t.call('PATCH', `/api/v1/facilities/${created.body.id}`, {
      token,
      body: { latitude: 11.54, longitude: 104.92 },
    });
    expect(changed.body).toMatchObject({ contractStart: '2009-05-01', type: 'national_hospital', latitude: 11.54 });
    const bad = await t.call('POST', '/api/v1/facilities', {
      token,
      body: {
        code: 'X',
        name: 'X',
        type: 'pharmacy',
        ownership: 'public',
        phoneNumbers: ['call me'],
        contractStart: '2009-13-01',
      },
    });
    expect(bad.status).toBe(400);
    expect(bad.body.errors.map((e: { field: string }) => e.field).sort()).toEqual([
      'contractStart',
      'phoneNumbers.0',
      'type',
    ]);
    const hospitals = await t.call('GET', '/api/v1/facilities?type=national_hospital', { token });
    expect(hospitals.body.items.map((f: { code: string }) => f.code)).toEqual(['KSNH']);
  });

  it('updates the scheme settings, checking each', async () => {
    const bad = await t.call('PATCH', '/api/v1/scheme', { token, body: { currency: 'dollars', languages: [] } });
    expect(bad.status).toBe(400);
    expect(bad.body.errors.map((e: { field: string }) => e.field).sort()).toEqual(['currency', 'languages']);
    const ok = await t.call('PATCH', '/api/v1/scheme', {
      token,
      body: { name: 'Kandal mutual', languages: ['km', 'fr'] },
    });
    expect(ok.body).toMatchObject({
      name: 'Kandal mutual',
      languages: ['km', 'fr'],
      memberPrefix: 'REG',
      currency: 'USD',
    });
  });

  it('gives each new scheme a short id of its own', async () => {
    const mine = (await t.call('GET', '/api/v1/scheme', { token })).body.id;
    const other = (await t.scheme('REH')).schemeId;
    // Ten of Crockford's letters: short, since every row and every index entry carries it.
    for (const id of [mine, other]) expect(id).toMatch(/^[0-9a-hjkmnp-tv-z]{10}$/);
    expect(other).not.toBe(mine);
  });
});
