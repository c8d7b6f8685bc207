import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { engines } from '../../../test/engines.js';
import { PASSWORD, testApp, type TestApp } from '../../../test/app.js';
import { consultationCentre, garmentProduct, paidMonth, QUIET_POLICY } from '../../../test/fixtures.js';
import { computeIndicator } from './compute.js';
import { BUILT_IN, ONE } from './definitions.js';
import { parseFormula } from './formula.js';

const def = (code: string) => BUILT_IN.find((d) => d.code === code)!;

describe('indicators from monthly figures, pure', () => {
  it('reads sums of figures, and refuses constants and strange names', () => {
    expect(parseFormula('claims_approved_amount + running_costs - 2*cost.delivery')).toEqual({
      ok: true,
      terms: [
        { coefficient: 1, code: 'claims_approved_amount' },
        { coefficient: 1, code: 'running_costs' },
        { coefficient: -2, code: 'cost.delivery' },
      ],
    });
    expect(parseFormula('members_covered + 5')).toMatchObject({
      ok: false,
      reason: expect.stringMatching(/constants/),
    });
    expect(parseFormula('Members')).toMatchObject({ ok: false, reason: expect.stringMatching(/not a figure code/) });
    expect(parseFormula('a * b * c')).toMatchObject({ ok: false });
    // A name no figure has, or two names without an operator, would read as nothing for ever.
    expect(parseFormula('claims_payed')).toMatchObject({
      ok: false,
      reason: expect.stringMatching(/not one of the figures/),
    });
    expect(parseFormula('contributions collected')).toMatchObject({ ok: false, reason: expect.stringMatching(/join/) });
    expect(parseFormula(' uses.surgery +  cost.custom_care ')).toMatchObject({ ok: true });
    // Every built-in indicator is made of figures that are kept.
    for (const d of BUILT_IN) {
      expect(parseFormula(d.numerator).ok, d.code).toBe(true);
      if (d.denominator !== ONE) expect(parseFormula(d.denominator).ok, d.code).toBe(true);
    }
  });

  it('sums flows over a quarter, takes stocks at its end, and keeps numerator and denominator', () => {
    const figures = [
      { month: '2026-01', code: 'claims_paid', key: '', value: 10 },
      { month: '2026-02', code: 'claims_paid', key: '', value: 20 },
      { month: '2026-01', code: 'member_months', key: '', value: 1000 },
      { month: '2026-02', code: 'member_months', key: '', value: 1000 },
      { month: '2026-01', code: 'members_covered', key: '', value: 1000 },
      { month: '2026-03', code: 'members_covered', key: '', value: 1100 },
      { month: '2026-03', code: 'target_population', key: '', value: 4400 },
    ];
    const months = ['2026-01', '2026-02', '2026-03'];
    expect(computeIndicator(def('claims_per_1000'), figures, months, 'quarter')).toEqual([
      { period: '2026-Q1', key: '', numerator: 30, denominator: 2000, value: 180 },
    ]);
    expect(computeIndicator(def('penetration'), figures, months, 'quarter')).toEqual([
      { period: '2026-Q1', key: '', numerator: 1100, denominator: 4400, value: 25 },
    ]);
    // Growth by month: February had nobody covered on record, March 1,100 after 0.
    expect(computeIndicator(def('growth'), figures, months, 'month')).toEqual([
      { period: '2026-02', key: '', numerator: -1000, denominator: 1000, value: -100 },
      { period: '2026-03', key: '', numerator: 1100, denominator: 0, value: null },
    ]);
  });
});

