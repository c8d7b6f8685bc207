import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { engines } from '../../test/engines.js';
import { PASSWORD, testApp, type TestApp } from '../../test/app.js';
import { paidMonth, QUIET_POLICY } from '../../test/fixtures.js';
import { cashBenefit, type CashFacts } from './cash-benefits/compute.js';

const JPEG = Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0x00, 0x10, 0x4a, 0x46, 0x49, 0x46]).toString('base64');

describe('cash benefits, computed', () => {
  const facts = (change: Partial<CashFacts> = {}): CashFacts => ({
    kind: 'sick_leave',
    startsOn: '2026-03-02',
    endsOn: '2026-03-11',
    cover: { covered: true, state: 'active' },
    sickLeave: { dailyWageShareBp: 7_000, waitingDays: 3, maxDays: 30 },
    maternity: { weeks: 13, wageShareBp: 7_000 },
    sex: 'F',
    wage: { monthly: 30_000, from: 'declared' },
    sickDaysPaidThisYear: 0,
    lastMaternity: null,
    minorUnits: 2,
    ...change,
  });

  it('pays sick leave after the waiting days, up to the days left in the year', () => {
    expect(cashBenefit(facts())).toMatchObject({
      status: 'approved',
      days: 10,
      paidDays: 7,
      dailyAmount: 700,
      amount: 4_900,
    });
    const capped = cashBenefit(facts({ sickDaysPaidThisYear: 25 }));
    expect(capped).toMatchObject({ paidDays: 5, amount: 3_500 });
    expect(capped.reasons.map((r) => r.code)).toContain('MAX_DAYS');
    expect(cashBenefit(facts({ endsOn: '2026-03-03' }))).toMatchObject({ status: 'rejected', amount: 0 });
  });

  it("pays maternity for the product's weeks, to a woman, once a birth", () => {
    expect(cashBenefit(facts({ kind: 'maternity', endsOn: null }))).toMatchObject({
      status: 'approved',
      endsOn: '2026-05-31',
      days: 91,
      amount: 91 * 700,
    });
    expect(cashBenefit(facts({ kind: 'maternity', endsOn: null, sex: 'M' })).reasons[0]!.code).toBe('IMPLAUSIBLE');
    expect(cashBenefit(facts({ kind: 'maternity', endsOn: null, lastMaternity: '2025-10-01' })).reasons[0]!.code).toBe(
      'DUPLICATE',
    );
  });

  it('refuses with reasons: no cover, no such benefit in the product, no wage', () => {
    const codes = (f: Partial<CashFacts>) => cashBenefit(facts(f)).reasons.map((r) => r.code);
    expect(codes({ cover: { covered: false, state: 'lapsed' } })).toEqual(['NOT_COVERED']);
    expect(codes({ sickLeave: null })).toEqual(['NOT_IN_PRODUCT']);
    expect(codes({ wage: null })).toEqual(['NO_WAGE']);
  });
});

