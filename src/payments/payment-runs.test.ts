import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { engines } from '../../test/engines.js';
import { PASSWORD, testApp, type TestApp } from '../../test/app.js';
import { garmentProduct, paidMonth, QUIET_POLICY } from '../../test/fixtures.js';

/**
 * Seed 003's mix of payment by facility type, through the API: a health centre paid by
 * capitation for the members of its district, a referral hospital by case, by service and by a
 * lump sum that starts mid-month; a draft, approved, paid, and no claim ever paid twice.
 */
describe.each(engines)('the monthly payment run on %s', (engine) => {
  let t: TestApp;
  let admin: string;
  let finance: string;
  let other: string;
  let centre: { id: string };
  let assignedTo: { id: string };
  let hospital: { id: string };
  let workers: { id: string; memberNumber: string }[];
  let surgery: { id: string };

  const post = async (url: string, body: unknown, as = admin) => {
    const res = await t.call('POST', url, { token: as, body });
    if (res.status >= 300) throw new Error(`${url}: ${res.status} ${JSON.stringify(res.body)}`);
    return res.body;
  };
  let claimCount = 0;
  const claim = (body: Record<string, unknown>) =>
    post('/api/v1/claims', {
      externalId: `EXT-${++claimCount}`,
      memberNumber: workers[0]!.memberNumber,
      admittedOn: '2026-02-10',
      ...body,
    });
  const statementOf = (
    run: { statements: { facilityId: string; lines: { basis: string }[] }[] },
    facility: { id: string },
  ) => run.statements.find((s) => s.facilityId === facility.id);

  beforeAll(async () => {
    t = await testApp(engine);
    ({ token: admin } = await t.scheme('PAY'));
    ({ token: other } = await t.scheme('OPA'));
    await t.call('PUT', '/api/v1/claim-policy', {
      token: admin,
      body: { ...QUIET_POLICY, review: { ...QUIET_POLICY.review, amountAbove: 1_000_000 } },
    });
    const province = await post('/api/v1/areas', { level: 'province', code: 'PP', name: 'Phnom Penh' });
    const district = await post('/api/v1/areas', {
      level: 'district',
      code: 'TK',
      name: 'Toul Kork',
      parentId: province.id,
      population: 150_000,
    });
    const product = await garmentProduct(post, {
      effectiveFrom: '2026-01-01',
      categories: ['consultation', 'surgery', 'hospital_stay'].map((category) => ({ category, covered: true })),
    });
    const employer = await post('/api/v1/employers', {
      code: 'QUANTUM',
      name: 'Quantum Clothing',
      productId: product.id,
      areaId: district.id,
    });
    workers = [];
    for (const name of ['Sok Dara', 'Chan Thida', 'Keo Sophal']) {
      workers.push(
        await post('/api/v1/members', { nameLatin: name, sex: 'F', birthDate: '1990-01-01', employerId: employer.id }),
      );
    }
    await paidMonth(
      post,
      employer.id,
      workers.map((w) => ({ memberId: w.id })),
      '2026-02',
      '2026-02-03',
    );
    centre = await post('/api/v1/facilities', {
      code: 'TKHC',
      name: 'Toul Kork Health Centre',
      type: 'health_centre',
      ownership: 'public',
      areaId: district.id,
    });
    hospital = await post('/api/v1/facilities', {
      code: 'CKM',
      name: 'Chamkarmorn Referral Hospital',
      type: 'referral_hospital',
      ownership: 'public',
    });
    await post('/api/v1/contracts', {
      facilityId: centre.id,
      startsOn: '2010-02-01',
      categories: [
        { category: 'consultation', mechanism: 'capitation', basis: { kind: 'per_member', amountPerMember: 25 } },
      ],
    });
    await post('/api/v1/care-cases', {
      code: 'APPENDIX',
      name: 'Appendectomy',
      category: 'surgery',
      averageCost: 120_000,
    });
    const list = await post('/api/v1/price-lists', {
      code: 'OPD',
      name: 'Outpatient',
      items: [{ code: 'CONSULT', name: 'Consultation', kind: 'service', price: 300 }],
    });
    await post('/api/v1/contracts', {
      facilityId: hospital.id,
      startsOn: '2009-08-01',
      categories: [
        { category: 'surgery', mechanism: 'case' },
        { category: 'consultation', mechanism: 'fee_for_service', priceListId: list.id },
      ],
    });
    // The lump sum for stays starts mid-month: a new contract ends the old one the day before.
    await post('/api/v1/contracts', {
      facilityId: hospital.id,
      startsOn: '2026-02-15',
      categories: [
        { category: 'surgery', mechanism: 'case' },
        { category: 'consultation', mechanism: 'fee_for_service', priceListId: list.id },
        { category: 'hospital_stay', mechanism: 'lump_sum', amountPerMonth: 500_000 },
      ],
    });
    // A health centre paid for the members assigned to it, wherever they live.
    assignedTo = await post('/api/v1/facilities', {
      code: 'SMHC',
      name: 'Steung Meanchey Health Centre',
      type: 'health_centre',
      ownership: 'public',
    });
    await post('/api/v1/contracts', {
      facilityId: assignedTo.id,
      startsOn: '2010-05-01',
      categories: [
        {
          category: 'consultation',
          mechanism: 'capitation',
          basis: { kind: 'per_member', amountPerMember: 40, members: 'assigned' },
        },
      ],
    });
    for (const w of workers.slice(0, 2)) {
      const res = await t.call('PATCH', `/api/v1/members/${w.id}`, {
        token: admin,
        body: { assignedFacilityId: assignedTo.id },
      });
      expect(res.body.assignedFacilityId).toBe(assignedTo.id);
    }
    const nowhere = await t.call('PATCH', `/api/v1/members/${workers[2]!.id}`, {
      token: admin,
      body: { assignedFacilityId: 'nowhere' },
    });
    expect(nowhere.status).toBe(400);
    expect(nowhere.body.errors[0].field).toBe('assignedFacilityId');
    surgery = await claim({ facilityId: hospital.id, category: 'surgery', caseCode: 'APPENDIX', claimed: 120_000 });
    await claim({
      facilityId: hospital.id,
      category: 'consultation',
      claimed: 300,
      lines: [{ code: 'CONSULT', quantity: 1, unitPrice: 300 }],
    });
    // In review: nothing is paid for it until a person decides.
    await claim({
      facilityId: hospital.id,
      category: 'consultation',
      admittedOn: '2026-02-11',
      claimed: 2_000_000,
      lines: [{ code: 'CONSULT', quantity: 1, unitPrice: 2_000_000 }],
    });
    await post('/api/v1/users', {
      username: 'finance.pay',
      displayName: 'Finance',
      password: PASSWORD,
      roles: ['finance_officer'],
    });
    finance = await t.login('finance.pay');
  });
  afterAll(() => t.close());

  let febId: string;

  it("computes a month's draft: each facility paid by its contract, with how", async () => {
    const run = await post('/api/v1/payment-runs', { period: '2026-02' }, finance);
    febId = run.id;
    expect(run).toMatchObject({ period: '2026-02', status: 'draft', contributions: 480 });
    expect(statementOf(run, centre)).toMatchObject({ capitation: 75, total: 75, claims: 0 });
    expect(statementOf(run, hospital)).toMatchObject({
      caseBased: 120_000,
      feeForService: 300,
      lumpSum: 250_000,
      claims: 2,
      total: 370_300,
    });
    expect(statementOf(run, assignedTo)).toMatchObject({ capitation: 80, total: 80 });
    expect(statementOf(run, assignedTo)!.lines[0]!.basis).toBe('2 members assigned × 0.40');
    expect(run.total).toBe(370_455);
    const again = await post(`/api/v1/payment-runs/${run.id}/recompute`, {}, finance);
    expect(again.statements).toEqual(run.statements);
    const twice = await t.call('POST', '/api/v1/payment-runs', { token: finance, body: { period: '2026-02' } });
    expect(twice.status).toBe(409);
    expect(twice.body.errors[0].field).toBe('period');
    expect((await t.call('GET', `/api/v1/payment-runs/${run.id}`, { token: other })).status).toBe(404);
  });

  it('adds an adjustment to a draft, with its reason, and refuses bad ones', async () => {
    const run = await post(
      `/api/v1/payment-runs/${febId}/adjustments`,
      { facilityId: hospital.id, amount: -300, reason: 'Consultation billed twice in January' },
      finance,
    );
    expect(statementOf(run, hospital)).toMatchObject({ adjustments: -300, total: 370_000 });
    for (const [body, field] of [
      [{ facilityId: hospital.id, amount: 0, reason: 'x' }, 'amount'],
      [{ facilityId: 'nowhere', amount: 5, reason: 'x' }, 'facilityId'],
      [{ facilityId: hospital.id, amount: 5 }, 'reason'],
    ] as const) {
      const res = await t.call('POST', `/api/v1/payment-runs/${febId}/adjustments`, { token: finance, body });
      expect(res.status, field).toBe(400);
      expect(res.body.errors[0].field).toBe(field);
    }
  });

  it('completes a run stopped before its statements were written, with the same result', async () => {
    // What a stop between making the run and computing it leaves: the run, and nothing else
    // (the computing itself is one transaction, so nothing half-written can be left).
    const { schemeId } = (await t.call('GET', '/api/v1/auth/me', { token: admin })).body;
    await t.db.kysely
      .insertInto('payment_run')
      .values({
        id: 'stopped-run',
        scheme_id: schemeId,
        period: '2025-12',
        status: 'draft',
        total: 0,
        contributions: 0,
        computed_at: null,
        created_at: '2026-01-05T00:00:00Z',
        created_by: 'finance.pay',
      })
      .execute();
    const refused = await t.call('POST', '/api/v1/payment-runs/stopped-run/approve', { token: admin });
    expect(refused.status).toBe(409);
    const done = await post('/api/v1/payment-runs/stopped-run/recompute', {}, finance);
    expect(done.computedAt).not.toBeNull();
    expect(statementOf(done, centre)).toMatchObject({ capitation: 0 });
    expect(done.statements.every((s: { claims: number }) => s.claims === 0)).toBe(true);
  });

  it('refuses to approve a draft whose facts changed since, then approves it computed again', async () => {
    await claim({
      facilityId: hospital.id,
      category: 'consultation',
      admittedOn: '2026-02-20',
      claimed: 300,
      lines: [{ code: 'CONSULT', quantity: 1, unitPrice: 300 }],
    });
    expect((await t.call('POST', `/api/v1/payment-runs/${febId}/approve`, { token: finance })).status).toBe(403);
    const stale = await t.call('POST', `/api/v1/payment-runs/${febId}/approve`, { token: admin });
    expect(stale.status).toBe(409);
    expect(stale.body.detail).toMatch(/recompute/);
    await post(`/api/v1/payment-runs/${febId}/recompute`, {}, finance);
    const approved = await post(`/api/v1/payment-runs/${febId}/approve`, {}, admin);
    expect(approved).toMatchObject({ status: 'approved', approvedBy: expect.any(String) });
    expect(statementOf(approved, hospital)).toMatchObject({ feeForService: 600, claims: 3 });
    const paidClaim = (await t.call('GET', `/api/v1/claims/${surgery.id}`, { token: admin })).body;
    expect(paidClaim.paymentRunId).toBe(febId);
  });

  it('never changes an approved run, nor the claims it pays', async () => {
    expect((await t.call('POST', `/api/v1/payment-runs/${febId}/recompute`, { token: finance })).status).toBe(409);
    const adjust = await t.call('POST', `/api/v1/payment-runs/${febId}/adjustments`, {
      token: finance,
      body: { facilityId: hospital.id, amount: 5, reason: 'late' },
    });
    expect(adjust.status).toBe(409);
    const { schemeId } = (await t.call('GET', '/api/v1/auth/me', { token: admin })).body;
    await t.db.kysely
      .updateTable('claim')
      .set({ audit_sample: 1 })
      .where('scheme_id', '=', schemeId)
      .where('id', '=', surgery.id)
      .execute();
    const audit = await t.call('POST', `/api/v1/claims/${surgery.id}/audit`, {
      token: admin,
      body: { action: 'reject', reason: 'found later' },
    });
    expect(audit.status).toBe(409);
    expect(audit.body.errors[0].reason).toMatch(/approved run of 2026-02/);
  });

  it("pays a late claim in the next month's run, and no claim twice", async () => {
    const late = await claim({
      facilityId: hospital.id,
      category: 'surgery',
      caseCode: 'APPENDIX',
      admittedOn: '2026-02-26',
      claimed: 120_000,
    });
    const march = await post('/api/v1/payment-runs', { period: '2026-03' }, finance);
    expect(statementOf(march, hospital)).toMatchObject({ caseBased: 120_000, claims: 1, lumpSum: 500_000 });
    expect((await t.call('GET', `/api/v1/claims/${late.id}`, { token: admin })).body.paymentRunId).toBe(march.id);
    const paidTwice = await t.db.kysely
      .selectFrom('claim')
      .select('id')
      .where('id', '=', surgery.id)
      .where('payment_run_id', '=', march.id)
      .execute();
    expect(paidTwice).toEqual([]);
  });

  it('records the payment of an approved run, once', async () => {
    const early = await t.call('POST', `/api/v1/payment-runs/${febId}/paid`, {
      token: admin,
      body: { paidOn: '2026-01-31' },
    });
    expect(early.status).toBe(400);
    const paid = await post(`/api/v1/payment-runs/${febId}/paid`, { paidOn: '2026-03-05', reference: 'ACLEDA-7781' });
    expect(paid).toMatchObject({ status: 'paid', paidOn: '2026-03-05', paidReference: 'ACLEDA-7781' });
    expect(
      (await t.call('POST', `/api/v1/payment-runs/${febId}/paid`, { token: admin, body: { paidOn: '2026-03-06' } }))
        .status,
    ).toBe(409);
    const list = await t.call('GET', '/api/v1/payment-runs', { token: finance });
    expect(list.body.items.map((r: { period: string }) => r.period)).toEqual(['2026-03', '2026-02', '2025-12']);
  });

  it("prints a facility's statement as PDF and CSV", async () => {
    const pdf = await t.app.request(`/api/v1/payment-runs/${febId}/statements/${hospital.id}`, {
      headers: { authorization: `Bearer ${finance}` },
    });
    expect(pdf.status).toBe(200);
    expect(pdf.headers.get('content-type')).toBe('application/pdf');
    const bytes = Buffer.from(await pdf.arrayBuffer());
    expect(bytes.subarray(0, 5).toString()).toBe('%PDF-');
    const csv = await t.call('GET', `/api/v1/payment-runs/${febId}/statements/${hospital.id}?format=csv`, {
      token: finance,
    });
    expect(csv.headers.get('content-type')).toMatch(/text\/csv/);
    const rows = (csv.body as string).trim().split(/\r?\n/);
    expect(rows[0]).toBe('period,status,facility_code,facility_name,category,mechanism,claims,basis,amount,currency');
    expect(rows).toContainEqual(
      expect.stringMatching(/^2026-02,paid,CKM,Chamkarmorn Referral Hospital,surgery,case,1,.*,120000,USD$/),
    );
    const all = await t.call('GET', `/api/v1/payment-runs/${febId}/statements.csv`, { token: finance });
    expect(all.body).toContain('TKHC');
    expect((await t.call('GET', `/api/v1/payment-runs/${febId}/statements/nowhere`, { token: finance })).status).toBe(
      404,
    );
  });
});
