import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { engines } from '../../test/engines.js';
import { PASSWORD, testApp, type TestApp } from '../../test/app.js';
import { garmentProduct } from '../../test/fixtures.js';

/** Seed 000's desk: the agent checks the member is covered today, and for what. */
describe.each(engines)('eligibility on %s', (engine) => {
  let t: TestApp;
  let token: string;
  let other: string;
  let worker: { id: string; memberNumber: string };

  const post = async (url: string, body: unknown) => {
    const res = await t.call('POST', url, { token, body });
    if (res.status >= 300) throw new Error(`${url}: ${res.status} ${JSON.stringify(res.body)}`);
    return res.body;
  };
  const check = (q: string, as = token) => t.call('GET', `/api/v1/eligibility?${q}`, { token: as });

  beforeAll(async () => {
    t = await testApp(engine);
    ({ token } = await t.scheme('ELG'));
    ({ token: other } = await t.scheme('OEL'));
    const product = await garmentProduct(post, {
      effectiveFrom: '2026-01-01',
      grace: { paymentDays: 10 },
      categories: [
        { category: 'consultation', covered: true },
        { category: 'delivery', covered: true, waitingDays: 60, ceilingPerMember: 15000 },
        { category: 'surgery', covered: false },
      ],
    });
    const employer = await post('/api/v1/employers', { code: 'JAIWEI', name: 'Jai Wei', productId: product.id });
    worker = await post('/api/v1/members', {
      nameLatin: 'Sok Dara',
      sex: 'F',
      birthDate: '1990-01-01',
      employerId: employer.id,
      factoryCardNumber: '01-00042',
      nationalId: '100200300',
    });
    for (const period of ['2026-01', '2026-02', '2026-03']) {
      await post('/api/v1/declarations', { employerId: employer.id, period, lines: [{ memberId: worker.id }] });
    }
    await post('/api/v1/payments', {
      method: 'bank_transfer',
      externalId: 'B1',
      amount: 320,
      currency: 'USD',
      paidOn: '2026-01-05',
      employerId: employer.id,
    });
  });
  afterAll(() => t.close());

  it('answers covered, until when, and each kind of care with its waiting period', async () => {
    const res = await check(`member=${worker.memberNumber}&date=2026-02-10`);
    expect(res.status).toBe(200);
    expect(res.body.matches).toHaveLength(1);
    expect(res.body.matches[0]).toMatchObject({
      memberNumber: worker.memberNumber,
      covered: true,
      state: 'active',
      coveredSince: '2026-01-01',
      coveredUntil: '2026-02-28',
      categories: [
        { category: 'consultation', covered: true, waitingUntil: null },
        { category: 'delivery', covered: false, waitingUntil: '2026-03-01', ceilingPerMember: 15000 },
        { category: 'surgery', covered: false, waitingUntil: null },
      ],
    });
  });

  it('covers an unpaid month while the employer has time, and not after', async () => {
    const grace = (await check(`member=${worker.memberNumber}&date=2026-03-05`)).body.matches[0];
    expect(grace).toMatchObject({ covered: true, state: 'in_grace', coveredUntil: '2026-03-10' });
    const after = (await check(`member=${worker.memberNumber}&date=2026-03-11`)).body.matches[0];
    expect(after).toMatchObject({ covered: false, state: 'suspended', coveredUntil: null, categories: [] });
  });

  it('finds the member by factory card and by national ID, and for one kind of care', async () => {
    const byCard = await check('fid=01-00042&employer=JAIWEI&date=2026-02-10&category=delivery');
    expect(byCard.body.matches[0]).toMatchObject({
      memberId: worker.id,
      categories: [{ category: 'delivery', covered: false }],
    });
    const byName = await check('name=sok daraa&date=2026-02-10');
    expect(byName.body.matches[0]).toMatchObject({ memberId: worker.id, covered: true });
    const byNid = await check('nid=100200300&date=2026-02-10&category=transport');
    expect(byNid.body.matches[0].categories).toEqual([
      { category: 'transport', covered: false, waitingUntil: null, ceilingPerMember: null, ceilingLeft: null },
    ]);
  });

  it('answers a mistyped number as invalid, never as another member, and an unknown one as nobody', async () => {
    const n = worker.memberNumber;
    const wrong = `${n.slice(0, -1)}${(Number(n.slice(-1)) + 1) % 10}`;
    const res = await check(`member=${wrong}`);
    expect(res.status).toBe(400);
    expect(res.body.errors[0].field).toBe('member');
    expect((await check('nid=999999999')).body.matches).toEqual([]);
    expect((await check('member=x&nid=y')).status).toBe(400);
    expect((await check('category=nonsense&nid=1')).body.errors[0].field).toBe('category');
  });

  it("answers a desk limited to a district for the district's members only", async () => {
    const province = await post('/api/v1/areas', { level: 'province', code: 'KD', name: 'Kandal' });
    const [d1, d2] = [
      await post('/api/v1/areas', { level: 'district', code: 'KD1', name: 'Ta Khmau', parentId: province.id }),
      await post('/api/v1/areas', { level: 'district', code: 'KD2', name: 'Kien Svay', parentId: province.id }),
    ];
    const villager = await post('/api/v1/members', {
      nameLatin: 'Chan Sophea',
      sex: 'F',
      birthDate: '1985-03-02',
      areaId: d1.id,
    });
    for (const [username, area] of [
      ['desk.kd1', d1],
      ['desk.kd2', d2],
    ] as const) {
      const made = await t.call('POST', '/api/v1/users', {
        token,
        body: { username, displayName: username, password: PASSWORD, roles: ['facility_agent'], areaIds: [area.id] },
      });
      expect(made.status).toBe(201);
    }
    const asDesk = async (username: string) =>
      (await check(`member=${villager.memberNumber}`, await t.login(username))).body.matches.map(
        (m: { memberId: string }) => m.memberId,
      );
    expect(await asDesk('desk.kd1')).toEqual([villager.id]);
    expect(await asDesk('desk.kd2')).toEqual([]);
    // The whole scheme's desk finds them too, without their area looked up.
    expect((await check(`member=${villager.memberNumber}`)).body.matches[0].memberId).toBe(villager.id);
  });

  it("tells another scheme's users nothing of this scheme's members", async () => {
    const res = await check('nid=100200300', other);
    expect(res.body.matches).toEqual([]);
  });
});