/** Seed 001's national scheme pays members themselves: emergencies outside the network, sick leave and maternity. */
describe.each(engines)("members' reimbursements and cash benefits on %s", (engine) => {
  let t: TestApp;
  let admin: string;
  let officer: string;
  let other: string;
  let worker: { id: string; memberNumber: string };
  let man: { id: string };
  let unpaid: { id: string };

  const post = async (url: string, body: unknown, as = admin) => {
    const res = await t.call('POST', url, { token: as, body });
    if (res.status >= 300) throw new Error(`${url}: ${res.status} ${JSON.stringify(res.body)}`);
    return res.body;
  };
  const refund = (body: Record<string, unknown>) =>
    t.call('POST', '/api/v1/reimbursements', {
      token: officer,
      body: {
        memberNumber: worker.memberNumber,
        providerName: 'Royal Phnom Penh Hospital',
        careOn: '2026-02-20',
        category: 'emergency',
        receipt: { contentType: 'image/jpeg', data: JPEG },
        ...body,
      },
    });

  beforeAll(async () => {
    t = await testApp(engine);
    ({ token: admin } = await t.scheme('BEN'));
    ({ token: other } = await t.scheme('OBE'));
    const rule = await post('/api/v1/contribution-rules', {
      code: 'NSSF',
      name: '2.6 % of wage',
      version: {
        effectiveFrom: '2026-01-01',
        definition: { kind: 'percent-of-wage', rateBp: 260, employerShareBp: 10_000 },
      },
    });
    const product = await post('/api/v1/products', {
      code: 'NSSF',
      name: 'National scheme',
      version: {
        effectiveFrom: '2026-01-01',
        definition: {
          covers: 'member',
          term: { kind: 'monthly' },
          contributionRuleId: rule.id,
          categories: [
            { category: 'emergency', covered: true, ceilingPerMember: 400_000 },
            { category: 'surgery', covered: true },
          ],
          cashBenefits: {
            sickLeave: { dailyWageShareBp: 7_000, waitingDays: 3, maxDays: 30 },
            maternity: { weeks: 13, wageShareBp: 7_000 },
          },
        },
      },
    });
    const employer = await post('/api/v1/employers', { code: 'SUNTEX', name: 'Suntex', productId: product.id });
    worker = await post('/api/v1/members', {
      nameLatin: 'Sok Dara',
      sex: 'F',
      birthDate: '1995-01-01',
      employerId: employer.id,
    });
    man = await post('/api/v1/members', {
      nameLatin: 'Keo Vuthy',
      sex: 'M',
      birthDate: '1990-01-01',
      employerId: employer.id,
    });
    unpaid = await post('/api/v1/members', {
      nameLatin: 'Chan Lina',
      sex: 'F',
      birthDate: '1992-02-02',
      employerId: employer.id,
    });
    for (const period of ['2026-02', '2026-03']) {
      const lines = [worker, man].map((m) => ({ memberId: m.id, wage: 30_000 }));
      await paidMonth(post, employer.id, lines, period, `${period}-01`);
    }
    const tariff = await post('/api/v1/price-lists', {
      code: 'TARIFF',
      name: "The scheme's tariff",
      items: [
        { code: 'ER', name: 'Emergency visit', kind: 'service', price: 300_000 },
        { code: 'XRAY', name: 'X-ray', kind: 'service', price: 20_000 },
      ],
    });
    await post('/api/v1/care-cases', {
      code: 'APPENDIX',
      name: 'Appendectomy',
      category: 'surgery',
      averageCost: 120_000,
    });
    const policy = { ...QUIET_POLICY, reimbursement: { priceListId: tariff.id } };
    expect((await t.call('PUT', '/api/v1/claim-policy', { token: admin, body: policy })).status).toBe(200);
    const bad = await t.call('PUT', '/api/v1/claim-policy', {
      token: admin,
      body: { ...policy, reimbursement: { priceListId: 'nowhere' } },
    });
    expect(bad.status).toBe(400);
    expect(bad.body.errors[0].field).toBe('reimbursement.priceListId');
    await post('/api/v1/users', {
      username: 'officer.ben',
      displayName: 'Officer',
      password: PASSWORD,
      roles: ['claims_officer'],
    });
    officer = await t.login('officer.ben');
  });
  afterAll(() => t.close());

  it('pays an emergency back at the tariff, never more than the member paid, with the receipt kept', async () => {
    const res = await refund({
      receiptNumber: 'RPH-001',
      lines: [
        { code: 'ER', quantity: 1, unitPrice: 350_000 },
        { code: 'XRAY', quantity: 1, unitPrice: 15_000 },
      ],
      paidByMember: 365_000,
    });
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({ status: 'partly_approved', approved: 315_000, paidByMember: 365_000 });
    expect(res.body.reasons.map((r: { code: string }) => r.code)).toEqual(['PRICED_AT_LIST', 'TARIFF']);
    expect(res.body.lines.map((l: { approved: number }) => l.approved)).toEqual([300_000, 15_000]);
    const receipt = await t.app.request(res.body.receiptUrl, { headers: { authorization: `Bearer ${officer}` } });
    expect(receipt.headers.get('content-type')).toBe('image/jpeg');
    expect(Buffer.from(await receipt.arrayBuffer()).toString('base64')).toBe(JPEG);

    const again = await refund({
      receiptNumber: 'RPH-001',
      lines: [
        { code: 'ER', quantity: 1, unitPrice: 350_000 },
        { code: 'XRAY', quantity: 1, unitPrice: 15_000 },
      ],
      paidByMember: 365_000,
    });
    expect(again.status).toBe(200);
    expect(again.body.id).toBe(res.body.id);
    expect((await t.call('GET', `/api/v1/reimbursements/${res.body.id}`, { token: other })).status).toBe(404);
  });

  it('counts what was paid back against the same yearly ceiling as claims', async () => {
    const res = await refund({
      receiptNumber: 'RPH-002',
      careOn: '2026-03-03',
      lines: [{ code: 'ER', quantity: 1, unitPrice: 300_000 }],
      paidByMember: 300_000,
    });
    expect(res.body).toMatchObject({ status: 'partly_approved', approved: 400_000 - 315_000 });
    expect(res.body.reasons.map((r: { code: string }) => r.code)).toContain('CEILING');
  });

  it('pays a case at its average cost when that is less than was paid, and all of it when more', async () => {
    const res = await refund({
      receiptNumber: 'RPH-003',
      category: 'surgery',
      caseCode: 'APPENDIX',
      paidByMember: 100_000,
    });
    expect(res.body).toMatchObject({ status: 'approved', approved: 100_000 });
    expect(res.body.reasons.at(-1).code).toBe('PAID_IN_FULL');
  });

  it('rejects care for a member not covered, and refuses bad input naming the field', async () => {
    const uncovered = await refund({
      memberNumber: undefined,
      memberId: unpaid.id,
      receiptNumber: 'X-1',
      paidByMember: 1000,
      lines: [{ code: 'ER', quantity: 1, unitPrice: 1000 }],
    });
    expect(uncovered.body.status).toBe('rejected');
    expect(uncovered.body.reasons[0].code).toBe('NOT_COVERED');
    for (const [change, field] of [
      [{ receipt: { contentType: 'application/pdf', data: JPEG } }, 'receipt.data'],
      [{ receipt: { contentType: 'image/gif', data: JPEG } }, 'receipt.contentType'],
      [{ receipt: { contentType: 'image/jpeg', data: 'not base64!' } }, 'receipt.data'],
      [{ lines: [{ code: 'ER', quantity: 1, unitPrice: 5 }], paidByMember: 6 }, 'paidByMember'],
      [{ careOn: '2099-01-01' }, 'careOn'],
      [{ memberId: worker.id }, 'memberNumber'],
    ] as const) {
      const res = await refund({ receiptNumber: 'BAD', paidByMember: 5, ...change });
      expect(res.status, field).toBe(400);
      expect(
        res.body.errors.map((e: { field: string }) => e.field),
        field,
      ).toContain(field);
    }
  });

  it('records the payment back to the member once', async () => {
    const list = await t.call('GET', '/api/v1/reimbursements?unpaid=true', { token: officer });
    const first = list.body.items[0];
    expect(list.body.items.length).toBe(3);
    expect(
      (
        await t.call('POST', `/api/v1/reimbursements/${first.id}/paid`, {
          token: officer,
          body: { paidOn: '2026-03-10' },
        })
      ).status,
    ).toBe(403);
    const paid = await post(`/api/v1/reimbursements/${first.id}/paid`, { paidOn: '2026-03-10', reference: 'WING-55' });
    expect(paid).toMatchObject({ paidOn: '2026-03-10', paidReference: 'WING-55' });
    expect(
      (
        await t.call('POST', `/api/v1/reimbursements/${first.id}/paid`, {
          token: admin,
          body: { paidOn: '2026-03-11' },
        })
      ).status,
    ).toBe(409);
  });

  it('computes sick leave from the wage declared before it, once a certificate', async () => {
    const body = {
      memberNumber: worker.memberNumber,
      kind: 'sick_leave',
      certificate: 'MC-7',
      startsOn: '2026-03-02',
      endsOn: '2026-03-11',
    };
    const res = await t.call('POST', '/api/v1/cash-benefits', { token: officer, body });
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({
      status: 'approved',
      days: 10,
      paidDays: 7,
      monthlyWage: 30_000,
      dailyAmount: 700,
      amount: 4_900,
    });
    expect(res.body.reasons[0].message).toContain('declared monthly wage of 300.00');
    expect((await t.call('POST', '/api/v1/cash-benefits', { token: officer, body })).status).toBe(200);
    const changed = await t.call('POST', '/api/v1/cash-benefits', {
      token: officer,
      body: { ...body, endsOn: '2026-03-12' },
    });
    expect(changed.status).toBe(409);
    expect(changed.body.errors[0].field).toBe('certificate');
  });

  it('computes maternity for the weeks of the product, and refuses it to a man', async () => {
    const res = await post(
      '/api/v1/cash-benefits',
      { memberId: worker.id, kind: 'maternity', certificate: 'MAT-1', startsOn: '2026-03-20' },
      officer,
    );
    expect(res).toMatchObject({ status: 'approved', endsOn: '2026-06-18', days: 91, amount: 91 * 700 });
    const man_ = await post(
      '/api/v1/cash-benefits',
      { memberId: man.id, kind: 'maternity', certificate: 'MAT-2', startsOn: '2026-03-20' },
      officer,
    );
    expect(man_).toMatchObject({ status: 'rejected', amount: 0 });
    const missing = await t.call('POST', '/api/v1/cash-benefits', {
      token: officer,
      body: { memberId: worker.id, kind: 'sick_leave', certificate: 'MC-9', startsOn: '2026-03-02' },
    });
    expect(missing.status).toBe(400);
    expect(missing.body.errors[0].field).toBe('endsOn');
    const unpaidLeave = await post(
      '/api/v1/cash-benefits',
      { memberId: unpaid.id, kind: 'sick_leave', certificate: 'MC-1', startsOn: '2026-03-02', endsOn: '2026-03-20' },
      officer,
    );
    expect(unpaidLeave.reasons[0].code).toBe('NOT_COVERED');
    const listed = await t.call('GET', '/api/v1/cash-benefits?unpaid=true', { token: officer });
    expect(listed.body.items.map((b: { certificate: string }) => b.certificate).sort()).toEqual(['MAT-1', 'MC-7']);
    expect((await t.call('GET', '/api/v1/cash-benefits', { token: other })).body.items).toEqual([]);
  });
});
