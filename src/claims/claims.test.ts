import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { engines } from '../../test/engines.js';
import { PASSWORD, testApp, type TestApp } from '../../test/app.js';
import { garmentProduct, QUIET_POLICY, paidMonth } from '../../test/fixtures.js';

/**
 * Seed 001's provider payment, end to end through the API: a referral hospital paid by fee for
 * service for consultations and by case for surgery, at the coefficient its quality score gives;
 * claims decided at once, the rest reviewed by a claims officer.
 */
describe.each(engines)('claims on %s', (engine) => {
  let t: TestApp;
  let admin: string;
  let agent: string;
  let officer: string;
  let other: string;
  let hospital: { id: string };
  let worker: { id: string; memberNumber: string };
  let unpaid: { memberNumber: string };
  const noReview = QUIET_POLICY;

  const post = async (url: string, body: unknown, as = admin) => {
    const res = await t.call('POST', url, { token: as, body });
    if (res.status >= 300) throw new Error(`${url}: ${res.status} ${JSON.stringify(res.body)}`);
    return res.body;
  };
  const claim = (body: Record<string, unknown>, as = agent) =>
    t.call('POST', '/api/v1/claims', {
      token: as,
      body: { facilityId: hospital.id, memberNumber: worker.memberNumber, admittedOn: '2026-02-10', ...body },
    });
  const count = async () => (await t.db.kysely.selectFrom('claim').select('id').execute()).length;
  const setPolicy = (policy: unknown) => t.call('PUT', '/api/v1/claim-policy', { token: admin, body: policy });

  beforeAll(async () => {
    t = await testApp(engine);
    ({ token: admin } = await t.scheme('CLM'));
    ({ token: other } = await t.scheme('OCL'));
    const product = await garmentProduct(post, {
      effectiveFrom: '2026-01-01',
      categories: [
        { category: 'consultation', covered: true, copayment: { shareBp: 0, fixed: 100 } },
        { category: 'surgery', covered: true, ceilingPerMember: 200_000 },
        { category: 'delivery', covered: true, waitingDays: 270 },
        { category: 'hospital_stay', covered: true },
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
    hospital = await post('/api/v1/facilities', {
      code: 'CKM',
      name: 'Chamkarmorn Referral Hospital',
      type: 'referral_hospital',
      ownership: 'public',
    });
    await post(`/api/v1/facilities/${hospital.id}/quality-assessments`, { assessedOn: '2026-01-15', score: 88 });
    await post('/api/v1/care-cases', {
      code: 'APPENDIX',
      name: 'Appendectomy',
      category: 'surgery',
      procedures: ['Surgery', 'Anaesthesia', 'Three days in hospital'],
      averageCost: 120_000,
    });
    const list = await post('/api/v1/price-lists', {
      code: 'OPD',
      name: 'Outpatient services',
      items: [
        { code: 'CONSULT', name: 'Consultation', kind: 'service', price: 300 },
        { code: 'AMOX', name: 'Amoxicillin 500 mg', kind: 'medicine', price: 10 },
        { code: 'PAP', name: 'Cervical smear', kind: 'service', price: 800, sex: 'F', minIntervalDays: 365 },
      ],
    });
    await post('/api/v1/contracts', {
      facilityId: hospital.id,
      startsOn: '2009-08-01',
      categories: [
        { category: 'consultation', mechanism: 'fee_for_service', priceListId: list.id },
        { category: 'surgery', mechanism: 'case' },
        { category: 'hospital_stay', mechanism: 'lump_sum', amountPerMonth: 500_000 },
      ],
    });
    expect((await setPolicy(noReview)).status).toBe(200);
    for (const [username, roles] of [
      ['desk.clm', ['facility_agent']],
      ['officer.clm', ['claims_officer']],
    ] as const) {
      await post('/api/v1/users', { username, displayName: username, password: PASSWORD, roles });
    }
    agent = await t.login('desk.clm');
    officer = await t.login('officer.clm');
  });
  afterAll(() => t.close());

  it("keeps quality scores and answers each with the coefficient the scheme's bands give", async () => {
    const res = await t.call('GET', `/api/v1/facilities/${hospital.id}/quality-assessments`, { token: admin });
    expect(res.body.items).toEqual([
      expect.objectContaining({ assessedOn: '2026-01-15', score: 88, coefficientBp: 11_000 }),
    ]);
    const twice = await t.call('POST', `/api/v1/facilities/${hospital.id}/quality-assessments`, {
      token: admin,
      body: { assessedOn: '2026-01-15', score: 60 },
    });
    expect(twice.status).toBe(409);
  });

  it('decides a consultation at once: priced at the list, the co-payment off, with its reasons', async () => {
    const res = await claim({
      externalId: 'CKM-1',
      category: 'consultation',
      diagnosis: 'j18.9',
      claimed: 500,
      lines: [
        { code: 'CONSULT', quantity: 1, unitPrice: 400 },
        { code: 'AMOX', quantity: 10, unitPrice: 10 },
      ],
    });
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({
      number: 'CKM-2602-00001',
      memberId: worker.id,
      nameLatin: 'Sok Dara',
      diagnosis: 'J18.9',
      status: 'partly_approved',
      mechanism: 'fee_for_service',
      claimed: 500,
      memberPays: 100,
      approved: 300,
      decidedBy: 'rules',
    });
    expect(res.body.lines.map((l: { approved: number }) => l.approved)).toEqual([300, 100]);
    expect(res.body.reasons.map((r: { code: string }) => r.code)).toEqual(['PRICED_AT_LIST', 'COPAYMENT']);

    // The same claim sent again (a retry) answers the claim already made; changed, it is refused.
    const again = await claim({
      externalId: 'CKM-1',
      category: 'consultation',
      diagnosis: 'j18.9',
      claimed: 500,
      lines: [
        { code: 'CONSULT', quantity: 1, unitPrice: 400 },
        { code: 'AMOX', quantity: 10, unitPrice: 10 },
      ],
    });
    expect(again.status).toBe(200);
    expect(again.body.id).toBe(res.body.id);
    const changed = await claim({ externalId: 'CKM-1', category: 'consultation', claimed: 300, lines: [] });
    expect(changed.status).toBe(409);
    expect(changed.body.errors[0].field).toBe('externalId');

    const audit = await t.call('GET', `/api/v1/audit?entity=claim&entityId=${res.body.id}`, { token: admin });
    expect(audit.body.items.map((e: { action: string }) => e.action)).toContain('submit');
  });

  it("pays a surgery case its average cost at the hospital's 110 %, and refuses the same care twice", async () => {
    const res = await claim({
      externalId: 'CKM-2',
      category: 'surgery',
      caseCode: 'APPENDIX',
      admittedOn: '2026-02-12',
      dischargedOn: '2026-02-15',
      claimed: 125_000,
    });
    expect(res.body).toMatchObject({ status: 'approved', approved: 132_000, mechanism: 'case' });
    const duplicate = await claim({
      externalId: 'CKM-3',
      category: 'surgery',
      caseCode: 'APPENDIX',
      admittedOn: '2026-02-12',
      claimed: 125_000,
    });
    expect(duplicate.status).toBe(201);
    expect(duplicate.body.status).toBe('rejected');
    expect(duplicate.body.reasons[0]).toMatchObject({
      code: 'DUPLICATE',
      message: expect.stringContaining(res.body.number),
    });
  });

  it('pays only what is left under the yearly ceiling of the category, as the desk is told', async () => {
    const left = async () => {
      const res = await t.call('GET', `/api/v1/eligibility?member=${worker.memberNumber}&date=2026-02-20`, {
        token: agent,
      });
      return Object.fromEntries(
        res.body.matches[0].categories.map((c: { category: string; ceilingLeft: number | null }) => [
          c.category,
          c.ceilingLeft,
        ]),
      );
    };
    expect(await left()).toMatchObject({ surgery: 200_000 - 132_000, consultation: null });
    const res = await claim({
      externalId: 'CKM-4',
      category: 'surgery',
      caseCode: 'APPENDIX',
      admittedOn: '2026-02-20',
      claimed: 125_000,
    });
    expect(res.body).toMatchObject({ status: 'partly_approved', approved: 200_000 - 132_000 });
    const none = await claim({
      externalId: 'CKM-5',
      category: 'surgery',
      caseCode: 'APPENDIX',
      admittedOn: '2026-02-25',
      claimed: 125_000,
    });
    expect(none.body).toMatchObject({ status: 'rejected', approved: 0 });
    expect(none.body.reasons[0].code).toBe('CEILING_REACHED');
    expect((await left()).surgery).toBe(0);
  });

  it('rejects, with reasons, care for a member not covered, in a waiting period, or outside the contract', async () => {
    const uncovered = await claim({
      externalId: 'CKM-6',
      memberNumber: unpaid.memberNumber,
      category: 'consultation',
      claimed: 300,
      lines: [{ code: 'CONSULT', quantity: 1, unitPrice: 300 }],
    });
    expect(uncovered.body.status).toBe('rejected');
    expect(uncovered.body.reasons.map((r: { code: string }) => r.code)).toEqual(['NOT_COVERED']);
    const waiting = await claim({ externalId: 'CKM-7', category: 'delivery', claimed: 50_000 });
    expect(waiting.body.reasons.map((r: { code: string }) => r.code)).toEqual([
      'WAITING_PERIOD',
      'CATEGORY_NOT_IN_CONTRACT',
    ]);
    const lumpSum = await claim({ externalId: 'CKM-8', category: 'hospital_stay', claimed: 20_000 });
    expect(lumpSum.body).toMatchObject({ status: 'approved', approved: 0, mechanism: 'lump_sum' });
  });

  it('answers bad input with the field at fault and records nothing', async () => {
    const before = await count();
    const cases: [Record<string, unknown>, string][] = [
      [
        { memberNumber: `${worker.memberNumber.slice(0, -1)}${(Number(worker.memberNumber.at(-1)) + 1) % 10}` },
        'memberNumber',
      ],
      [{ facilityId: 'nowhere' }, 'facilityId'],
      [{ diagnosis: 'flu' }, 'diagnosis'],
      [{ category: 'massage' }, 'category'],
      [{ caseCode: 'NOPE', category: 'surgery' }, 'caseCode'],
      [{ lines: [{ code: 'CONSULT', quantity: 1, unitPrice: 100 }] }, 'claimed'],
      [{ admittedOn: '2026-02-30' }, 'admittedOn'],
      [{ admittedOn: '2099-01-01' }, 'admittedOn'],
      [{ visitNumber: 'NO-SUCH-VISIT', memberNumber: undefined }, 'visitNumber'],
      [{ claimed: -5 }, 'claimed'],
      [{ admittedOn: '2026-02-10', dischargedOn: '2026-02-09' }, 'dischargedOn'],
    ];
    for (const [change, field] of cases) {
      const res = await claim({ externalId: `BAD-${field}`, category: 'consultation', claimed: 300, ...change });
      expect(res.status, field).toBe(400);
      expect(
        res.body.errors.map((e: { field: string }) => e.field),
        field,
      ).toContain(field);
    }
    const malformed = await t.call('POST', '/api/v1/claims', {
      token: agent,
      body: '{"facilityId":',
      headers: { 'content-type': 'application/json' },
    });
    expect(malformed.status).toBe(400);
    expect(await count()).toBe(before);
  });

  it('sends claims the policy selects to the review queue, riskiest first, for a claims officer to decide', async () => {
    await setPolicy({ ...noReview, review: { ...noReview.review, amountAbove: 20_000 } });
    const big = await claim({
      externalId: 'CKM-9',
      category: 'surgery',
      caseCode: 'APPENDIX',
      admittedOn: '2026-01-20',
      claimed: 400_000,
      memberNumber: undefined,
      memberId: worker.id,
    });
    expect(big.body).toMatchObject({ status: 'rejected' });
    // January is not covered: the worker's cover is February's.
    const febBig = await claim({
      externalId: 'CKM-10',
      category: 'hospital_stay',
      admittedOn: '2026-02-05',
      claimed: 300_000,
    });
    expect(febBig.body).toMatchObject({ status: 'review', approved: 0 });
    expect(febBig.body.riskScore).toBeGreaterThan(0);
    expect(febBig.body.reasons.map((r: { code: string }) => r.code)).toContain('ABOVE_AMOUNT');

    const queue = await t.call('GET', '/api/v1/claims?status=review', { token: officer });
    expect(queue.body.items.map((c: { id: string }) => c.id)).toEqual([febBig.body.id]);
    expect(
      (
        await t.call('POST', `/api/v1/claims/${febBig.body.id}/review`, {
          token: agent,
          body: { action: 'approve', reason: 'ok' },
        })
      ).status,
    ).toBe(403);
    const adjust = await t.call('POST', `/api/v1/claims/${febBig.body.id}/review`, {
      token: officer,
      body: { action: 'adjust', reason: 'Two days, not five' },
    });
    expect(adjust.status).toBe(400);
    expect(adjust.body.errors[0].field).toBe('amount');
    const approved = await t.call('POST', `/api/v1/claims/${febBig.body.id}/review`, {
      token: officer,
      body: { action: 'approve', reason: 'Stay confirmed with the ward' },
    });
    expect(approved.body).toMatchObject({ status: 'approved', approved: 0, decidedBy: 'officer.clm' });
    expect(approved.body.reviews).toEqual([
      expect.objectContaining({ kind: 'review', action: 'approve', reason: 'Stay confirmed with the ward' }),
    ]);
    const again = await t.call('POST', `/api/v1/claims/${febBig.body.id}/review`, {
      token: officer,
      body: { action: 'reject', reason: 'changed my mind' },
    });
    expect(again.status).toBe(409);
    await setPolicy(noReview);
  });

  it('draws approved claims for audit, and applies what the audit found to the rest of the period', async () => {
    await setPolicy({ ...noReview, auditSampleBp: 10_000 });
    const sampled = await claim({
      externalId: 'CKM-11',
      category: 'consultation',
      admittedOn: '2026-02-14',
      claimed: 300,
      lines: [{ code: 'CONSULT', quantity: 1, unitPrice: 300 }],
    });
    expect(sampled.body).toMatchObject({ status: 'approved', approved: 200, audit: 'drawn' });
    await setPolicy(noReview);
    const rest = await claim({
      externalId: 'CKM-12',
      category: 'consultation',
      admittedOn: '2026-02-16',
      claimed: 300,
      lines: [{ code: 'CONSULT', quantity: 1, unitPrice: 300 }],
    });
    expect(rest.body).toMatchObject({ approved: 200, audit: 'none' });
    const audited = await t.call('POST', `/api/v1/claims/${sampled.body.id}/audit`, {
      token: officer,
      body: { action: 'adjust', amount: 150, reason: 'Consultation not on the register' },
    });
    expect(audited.body).toMatchObject({ approved: 150, status: 'partly_approved', audit: 'audited' });
    const twice = await t.call('POST', `/api/v1/claims/${sampled.body.id}/audit`, {
      token: officer,
      body: { action: 'approve', reason: 'again' },
    });
    expect(twice.status).toBe(409);

    const period = { facilityId: hospital.id, from: '2026-02-01', to: '2026-02-28' };
    const shown = await post('/api/v1/claims/audit-findings', period);
    expect(shown).toMatchObject({
      audited: 1,
      approvedBefore: 200,
      approvedAfterAudit: 150,
      ratioBp: 7500,
      applied: false,
    });
    expect((await t.call('GET', `/api/v1/claims/${rest.body.id}`, { token: officer })).body.approved).toBe(200);
    const applied = await post('/api/v1/claims/audit-findings', { ...period, apply: true });
    expect(applied).toMatchObject({ applied: true, claims: shown.claims, adjusted: shown.adjusted });
    const after = (await t.call('GET', `/api/v1/claims/${rest.body.id}`, { token: officer })).body;
    expect(after).toMatchObject({ approved: 150, status: 'partly_approved' });
    expect(after.reviews[0]).toMatchObject({ kind: 'audit', action: 'adjust' });
    // Applied once: the claims it changed are no longer the rules' alone.
    expect((await post('/api/v1/claims/audit-findings', { ...period, apply: true })).claims).toBe(0);
  });

  it('takes a batch, each claim answered on its own', async () => {
    const before = await count();
    const res = await t.call('POST', '/api/v1/claims/batch', {
      token: agent,
      body: {
        claims: [
          {
            facilityId: hospital.id,
            externalId: 'B-1',
            memberNumber: worker.memberNumber,
            category: 'hospital_stay',
            admittedOn: '2026-02-18',
            claimed: 1000,
          },
          { facilityId: hospital.id, externalId: 'B-2', category: 'consultation' },
          {
            facilityId: hospital.id,
            externalId: 'CKM-1',
            memberNumber: worker.memberNumber,
            category: 'consultation',
            admittedOn: '2026-02-10',
            claimed: 1,
          },
        ],
      },
    });
    expect(res.status).toBe(200);
    expect(res.body.results.map((r: { status: number }) => r.status)).toEqual([201, 400, 409]);
    expect(res.body.results[1].errors.map((e: { field: string }) => e.field)).toEqual(
      expect.arrayContaining(['admittedOn', 'claimed']),
    );
    expect(await count()).toBe(before + 1);
  });

  it('judges each claim of a batch after the ones before it: the same care twice, the same claim sent twice', async () => {
    const stay = {
      facilityId: hospital.id,
      memberNumber: worker.memberNumber,
      category: 'hospital_stay',
      admittedOn: '2026-02-19',
      claimed: 1000,
    };
    const res = await t.call('POST', '/api/v1/claims/batch', {
      token: agent,
      body: {
        claims: [
          { ...stay, externalId: 'W-1' },
          { ...stay, externalId: 'W-2' },
          { ...stay, externalId: 'W-1' },
        ],
      },
    });
    const [first, second, again] = res.body.results;
    expect([first.status, second.status, again.status]).toEqual([201, 201, 200]);
    expect(second.claim).toMatchObject({ status: 'rejected' });
    expect(second.claim.reasons[0]).toMatchObject({
      code: 'DUPLICATE',
      message: expect.stringContaining(first.claim.number),
    });
    expect(again.claim.id).toBe(first.claim.id);

    const nobody = { ...stay, externalId: 'W-3', memberNumber: undefined, memberId: 'nobody' };
    const refused = await t.call('POST', '/api/v1/claims/batch', { token: agent, body: { claims: [nobody, nobody] } });
    expect(refused.body.results.map((r: { status: number }) => r.status)).toEqual([400, 400]);
    expect(refused.body.results[1].errors[0].field).toBe('memberId');
  });

  it('takes a CSV file of claims, each row answered with its line, bad cells named', async () => {
    const before = await count();
    const csv = [
      'external_id,member_number,category,case_code,diagnosis,admitted_on,claimed,lines',
      `CSV-1,${worker.memberNumber},consultation,,J06.9,2026-02-21,3.00,CONSULT*1@3.00`,
      `CSV-2,${worker.memberNumber},consultation,,,2026-02-22,three,`,
      `CSV-3,${worker.memberNumber},consultation,,,2026-02-23,3.00,CONSULT-1-3`,
      `CSV-4,${worker.memberNumber},consultation,,,2026-02-31,3.00,CONSULT*1@3.00`,
    ].join('\n');
    const res = await t.call('POST', `/api/v1/claims/upload?facilityId=${hospital.id}`, {
      token: agent,
      body: csv,
      headers: { 'content-type': 'text/csv' },
    });
    expect(res.status).toBe(200);
    expect(res.body.results.map((r: { line: number; status: number }) => [r.line, r.status])).toEqual([
      [2, 201],
      [3, 400],
      [4, 400],
      [5, 400],
    ]);
    expect(res.body.results[0].claim).toMatchObject({ claimed: 300, approved: 200, diagnosis: 'J06.9' });
    expect(res.body.results[1].errors[0]).toMatchObject({
      field: 'claimed',
      reason: expect.stringContaining('line 3'),
    });
    expect(res.body.results[2].errors[0].field).toBe('lines.0');
    expect(res.body.results[3].errors[0].field).toBe('admittedOn');
    expect(await count()).toBe(before + 1);
    const empty = await t.call('POST', `/api/v1/claims/upload?facilityId=${hospital.id}`, {
      token: agent,
      body: 'external_id,category\n',
      headers: { 'content-type': 'text/csv' },
    });
    expect(empty.status).toBe(400);
    expect(empty.body.errors[0].field).toBe('file');
  });

  it("lists a member's claims, and shows another tenant none of them", async () => {
    const mine = await t.call('GET', `/api/v1/claims?memberId=${worker.id}&limit=3`, { token: officer });
    expect(mine.body.items).toHaveLength(3);
    const next = await t.call('GET', `/api/v1/claims?memberId=${worker.id}&limit=3&cursor=${mine.body.nextCursor}`, {
      token: officer,
    });
    expect(next.body.items[0].number > mine.body.items[2].number).toBe(true);
    const id = mine.body.items[0].id;
    expect((await t.call('GET', `/api/v1/claims/${id}`, { token: other })).status).toBe(404);
    expect((await t.call('GET', '/api/v1/claims', { token: other })).body.items).toEqual([]);
  });

  it('imports the case catalogue from a CSV file, all of it or nothing', async () => {
    const upload = (csv: string) =>
      t.call('POST', '/api/v1/care-cases/upload', { token: admin, body: csv, headers: { 'content-type': 'text/csv' } });
    const bad = await upload(
      'code,name,category,procedures,average_cost\nHERNIA,Hernia repair,surgery,Repair;Anaesthesia,90.00\nX,Bad,massage,,1\nY,Bad cost,surgery,,ten',
    );
    expect(bad.status).toBe(400);
    expect(bad.body.errors).toEqual([
      { field: 'category', reason: 'line 3: "massage" is not a care category of the scheme' },
      { field: 'average_cost', reason: expect.stringContaining('line 4:') },
    ]);
    expect((await t.call('GET', '/api/v1/care-cases/HERNIA', { token: admin })).status).toBe(404);
    const good = await upload(
      'code,name,category,procedures,average_cost\nHERNIA,Hernia repair,surgery,Repair;Anaesthesia,90.00\nAPPENDIX,Appendectomy,surgery,,1250.00',
    );
    expect(good.body).toEqual({ created: 1, updated: 1 });
    expect((await t.call('GET', '/api/v1/care-cases/HERNIA', { token: admin })).body).toMatchObject({
      procedures: ['Repair', 'Anaesthesia'],
      averageCost: 9_000,
    });
    // Put back as the other tests priced it.
    await t.call('PATCH', '/api/v1/care-cases/APPENDIX', { token: admin, body: { averageCost: 120_000 } });
  });

  it('keeps contracts by period: a new one ends the open one, an overlap is refused', async () => {
    const hc = await post('/api/v1/facilities', {
      code: 'TKHC',
      name: 'Toul Kork',
      type: 'health_centre',
      ownership: 'public',
    });
    const first = await post('/api/v1/contracts', {
      facilityId: hc.id,
      startsOn: '2010-02-01',
      categories: [{ category: 'consultation', mechanism: 'lump_sum', amountPerMonth: 100_000 }],
    });
    const second = await post('/api/v1/contracts', {
      facilityId: hc.id,
      startsOn: '2026-01-01',
      categories: [
        {
          category: 'consultation',
          mechanism: 'capitation',
          basis: { kind: 'per_member', amountPerMember: 25 },
        },
      ],
    });
    expect((await t.call('GET', `/api/v1/contracts/${first.id}`, { token: admin })).body.endsOn).toBe('2025-12-31');
    const overlap = await t.call('POST', '/api/v1/contracts', {
      token: admin,
      body: { ...second, id: undefined, startsOn: '2025-06-01', endsOn: '2025-07-01', categories: second.categories },
    });
    expect(overlap.status).toBe(409);
    expect(overlap.body.errors[0].field).toBe('startsOn');
    const inForce = await t.call('GET', `/api/v1/contracts?facilityId=${hc.id}&date=2025-05-05`, { token: admin });
    expect(inForce.body.items.map((k: { id: string }) => k.id)).toEqual([first.id]);
    const unknown = await t.call('POST', '/api/v1/contracts', {
      token: admin,
      body: { facilityId: hc.id, startsOn: '2030-01-01', categories: [{ category: 'massage', mechanism: 'case' }] },
    });
    expect(unknown.status).toBe(400);
    expect(unknown.body.errors[0].field).toBe('categories');
  });
});

/** Two facilities' claims for one member at the same moment: together they never pass the member's ceiling. */
describe.each(engines)('claims arriving together on %s', (engine) => {
  let t: TestApp;
  let admin: string;
  let worker: { id: string; memberNumber: string };
  const facilities: { id: string }[] = [];

  const post = async (url: string, body: unknown) => {
    const res = await t.call('POST', url, { token: admin, body });
    if (res.status >= 300) throw new Error(`${url}: ${res.status} ${JSON.stringify(res.body)}`);
    return res.body;
  };

  beforeAll(async () => {
    t = await testApp(engine);
    ({ token: admin } = await t.scheme('CON'));
    const product = await garmentProduct(post, {
      effectiveFrom: '2026-01-01',
      categories: [{ category: 'surgery', covered: true, ceilingPerMember: 200_000 }],
    });
    const employer = await post('/api/v1/employers', { code: 'SUNTEX', name: 'Suntex', productId: product.id });
    worker = await post('/api/v1/members', {
      nameLatin: 'Sok Dara',
      sex: 'F',
      birthDate: '1990-01-01',
      employerId: employer.id,
    });
    await paidMonth(post, employer.id, [{ memberId: worker.id }], '2026-02', '2026-02-01', 'B1');
    await post('/api/v1/care-cases', {
      code: 'APPENDIX',
      name: 'Appendectomy',
      category: 'surgery',
      averageCost: 132_000,
    });
    await t.call('PUT', '/api/v1/claim-policy', {
      token: admin,
      body: QUIET_POLICY,
    });
    for (const code of ['KSNH', 'PKNH']) {
      const f = await post('/api/v1/facilities', { code, name: code, type: 'national_hospital', ownership: 'public' });
      await post('/api/v1/contracts', {
        facilityId: f.id,
        startsOn: '2011-01-01',
        categories: [{ category: 'surgery', mechanism: 'case' }],
      });
      facilities.push(f);
    }
  });
  afterAll(() => t.close());

  it('pays the second only what the first left under the ceiling', async () => {
    const [a, b] = await Promise.all(
      facilities.map((f, n) =>
        t.call('POST', '/api/v1/claims', {
          token: admin,
          body: {
            facilityId: f.id,
            externalId: `X-${n}`,
            memberNumber: worker.memberNumber,
            category: 'surgery',
            caseCode: 'APPENDIX',
            admittedOn: `2026-02-1${n}`,
            claimed: 132_000,
          },
        }),
      ),
    );
    expect([a!.status, b!.status]).toEqual([201, 201]);
    expect([a!.body.approved, b!.body.approved].sort((x: number, y: number) => x - y)).toEqual([68_000, 132_000]);
  });
});
