import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { engines } from '../../../test/engines.js';
import { testApp, PASSWORD, type TestApp } from '../../../test/app.js';

describe.each(engines)('costing premium collection over HTTP on %s', (engine) => {
  let t: TestApp;
  let admin: string;

  beforeAll(async () => {
    t = await testApp(engine);
    ({ token: admin } = await t.scheme('COST'));
  });
  afterAll(() => t.close());

  it('costs the Angkor Chum example as seed 003 does', async () => {
    const example = await t.call('GET', '/api/v1/costing/collection/example', { token: admin });
    expect(example.status).toBe(200);
    const res = await t.call('POST', '/api/v1/costing/collection', { token: admin, body: example.body });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ monthlyFixedCost: 168278, costPerPremium: 104, unitContributionMargin: 241 });

    // The same costing as a file: its lines, periods and totals, amounts in dollars.
    const csv = await t.call('POST', '/api/v1/costing/collection?format=csv', { token: admin, body: example.body });
    expect(csv.headers.get('content-type')).toMatch(/^text\/csv/);
    expect(csv.headers.get('content-disposition')).toBe('attachment; filename="collection-costing.csv"');
    const text = csv.body as string;
    expect(text.split('\n')[0]).toBe('Cost of premium collection by line');
    expect(text).toContain('Monthly fixed cost (USD),1682.78');
    expect(text).toContain('Collection cost per premium (USD),1.04');
    const xlsx = await t.app.request('/api/v1/costing/collection?format=xlsx', {
      method: 'POST',
      headers: { authorization: `Bearer ${admin}`, 'content-type': 'application/json' },
      body: JSON.stringify(example.body),
    });
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(await xlsx.arrayBuffer());
    expect(book.worksheets.map((w) => w.name)).toEqual(['Cost of premium collection by l', 'Periods', 'Totals']);
    expect(book.getWorksheet('Totals')!.getRow(2).values).toEqual([undefined, 'Monthly fixed cost (USD)', 1682.78]);
    const pdf = await t.app.request('/api/v1/costing/collection?format=pdf', {
      method: 'POST',
      headers: { authorization: `Bearer ${admin}`, 'content-type': 'application/json' },
      body: JSON.stringify(example.body),
    });
    expect(pdf.headers.get('content-type')).toBe('application/pdf');
    expect(
      Buffer.from(await pdf.arrayBuffer())
        .subarray(0, 5)
        .toString(),
    ).toBe('%PDF-');
    const wrong = await t.call('POST', '/api/v1/costing/collection?format=doc', { token: admin, body: example.body });
    expect(wrong.status).toBe(400);
    expect(wrong.body.errors[0].field).toBe('format');
  });

  it('names the field and the reason of bad input', async () => {
    const example = (await t.call('GET', '/api/v1/costing/collection/example', { token: admin })).body;
    const bad = structuredClone(example);
    bad.fixedCosts[0].allocation = 1.5;
    bad.periods[0].months = 0;
    const res = await t.call('POST', '/api/v1/costing/collection', { token: admin, body: bad });
    expect(res.status).toBe(400);
    expect(res.body.errors.map((e: { field: string }) => e.field)).toEqual([
      'fixedCosts.0.allocation',
      'periods.0.months',
    ]);
    const garbage = await t.call('POST', '/api/v1/costing/collection', {
      token: admin,
      body: '{"currency":',
      headers: { 'content-type': 'application/json' },
    });
    expect(garbage.status).toBe(400);
  });

  it('is for those who read reports', async () => {
    await t.call('POST', '/api/v1/users', {
      token: admin,
      body: { username: 'desk.cost', displayName: 'Desk', password: PASSWORD, roles: ['facility_agent'] },
    });
    const desk = await t.login('desk.cost');
    expect((await t.call('GET', '/api/v1/costing/collection/example', { token: desk })).status).toBe(403);
  });
});
