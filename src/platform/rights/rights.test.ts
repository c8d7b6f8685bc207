import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { engines } from '../../../test/engines.js';
import { PASSWORD, testApp, type TestApp } from '../../../test/app.js';

/** Routes any logged-in caller may use, whatever their rights; and those open to everyone. */
const LOGIN_ONLY = ['POST /api/v1/auth/logout', 'GET /api/v1/auth/me', 'POST /api/v1/auth/password'];
const PUBLIC = [
  'POST /api/v1/auth/login',
  'POST /api/v1/payment-notifications/{id}',
  // A sampled member's own survey link: the unguessable token is the right.
  'GET /api/v1/survey-links/{token}',
  'POST /api/v1/survey-links/{token}',
];
const FLAT = { kind: 'flat', period: 'month', amount: 160, employerShareBp: 5000 };
const PRODUCT = {
  covers: 'member',
  term: { kind: 'monthly' },
  categories: [{ category: 'consultation', covered: true }],
};

interface Route {
  method: string;
  path: string;
}

/**
 * Every protected route, taken from the OpenAPI document so that a new route is tried here
 * without anyone remembering to add it: without a login, without the right, from another
 * tenant, and from another area.
 */
describe.each(engines)('rights, tenants and areas on %s', (engine) => {
  let t: TestApp;
  let routes: Route[];
  let a: { schemeId: string; token: string };
  let b: { schemeId: string; token: string };
  let nobody: string;
  let district1User: string;
  const ids: Record<string, string> = {};
  const inD2: Record<string, string> = {};
  let png: Uint8Array;

  const post = async (token: string, url: string, body: unknown) => {
    const res = await t.call('POST', url, { token, body });
    if (res.status >= 300) throw new Error(`${url}: ${res.status} ${JSON.stringify(res.body)}`);
    return res.body;
  };

  beforeAll(async () => {
    t = await testApp(engine);
    a = await t.scheme('AAA');
    b = await t.scheme('BBB');
    png = new Uint8Array(
      await sharp({ create: { width: 8, height: 8, channels: 3, background: '#888' } })
        .png()
        .toBuffer(),
    );
    const doc = (await t.call('GET', '/api/openapi.json')).body;
    routes = Object.entries(doc.paths as Record<string, Record<string, unknown>>).flatMap(([path, ops]) =>
      Object.keys(ops).map((method) => ({ method: method.toUpperCase(), path: path.replace(/\{(\w+)\}/g, ':$1') })),
    );

    const province = await post(a.token, '/api/v1/areas', { level: 'province', code: 'P', name: 'Province' });
    const d1 = await post(a.token, '/api/v1/areas', {
      parentId: province.id,
      level: 'district',
      code: 'D1',
      name: 'One',
    });
    const d2 = await post(a.token, '/api/v1/areas', {
      parentId: province.id,
      level: 'district',
      code: 'D2',
      name: 'Two',
    });
    for (const [target, area, n] of [
      [ids, d1, 1],
      [inD2, d2, 2],
    ] as const) {
      const employer = await post(a.token, '/api/v1/employers', {
        code: `E${n}`,
        name: `Employer ${n}`,
        areaId: area.id,
      });
      const group = await post(a.token, '/api/v1/groups', {
        code: `G${n}`,
        name: `Group ${n}`,
        kind: 'village',
        areaId: area.id,
      });
      const facility = await post(a.token, '/api/v1/facilities', {
        code: `HC${n}`,
        name: `Health centre ${n}`,
        type: 'health_centre',
        ownership: 'public',
        areaId: area.id,
      });
      const member = await post(a.token, '/api/v1/members', {
        nameLatin: `Sok Member${'x'.repeat(n)}`,
        sex: 'F',
        birthDate: '1990-01-01',
        employerId: employer.id,
      });
      Object.assign(target, {
        facilities: facility.id,
        areas: area.id,
        employers: employer.id,
        groups: group.id,
        members: member.id,
        households: member.householdId,
      });
    }
    const role = await post(a.token, '/api/v1/roles', {
      code: 'reader_of_scheme',
      name: 'Scheme reader',
      rights: ['scheme.read'],
    });
    const nobodyUser = await post(a.token, '/api/v1/users', {
      username: 'nobody',
      displayName: 'No rights',
      password: PASSWORD,
      roles: [role.code],
    });
    nobody = await t.login('nobody');
    await post(a.token, '/api/v1/users', {
      username: 'district1',
      displayName: 'District one officer',
      password: PASSWORD,
      roles: ['administrator'],
      areaIds: [ids.areas],
    });
    district1User = await t.login('district1');
    const machine = await post(a.token, '/api/v1/users', {
      username: 'machine',
      displayName: 'M',
      roles: ['facility_agent'],
      isMachine: true,
    });
    const token = await post(a.token, '/api/v1/api-tokens', { name: 'gateway', userId: machine.user.id });
    const job = await t.call('POST', `/api/v1/imports/members?wait=true`, {
      token: a.token,
      body: 'name_latin,sex,birth_date\nKeo Dara,F,1991-01-01',
      headers: { 'content-type': 'text/csv' },
    });
    const payer = await post(a.token, '/api/v1/payers', { code: 'GOV', name: 'Government', kind: 'government' });
    const rule = await post(a.token, '/api/v1/contribution-rules', {
      code: 'HIP',
      name: 'HIP',
      version: { effectiveFrom: '2011-01-01', definition: FLAT },
    });
    const product = await post(a.token, '/api/v1/products', {
      code: 'BASIC',
      name: 'Basic',
      version: { effectiveFrom: '2011-01-01', definition: PRODUCT },
    });
    // A month declared by each district's employer, for the declaration and invoice routes.
    const priced = await post(a.token, '/api/v1/products', {
      code: 'PRICED',
      name: 'Priced',
      version: { effectiveFrom: '2011-01-01', definition: { ...PRODUCT, contributionRuleId: rule.id } },
    });
    for (const target of [ids, inD2]) {
      await t.call('PATCH', `/api/v1/employers/${target.employers}`, {
        token: a.token,
        body: { productId: priced.id },
      });
      const declaration = await post(a.token, '/api/v1/declarations', {
        employerId: target.employers,
        period: '2011-07',
        lines: [{ memberId: target.members }],
      });
      Object.assign(target, { declarations: declaration.id, invoices: declaration.invoice.id });
    }
    // A card for each district's member, for the card routes.
    for (const target of [ids, inD2]) {
      target.cards = (await post(a.token, `/api/v1/members/${target.members}/cards`, {})).id;
    }
    // Money received and premiums collected in each district, for the payment and collection routes.
    const yearlyRule = await post(a.token, '/api/v1/contribution-rules', {
      code: 'YEAR',
      name: 'Yearly',
      version: {
        effectiveFrom: '2011-01-01',
        definition: { ...FLAT, period: 'year', amount: 1000, employerShareBp: 0 },
      },
    });
    const yearly = await post(a.token, '/api/v1/products', {
      code: 'YEARLY',
      name: 'Yearly',
      version: {
        effectiveFrom: '2011-01-01',
        definition: { ...PRODUCT, term: { kind: 'yearly', cycleStarts: ['01-01'] }, contributionRuleId: yearlyRule.id },
      },
    });
    const collector = await post(a.token, '/api/v1/collectors', {
      code: 'C1',
      name: 'Collector',
      kind: 'agent',
      commissionBp: 1000,
    });
    const channel = await post(a.token, '/api/v1/payment-channels', { name: 'Bank', method: 'bank_transfer' });
    for (const [target, n] of [
      [ids, 1],
      [inD2, 2],
    ] as const) {
      const villager = await post(a.token, '/api/v1/members', {
        nameLatin: `Keo Villager${'y'.repeat(n)}`,
        sex: 'M',
        birthDate: '1980-01-01',
        groupId: target.groups,
      });
      const premium = await post(a.token, '/api/v1/premiums', {
        memberNumber: villager.memberNumber,
        productId: yearly.id,
        collectorId: collector.id,
        amount: 1000,
        collectedOn: '2026-01-05',
      });
      const campaign = await post(a.token, '/api/v1/campaigns', {
        name: `Village ${n}`,
        groupId: target.groups,
        productId: yearly.id,
        cycleStart: '2028-01-01',
        opensOn: '2027-10-01',
        closesOn: '2027-12-31',
        thresholdBp: 5000,
      });
      const payment = await post(a.token, '/api/v1/payments', {
        method: 'bank_transfer',
        externalId: `BANK-${n}`,
        amount: 100,
        currency: 'USD',
        paidOn: '2026-01-05',
        employerId: target.employers,
      });
      // A visit of the villager at the district's facility (written directly: the check-in
      // rules have their own tests, these only need a record to reach).
      const visit = { id: `visit-${n}` };
      await t.db.kysely
        .insertInto('visit')
        .values({
          id: visit.id,
          scheme_id: a.schemeId,
          number: `V-${n}`,
          member_id: villager.id,
          facility_id: target.facilities!,
          visited_on: '2026-02-01',
          category: null,
          card_id: null,
          covered_until: null,
          checked_in_at: '2026-02-01T08:00:00Z',
          checked_in_by: 'test',
        })
        .execute();
      Object.assign(target, { premiums: premium.id, campaigns: campaign.id, payments: payment.id, visits: visit.id });
    }
    // Providers' terms and a claim at each district's facility, for the contract and claim routes.
    const careCase = await post(a.token, '/api/v1/care-cases', {
      code: 'RIGHTSCASE',
      name: 'Case',
      category: 'surgery',
      averageCost: 1000,
    });
    const priceList = await post(a.token, '/api/v1/price-lists', { code: 'PL', name: 'Prices', items: [] });
    for (const target of [ids, inD2]) {
      const contract = await post(a.token, '/api/v1/contracts', {
        facilityId: target.facilities,
        startsOn: '2026-01-01',
        categories: [{ category: 'consultation', mechanism: 'fee_for_service', priceListId: priceList.id }],
      });
      const claim = await post(a.token, '/api/v1/claims', {
        facilityId: target.facilities,
        externalId: 'C-1',
        memberId: target.members,
        category: 'consultation',
        admittedOn: '2026-02-01',
        claimed: 100,
      });
      const reimbursement = await post(a.token, '/api/v1/reimbursements', {
        memberId: target.members,
        providerName: 'Private clinic',
        receiptNumber: 'R-1',
        careOn: '2026-02-01',
        category: 'surgery',
        caseCode: careCase.code,
        paidByMember: 100,
        receipt: { contentType: 'application/pdf', data: Buffer.from('%PDF-1.4').toString('base64') },
      });
      const benefit = await post(a.token, '/api/v1/cash-benefits', {
        memberId: target.members,
        kind: 'sick_leave',
        certificate: 'MC-1',
        startsOn: '2026-02-01',
        endsOn: '2026-02-10',
      });
      Object.assign(target, {
        contracts: contract.id,
        claims: claim.id,
        reimbursements: reimbursement.id,
        'cash-benefits': benefit.id,
      });
    }
    // A complaint about each district's member, for the ticket routes.
    for (const target of [ids, inD2]) {
      const ticket = await post(a.token, '/api/v1/tickets', {
        channel: 'hotline',
        category: 'other',
        description: 'A complaint',
        memberId: target.members,
      });
      target.tickets = ticket.id;
    }
    const survey = await post(a.token, '/api/v1/surveys', {
      name: 'Satisfaction',
      round: '2026',
      questions: [{ code: 'q1', dimension: 'registration', type: 'likert', text: { en: 'Easy?' } }],
    });
    const indicator = await post(a.token, '/api/v1/indicators', {
      code: 'own_one',
      name: 'Own',
      description: 'A scheme’s own indicator',
      numerator: 'claims_paid',
      denominator: '1',
      unit: 'count',
    });
    const paymentRun = await post(a.token, '/api/v1/payment-runs', { period: '2026-02' });
    const run = await post(a.token, '/api/v1/coverage/runs?wait=true', { period: '2011-07' });
    Object.assign(ids, {
      coverage: run.id,
      collectors: collector.id,
      'payment-channels': channel.id,
      products: product.id,
      users: nobodyUser.user.id,
      'api-tokens': token.id,
      imports: job.body.id,
      roles: role.code,
      payers: payer.id,
      'contribution-rules': rule.id,
      'care-cases': careCase.code,
      'price-lists': priceList.id,
      'payment-runs': paymentRun.id,
      surveys: survey.id,
      indicators: indicator.code,
    });
  });
  afterAll(() => t.close());

  const protectedRoutes = () =>
    routes.filter((r) => !PUBLIC.includes(`${r.method} ${r.path.replace(/:(\w+)/g, '{$1}')}`));
  const key = (r: Route) => `${r.method} ${r.path.replace(/:(\w+)/g, '{$1}')}`;
  const collection = (r: Route) => r.path.split('/')[3]!;
  const url = (r: Route, source: Record<string, string>) => {
    if (!r.path.includes(':')) return r.path;
    const id = source[collection(r)];
    if (!id) throw new Error(`no record to try ${key(r)} with: add one to the rights test`);
    return r.path.replace(/:\w+/, id);
  };
  /** A body that passes validation, so that what answers is the rights check and not the schema. */
  const bodyFor = (r: Route): { body?: unknown; headers?: Record<string, string> } => {
    if (r.path.endsWith('/photo') && r.method === 'PUT') return { body: png, headers: { 'content-type': 'image/png' } };
    if (r.path.endsWith('/versions')) {
      const definition = r.path.startsWith('/api/v1/products') ? PRODUCT : FLAT;
      return { body: { effectiveFrom: '2030-01-01', definition } };
    }
    if (r.path.startsWith('/api/v1/tickets/') && r.path.endsWith('/assign'))
      return { body: { userId: null, version: 0 } };
    if (r.path.endsWith('/assign')) return { body: { employerId: 'someone' } };
    if (r.path.endsWith('/revoke')) return { body: { reason: 'lost' } };
    if (r.path.endsWith('/quality-assessments') && r.method === 'POST')
      return { body: { assessedOn: '2026-01-01', score: 80 } };
    if (r.method === 'POST' && /\/(review|audit)$/.test(r.path)) return { body: { action: 'approve', reason: 'seen' } };
    if (r.path.endsWith('/end')) return { body: { endsOn: '2030-01-01' } };
    if (r.path.endsWith('/adjustments')) return { body: { facilityId: 'someone', amount: 1, reason: 'test' } };
    if (r.path.endsWith('/paid')) return { body: { paidOn: '2026-03-01' } };
    if (r.path.startsWith('/api/v1/surveys/') && /\/(open|close)$/.test(r.path)) return { body: { version: 0 } };
    if (r.path === '/api/v1/surveys/:id' && r.method === 'PATCH') return { body: { version: 0 } };
    if (r.path.endsWith('/sample') && r.method === 'POST') return { body: { size: 1, seed: 1 } };
    if (r.path.endsWith('/interviews')) return { body: { memberId: 'someone', outcome: 'refused' } };
    if (r.path === '/api/v1/financial-entries') return { body: { month: '2026-01', entries: { assets: 1 } } };
    if (r.path === '/api/v1/figures/refresh') return { body: { from: '2026-01', to: '2026-01' } };
    if (r.path === '/api/v1/indicators' && r.method === 'POST')
      return {
        body: { code: 'tried', name: 'T', description: 'T', numerator: 'claims_paid', denominator: '1', unit: 'count' },
      };
    if (r.path === '/api/v1/federation/indicators' && r.method === 'PUT') return { body: { items: [] } };
    if (r.path.endsWith('/notes')) return { body: { note: 'called the member' } };
    if (r.path.endsWith('/resolve')) return { body: { resolution: 'done', version: 0 } };
    if (r.path.endsWith('/reopen')) return { body: { note: 'disputed', version: 0 } };
    if (r.path.endsWith('/informed')) return { body: { how: 'phone' } };
    if (r.path === '/api/v1/ticket-categories' && r.method === 'PUT')
      return { body: { items: [{ code: 'other', name: 'Other', deadlineHours: 24, priority: 'low' }] } };
    if (r.path.endsWith('/intentions')) return { body: { memberNumber: 'X-1' } };
    if (r.path.endsWith('/remittances') && r.method === 'POST')
      return { body: { amount: 1, remittedOn: '2026-01-01' } };
    if (r.path.startsWith('/api/v1/imports') && r.method === 'POST')
      return { body: 'name_latin\n', headers: { 'content-type': 'text/csv' } };
    return r.method === 'GET' || r.method === 'DELETE' ? {} : { body: {} };
  };

  it('finds the routes in the OpenAPI document', () => {
    expect(routes.length).toBeGreaterThan(25);
  });

  it('refuses every protected route without a login', async () => {
    for (const r of protectedRoutes()) {
      const res = await t.call(r.method, url(r, ids), bodyFor(r));
      expect(res.status, key(r)).toBe(401);
    }
  });

  it('refuses every protected route to a user without its right', async () => {
    for (const r of protectedRoutes()) {
      if (LOGIN_ONLY.includes(key(r)) || key(r) === 'GET /api/v1/scheme') continue;
      const res = await t.call(r.method, url(r, ids), { token: nobody, ...bodyFor(r) });
      expect(res.status, key(r)).toBe(403);
    }
  });

  it("answers another tenant's records as not found, and lists none of them", async () => {
    const ownIds = Object.values(ids);
    for (const r of protectedRoutes()) {
      if (LOGIN_ONLY.includes(key(r))) continue;
      if (r.path.includes(':')) {
        const res = await t.call(r.method, url(r, ids), { token: b.token, ...bodyFor(r) });
        expect(res.status, key(r)).toBe(404);
      } else if (r.method === 'GET') {
        const res = await t.call('GET', r.path, { token: b.token });
        for (const id of ownIds) expect(JSON.stringify(res.body), key(r)).not.toContain(id);
      }
    }
    const byName = await t.call('GET', '/api/v1/members?name=sok', { token: b.token });
    expect(byName.body.items).toEqual([]);
  });

  it("answers another area's records as not found to a user limited to an area", async () => {
    const areaRoutes = protectedRoutes().filter((r) => r.path.includes(':') && inD2[collection(r)]);
    expect(areaRoutes.map(collection)).toEqual(
      expect.arrayContaining(['members', 'employers', 'groups', 'facilities', 'areas', 'households']),
    );
    for (const r of areaRoutes) {
      const res = await t.call(r.method, url(r, inD2), { token: district1User, ...bodyFor(r) });
      expect(res.status, key(r)).toBe(404);
      const own = await t.call(r.method, url(r, ids), { token: district1User, ...bodyFor(r) });
      // An action tried with a made-up body is refused for what it asks, but not as out of reach.
      if (/\/(assign|intentions|remittances|review|audit|paid|resolve|reopen|informed)$/.test(r.path))
        expect([400, 409], key(r)).toContain(own.status);
      else expect(own.status, `${key(r)} in the user's own area`).toBeLessThan(300);
    }
    for (const list of [
      '/api/v1/members',
      '/api/v1/employers',
      '/api/v1/groups',
      '/api/v1/areas',
      '/api/v1/members?name=sok',
      '/api/v1/tickets',
    ]) {
      const res = await t.call('GET', list, { token: district1User });
      const text = JSON.stringify(res.body);
      expect(text, list).not.toContain(inD2.members);
      expect(text, list).not.toContain(inD2.employers);
      expect(text, list).not.toContain(inD2.groups);
    }
    const outside = await t.call('POST', '/api/v1/employers', {
      token: district1User,
      body: { code: 'E9', name: 'Nine', areaId: inD2.areas },
    });
    expect(outside.status).toBe(403);
    const nowhere = await t.call('POST', '/api/v1/employers', {
      token: district1User,
      body: { code: 'E8', name: 'Eight' },
    });
    expect(nowhere.status).toBe(400);
    const member = await t.call('POST', '/api/v1/members', {
      token: district1User,
      body: { nameLatin: 'Chan Thida', sex: 'F', birthDate: '1990-05-05', employerId: inD2.employers },
    });
    expect(member.status).toBe(403);
  });
});