describe.each(engines)('indicators of a scheme on %s', (engine) => {
  let t: TestApp;
  let admin: string;
  let d1: { id: string };
  let d2: { id: string };
  const post = async (url: string, body: unknown) => {
    const res = await t.call('POST', url, { token: admin, body });
    if (res.status >= 300) throw new Error(`${url}: ${res.status} ${JSON.stringify(res.body)}`);
    return res.body;
  };
  const values = async (query: string) => {
    const res = await t.call('GET', `/api/v1/indicators/values?${query}`, { token: admin });
    if (res.status !== 200) throw new Error(`${res.status} ${JSON.stringify(res.body)}`);
    return res.body;
  };
  const one = (body: any, code: string) => body.indicators.find((i: { code: string }) => i.code === code).values;

  /** Another scheme of the same app, with a way to write through the API as its administrator. */
  const schemeOf = async (prefix: string) => {
    const { token } = await t.scheme(prefix);
    const send = async (url: string, body: unknown) => {
      const res = await t.call('POST', url, { token, body });
      if (res.status >= 300) throw new Error(`${url}: ${res.status} ${JSON.stringify(res.body)}`);
      return res.body;
    };
    return { token, send };
  };
  /** A product for the member's household (spouse and children), on a rule of its own, from 2025. */
  const householdProduct = async (
    send: (url: string, body: unknown) => Promise<any>,
    code: string,
    rule: unknown,
    term: unknown,
  ) => {
    const made = await send('/api/v1/contribution-rules', {
      code,
      name: code,
      version: { effectiveFrom: '2025-01-01', definition: rule },
    });
    return send('/api/v1/products', {
      code,
      name: code,
      version: {
        effectiveFrom: '2025-01-01',
        definition: {
          covers: 'household',
          dependants: { relations: ['spouse', 'child'] },
          term,
          contributionRuleId: made.id,
          categories: [],
        },
      },
    });
  };

  beforeAll(async () => {
    t = await testApp(engine);
    ({ token: admin } = await t.scheme('IND'));
    const province = await post('/api/v1/areas', {
      level: 'province',
      code: 'PP',
      name: 'Phnom Penh',
      population: 1000,
    });
    d1 = await post('/api/v1/areas', {
      level: 'district',
      code: 'D1',
      name: 'Dangkao',
      parentId: province.id,
      population: 40,
    });
    d2 = await post('/api/v1/areas', {
      level: 'district',
      code: 'D2',
      name: 'Meanchey',
      parentId: province.id,
      population: 10,
    });
    const product = await garmentProduct(post, {
      effectiveFrom: '2026-01-01',
      categories: [{ category: 'consultation', covered: true }],
    });
    const facility = await consultationCentre(post);
    await t.call('PUT', '/api/v1/claim-policy', { token: admin, body: QUIET_POLICY });
    for (const [code, area, size] of [
      ['ONE', d1, 3],
      ['TWO', d2, 1],
    ] as const) {
      const employer = await post('/api/v1/employers', {
        code,
        name: `${code} Garments`,
        productId: product.id,
        areaId: area.id,
      });
      const workers = [];
      for (let i = 0; i < size; i++) {
        workers.push(
          await post('/api/v1/members', {
            nameLatin: `${['Sok', 'Keo', 'Chan'][i]} ${code === 'ONE' ? 'Dara' : 'Thida'}`,
            sex: 'F',
            birthDate: `199${i}-0${code === 'ONE' ? 1 : 2}-01`,
            employerId: employer.id,
            areaId: area.id,
          }),
        );
      }
      await paidMonth(
        post,
        employer.id,
        workers.map((w) => ({ memberId: w.id })),
        '2026-01',
        '2026-01-05',
        `B-${code}-1`,
      );
      // February: the second employer declares but has not paid.
      if (code === 'ONE')
        await paidMonth(
          post,
          employer.id,
          workers.map((w) => ({ memberId: w.id })),
          '2026-02',
          '2026-02-05',
          `B-${code}-2`,
        );
      else
        await post('/api/v1/declarations', {
          employerId: employer.id,
          period: '2026-02',
          lines: workers.map((w) => ({ memberId: w.id })),
        });
      // One consultation each in January; the second employer's is for care not covered.
      await post('/api/v1/claims', {
        facilityId: facility.id,
        externalId: `C-${code}`,
        memberNumber: workers[0].memberNumber,
        category: code === 'ONE' ? 'consultation' : 'surgery',
        admittedOn: '2026-01-20',
        claimed: 300,
        lines: [{ code: 'CONSULT', quantity: 1, unitPrice: 300 }],
      });
    }
    await post('/api/v1/figures/refresh', { from: '2026-01', to: '2026-02' });
  });
  afterAll(() => t.close());

  it('gives the scheme’s indicators per month from its figures', async () => {
    const body = await values(
      'codes=members,new_members,contribution_recovery,claims_per_1000,rejection_ratio,utilisation.consultation&from=2026-01&to=2026-02',
    );
    expect(body.periods).toEqual(['2026-01', '2026-02']);
    expect(one(body, 'members').map((v: { value: number }) => v.value)).toEqual([4, 4]);
    expect(one(body, 'new_members').map((v: { value: number }) => v.value)).toEqual([4, 0]);
    // January all paid; February 3 of 4 workers' US$1.60 paid.
    expect(one(body, 'contribution_recovery')).toEqual([
      { period: '2026-01', key: '', name: null, numerator: 640, denominator: 640, value: 100 },
      { period: '2026-02', key: '', name: null, numerator: 480, denominator: 640, value: 75 },
    ]);
    // One claim paid of two received, over 4 member-months: 3,000 per 1,000 members a year.
    expect(one(body, 'claims_per_1000')[0]).toMatchObject({ numerator: 1, denominator: 4, value: 3000 });
    expect(one(body, 'rejection_ratio')[0]).toMatchObject({ numerator: 1, denominator: 2, value: 50 });
    expect(one(body, 'utilisation.consultation')[0]).toMatchObject({ value: 3000 });
  });

  it('counts the members who joined apart from everyone covered through them', async () => {
    const { token, send } = await schemeOf('FAM');
    const product = await householdProduct(
      send,
      'FAM',
      { kind: 'flat', period: 'month', amount: 300, employerShareBp: 5000 },
      {
        kind: 'monthly',
      },
    );
    const employer = await send('/api/v1/employers', { code: 'FAMCO', name: 'Family Garments', productId: product.id });
    const worker = await send('/api/v1/members', {
      nameLatin: 'Meas Sophal',
      sex: 'M',
      birthDate: '1988-03-03',
      employerId: employer.id,
    });
    for (const [name, relation, born] of [
      ['Meas Channary', 'spouse', '1990-04-04'],
      ['Meas Bopha', 'child', '2016-05-05'],
    ] as const) {
      await send('/api/v1/members', {
        nameLatin: name,
        sex: 'F',
        birthDate: born,
        householdId: worker.householdId,
        relation,
      });
    }
    await paidMonth(send, employer.id, [{ memberId: worker.id }], '2026-01', '2026-01-05', 'FAM-1');
    await send('/api/v1/figures/refresh', { from: '2026-01', to: '2026-01' });
    const res = await t.call('GET', '/api/v1/indicators/values?codes=members,beneficiaries&from=2026-01&to=2026-01', {
      token,
    });
    expect(one(res.body, 'members').map((v: { value: number }) => v.value)).toEqual([1]);
    expect(one(res.body, 'beneficiaries').map((v: { value: number }) => v.value)).toEqual([3]);
  });

  it('counts the persons whose premium cover ended, and those whose household paid again', async () => {
    const { token, send } = await schemeOf('REN');
    const product = await householdProduct(
      send,
      'VIL',
      { kind: 'flat', period: 'year', amount: 2000, employerShareBp: 0 },
      {
        kind: 'yearly',
        cycleStarts: ['12-01'],
      },
    );
    const collector = await send('/api/v1/collectors', {
      code: 'CC',
      name: 'Council',
      kind: 'commune_council',
      commissionBp: 0,
    });
    const heads = [];
    for (const [name, born] of [
      ['Chea Sokha', '1980-01-01'],
      ['Pov Dara', '1981-02-02'],
    ]) {
      heads.push(await send('/api/v1/members', { nameLatin: name, sex: 'F', birthDate: born }));
    }
    await send('/api/v1/members', {
      nameLatin: 'Chea Vuthy',
      sex: 'M',
      birthDate: '2012-03-03',
      householdId: heads[0].householdId,
      relation: 'child',
    });
    const pay = async (head: { memberNumber: string }, collectedOn: string) => {
      const quote = await t.call(
        'GET',
        `/api/v1/premiums/quote?memberNumber=${head.memberNumber}&productId=${product.id}&date=${collectedOn}`,
        { token },
      );
      if (quote.status !== 200) throw new Error(JSON.stringify(quote.body));
      return send('/api/v1/premiums', {
        memberNumber: head.memberNumber,
        productId: product.id,
        collectorId: collector.id,
        amount: quote.body.amount,
        collectedOn,
      });
    };
    // Both households pay for the year from December 2025; the first pays again for the next
    // year before it ends, the second does not.
    const first = await pay(heads[0], '2025-11-20');
    await pay(heads[1], '2025-11-20');
    await pay(heads[0], '2026-11-20');
    const month = first.coverTo.slice(0, 7);
    await send('/api/v1/figures/refresh', { from: month, to: month });
    const res = await t.call('GET', `/api/v1/indicators/values?codes=renewed,renewal_ratio&from=${month}&to=${month}`, {
      token,
    });
    // Three persons' cover ended (a household of two, one of one); the two of the first renewed.
    expect(one(res.body, 'renewal_ratio')).toEqual([
      { period: month, key: '', name: null, numerator: 2, denominator: 3, value: 66.667 },
    ]);
    expect(one(res.body, 'renewed')[0].value).toBe(2);
  });

  it('breaks them down by district and by employer, and sums a quarter', async () => {
    const byDistrict = await values(
      'codes=members,penetration&from=2026-01&to=2026-03&period=quarter&breakdown=area&level=district',
    );
    expect(one(byDistrict, 'penetration')).toEqual([
      { period: '2026-Q1', key: d1.id, name: 'Dangkao', numerator: 3, denominator: 40, value: 7.5 },
      { period: '2026-Q1', key: d2.id, name: 'Meanchey', numerator: 1, denominator: 10, value: 10 },
    ]);
    const byEmployer = await values(
      'codes=contribution_recovery&from=2026-01&to=2026-02&period=quarter&breakdown=employer',
    );
    expect(
      one(byEmployer, 'contribution_recovery')
        .map((v: { name: string; value: number }) => [v.name, v.value])
        .sort(),
    ).toEqual([
      ['ONE Garments', 100],
      ['TWO Garments', 50],
    ]);
  });

  it('takes the balances entered, and the scheme’s own indicators', async () => {
    const entered = await t.call('PUT', '/api/v1/financial-entries', {
      token: admin,
      body: { month: '2026-02', entries: { running_costs: 200, assets: 30_000, liabilities: 10_000 } },
    });
    expect(entered.status).toBe(200);
    const body = await values('codes=solvency,incurred_expense_ratio&from=2026-02&to=2026-02');
    expect(one(body, 'solvency')[0]).toMatchObject({ value: 3 });
    // (0 claims in February + 200 running costs) ÷ 640 due.
    expect(one(body, 'incurred_expense_ratio')[0]).toMatchObject({ numerator: 200, denominator: 640, value: 31.25 });

    const bad = await t.call('POST', '/api/v1/indicators', {
      token: admin,
      body: {
        code: 'bad_one',
        name: 'Bad',
        description: 'x',
        numerator: 'claims_paid + 3',
        denominator: '1',
        unit: 'count',
      },
    });
    expect(bad.status).toBe(400);
    expect(bad.body.errors[0]).toMatchObject({ field: 'numerator', reason: expect.stringMatching(/constants/) });
    await post('/api/v1/indicators', {
      code: 'unpaid_share',
      name: 'Share of contributions unpaid',
      description: 'Contributions due but not collected, over those due.',
      numerator: 'contributions_due - contributions_collected',
      denominator: 'contributions_due',
      scale: 100,
      unit: 'percent',
    });
    const own = await values('codes=unpaid_share&from=2026-01&to=2026-02&period=quarter');
    expect(one(own, 'unpaid_share')[0]).toMatchObject({ numerator: 160, denominator: 1280, value: 12.5 });
    const listed = (await t.call('GET', '/api/v1/indicators', { token: admin })).body.items;
    expect(listed.find((i: { code: string }) => i.code === 'unpaid_share')).toMatchObject({ builtIn: false });
    expect(listed.find((i: { code: string }) => i.code === 'average_cost.consultation')).toMatchObject({
      builtIn: true,
    });
    const unknown = await t.call('GET', '/api/v1/indicators/values?codes=nothing&from=2026-01&to=2026-02', {
      token: admin,
    });
    expect(unknown.status).toBe(400);
    expect(unknown.body.errors[0].field).toBe('codes');
  });
  it('exports the values as CSV, XLSX with the definitions, and a printable PDF', async () => {
    const q = 'codes=members,contribution_recovery&from=2026-01&to=2026-02&breakdown=employer';
    const csv = await t.call('GET', `/api/v1/indicators/export?format=csv&${q}`, { token: admin });
    expect(csv.status).toBe(200);
    expect(csv.headers.get('content-type')).toMatch(/^text\/csv/);
    const lines = (csv.body as string).trim().split(/\r?\n/);
    expect(lines[0]).toBe('indicator,name,unit,period,breakdown,key,where,numerator,denominator,value');
    expect(lines).toContainEqual(
      expect.stringMatching(
        /^contribution_recovery,Contribution recovery,percent,2026-02,employer,[^,]+,TWO Garments,0,160,0$/,
      ),
    );
    const xlsx = await t.app.request(`/api/v1/indicators/export?format=xlsx&${q}`, {
      headers: { authorization: `Bearer ${admin}` },
    });
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(await xlsx.arrayBuffer());
    expect(book.getWorksheet('Indicators')!.rowCount).toBe(lines.length);
    expect(book.getWorksheet('Definitions')!.getRow(2).getCell(3).value).toMatch(
      /^Members \(heads of household: the workers, the subscribers\) with cover/,
    );
    const pdf = await t.app.request(`/api/v1/indicators/export?format=pdf&${q}`, {
      headers: { authorization: `Bearer ${admin}` },
    });
    expect(pdf.headers.get('content-type')).toBe('application/pdf');
    expect(
      Buffer.from(await pdf.arrayBuffer())
        .subarray(0, 5)
        .toString(),
    ).toBe('%PDF-');
  });
  it("reports to a district's officer the use of care of the employers in the district only", async () => {
    for (const [username, area] of [
      ['officer.d1', d1],
      ['officer.d2', d2],
    ] as const) {
      const made = await t.call('POST', '/api/v1/users', {
        token: admin,
        body: { username, displayName: username, password: PASSWORD, roles: ['manager'], areaIds: [area.id] },
      });
      expect(made.status).toBe(201);
    }
    const report = async (username: string) =>
      (
        await t.call('GET', '/api/v1/reports/utilisation?from=2026-01&to=2026-02&by=employer', {
          token: await t.login(username),
        })
      ).body.rows.map((r: { name: string }) => r.name);
    expect(await report('officer.d1')).toEqual(['ONE Garments']);
    expect(await report('officer.d2')).toEqual([]);
    const money = await t.call('GET', '/api/v1/reports/income-cost?from=2026-01&to=2026-03', {
      token: await t.login('officer.d1'),
    });
    expect(money.status).toBe(403);
    expect(money.body.detail).toMatch(/whole scheme/);
  });

  it('reports the use of care by employer and income against cost by quarter', async () => {
    const use = await t.call('GET', '/api/v1/reports/utilisation?from=2026-01&to=2026-02&by=employer', {
      token: admin,
    });
    expect(use.status).toBe(200);
    expect(use.body.columns.map((c: { key: string }) => c.key)).toEqual([
      'name',
      'members',
      'uses.consultation',
      'rate.consultation',
      'cost.consultation',
      'cost',
    ]);
    // One consultation over 3 workers' 6 member-months: 2,000 per 1,000 a year, at 3.00.
    expect(use.body.rows).toEqual([
      {
        name: 'ONE Garments',
        members: 3,
        'uses.consultation': 1,
        'rate.consultation': 2000,
        'cost.consultation': '3.00',
        cost: '3.00',
      },
    ]);
    const money = await t.call('GET', '/api/v1/reports/income-cost?from=2026-01&to=2026-03', { token: admin });
    expect(money.body.rows).toEqual([
      {
        quarter: '2026-Q1',
        due: '12.80',
        income: '11.20',
        care: '3.00',
        running: '2.00',
        result: '6.20',
        balance: '6.20',
        paid: '0.00',
      },
    ]);
    const csv = await t.call('GET', '/api/v1/reports/income-cost?from=2026-01&to=2026-03&format=csv', { token: admin });
    expect((csv.body as string).split(/\r?\n/)[1]).toBe('2026-Q1,12.80,11.20,3.00,2.00,6.20,6.20,0.00');
    const pdf = await t.app.request('/api/v1/reports/utilisation?from=2026-01&to=2026-02&format=pdf', {
      headers: { authorization: `Bearer ${admin}` },
    });
    expect(
      Buffer.from(await pdf.arrayBuffer())
        .subarray(0, 5)
        .toString(),
    ).toBe('%PDF-');
    const bad = await t.call('GET', '/api/v1/reports/income-cost?from=2026-05&to=2026-01', { token: admin });
    expect(bad.status).toBe(400);
  });
});
