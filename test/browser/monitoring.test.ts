import fs from 'node:fs';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PASSWORD } from '../app.js';
import { garmentProduct, paidMonth } from '../fixtures.js';
import { systemActor } from '../../src/platform/audit/audit.js';
import { createUser } from '../../src/platform/users/service.js';
import { engines } from '../engines.js';
import { startSession } from './server.js';

const SHOTS = path.resolve('test-results');

/** A manager costs premium collection from seed 003's example, and sees a mistake named. */
describe.each(engines)('costing in the web app on %s', (engine) => {
  let server: Awaited<ReturnType<typeof startSession>>['server'];
  let browser: Browser;
  let page: Page;
  let username: string;

  beforeAll(async () => {
    ({ server, browser, page, username } = await startSession(engine, []));
    fs.mkdirSync(SHOTS, { recursive: true });
  });
  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  it('costs the Angkor Chum scheme as seed 003 does, and names a bad share', async () => {
    await page.goto(server.url);
    await page.getByLabel('Username').fill(username);
    await page.getByLabel('Password').fill(PASSWORD);
    await page.getByRole('button', { name: 'Log in' }).click();
    await page.getByRole('link', { name: 'Cost of collection' }).click();
    await page.getByRole('button', { name: 'Load the Angkor Chum example' }).click();
    await expect.poll(() => page.locator('input[name="fixedCosts.0.name"]').inputValue()).toBe('Director');
    await page.getByRole('button', { name: 'Compute' }).click();
    const results = page.getByRole('definition');
    await expect.poll(() => page.getByRole('heading', { name: 'The costing' }).count()).toBe(1);
    const text = (await results.allTextContents()).join(' | ');
    expect(text).toContain('1682.78 USD');
    expect(text).toContain('1.04 USD · 36.6 %');
    expect(text).toContain('2.41 USD');
    expect(text).toContain('697.5 premiums a month (2093 a quarter)');
    expect(await page.getByRole('table', { name: 'Proportional cost' }).textContent()).toContain('236.19');
    await page.screenshot({ path: path.join(SHOTS, `costing-${engine}.png`), fullPage: true });
    // The same costing as a spreadsheet's file, made from what is on the screen.
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('button', { name: 'CSV', exact: true }).click(),
    ]);
    expect(download.suggestedFilename()).toBe('collection-costing.csv');
    const file = fs.readFileSync((await download.path())!, 'utf8');
    expect(file).toContain('Monthly fixed cost (USD),1682.78');

    await page.locator('input[name="fixedCosts.0.allocation"]').fill('150');
    await page.getByRole('button', { name: 'Compute' }).click();
    await expect.poll(() => page.locator('ul.reasons[role=alert]').textContent()).toContain('fixedCosts.0.allocation');
    expect(await page.locator('input[name="fixedCosts.0.allocation"]').getAttribute('aria-invalid')).toBe('true');
  });
  it('prices the premium needed and projects the years ahead', async () => {
    await page.getByRole('link', { name: 'Premium and projection' }).click();
    const premium = page.getByRole('form', { name: 'The premium needed' });
    await premium.locator('input[name="categories.0.frequency"]').fill('1.2');
    await premium.locator('input[name="categories.0.averageCost"]').fill('3.00');
    await premium.locator('input[name=currentPremium]').fill('1.60');
    await premium.getByRole('button', { name: 'Compute the premium' }).click();
    // 1.2 × 3.00 = 3.60 a year of care; with 25 % of loadings, 4.80 a year: 0.40 a month.
    const needed = premium.getByRole('definition').first();
    await expect.poll(() => needed.textContent()).toContain('0.40 a month');
    expect(await premium.getByRole('definition').nth(1).textContent()).toContain('400 %');
    const projection = page.getByRole('form', { name: 'The years ahead' });
    await projection.getByRole('button', { name: 'Project' }).click();
    await expect.poll(() => projection.getByRole('table').locator('tbody tr').count()).toBe(5);
    await page.screenshot({ path: path.join(SHOTS, `planning-${engine}.png`), fullPage: true });
  });
  it("shows the scheme's indicators over the months and by employer, and recomputes them", async () => {
    const token = await server.login(username);
    const post = async (url: string, body: unknown) => {
      const res = await server.call('POST', url, { token, body });
      if (res.status >= 300) throw new Error(`${url}: ${res.status} ${JSON.stringify(res.body)}`);
      return res.body;
    };
    const month = new Date().toISOString().slice(0, 7);
    const product = await garmentProduct(post, { effectiveFrom: '2020-01-01' });
    const employer = await post('/api/v1/employers', {
      code: 'DASH',
      name: 'Dashboard Garments',
      productId: product.id,
    });
    const workers = [];
    for (const [name, born] of [
      ['Sok Dara', '1990-02-03'],
      ['Keo Thida', '1991-04-05'],
    ]) {
      workers.push(
        await post('/api/v1/members', { nameLatin: name, sex: 'F', birthDate: born, employerId: employer.id }),
      );
    }
    await paidMonth(
      post,
      employer.id,
      workers.map((w) => ({ memberId: w.id })),
      month,
      `${month}-01`,
      'DASH-1',
    );
    await page.getByRole('link', { name: 'Indicators', exact: true }).click();
    await page.getByRole('button', { name: 'Recompute the figures' }).click();
    const members = page.getByRole('table', { name: 'Values of Members covered' });
    await expect.poll(() => members.locator('tbody tr').last().textContent()).toContain(month);
    expect(await members.locator('tbody tr').last().locator('td').last().textContent()).toBe('2');
    expect(await page.getByRole('img', { name: 'Members covered' }).locator('svg').count()).toBe(1);
    const recovery = page.getByRole('table', { name: 'Values of Contribution recovery' });
    expect(await recovery.locator('tbody tr').last().locator('td').last().textContent()).toBe('100 %');
    await page.getByRole('combobox', { name: 'For' }).selectOption('employer');
    await expect
      .poll(() => page.getByRole('table', { name: 'Values of Members covered' }).textContent())
      .toContain('Dashboard Garments');
    await page.screenshot({ path: path.join(SHOTS, `dashboard-${engine}.png`), fullPage: true });
    const csv = await page.evaluate(
      async (href) => (await fetch(href!)).text(),
      await page.getByRole('link', { name: 'CSV' }).getAttribute('href'),
    );
    expect(csv.split('\n')[0]).toContain('indicator,name,unit,period');
    // The month's income against its cost, on the reports page.
    await page.getByRole('link', { name: 'Reports' }).click();
    const income = page.getByRole('table', { name: /^Income against cost by quarter/ });
    await expect.poll(() => income.textContent()).toContain('3.20');
  });
  it("shows a federation's user its schemes side by side and together, and nothing else", async () => {
    const other = await server.scheme('FEDX');
    const admin = (await server.call('GET', '/api/v1/auth/me', { token: await server.login(username) })).body;
    await createUser(server.db, systemActor(null, 'test'), admin.schemeId, {
      username: 'operator.web',
      displayName: 'Operator',
      password: PASSWORD,
      roles: ['platform_operator'],
      areaIds: [],
      language: null,
      isMachine: false,
    });
    const operator = await server.login('operator.web');
    const made = await server.call('POST', '/api/v1/federations', {
      token: operator,
      body: {
        name: 'Union of mutuals',
        schemeIds: [admin.schemeId, other.schemeId],
        user: { username: 'union.web', displayName: 'Union', password: PASSWORD },
      },
    });
    expect(made.status).toBe(201);
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    const union = await context.newPage();
    await union.goto(server.url);
    await union.getByLabel('Username').fill('union.web');
    await union.getByLabel('Password').fill(PASSWORD);
    await union.getByRole('button', { name: 'Log in' }).click();
    await expect.poll(() => union.locator('h1').textContent()).toBe('Union of mutuals');
    const members = union.getByRole('table', { name: 'Values of Members covered' });
    await expect.poll(() => members.textContent()).toContain('All together');
    expect(await members.textContent()).toContain('Scheme FEDX');
    // Nothing of the schemes' records in the menu.
    expect(await union.getByRole('navigation').getByRole('link').allTextContents()).toEqual([
      'Our schemes',
      'Cost of collection',
    ]);
    // Its manager adds the federation's own indicator, made from the schemes' figures; a bad formula is marked.
    await union.getByText(/^Own indicators/).click();
    const form = union.getByRole('form', { name: 'Add the indicator' });
    await form.getByLabel('Code').fill('collected_per_member');
    await form.getByLabel('Name').fill('Collected per member');
    await form.getByLabel('Definition').fill('Contributions collected ÷ members covered');
    await form.getByLabel('Numerator').fill('contributions collected');
    await form.getByLabel('Denominator').fill('members_covered');
    await form.getByLabel('Unit').selectOption('amount');
    await form.getByRole('button', { name: 'Add the indicator' }).click();
    await expect.poll(() => form.locator('.field.invalid').textContent()).toContain('Numerator');
    await form.getByLabel('Numerator').fill('contributions_collected');
    await form.getByRole('button', { name: 'Add the indicator' }).click();
    const own = union.getByRole('table', { name: 'Values of Collected per member' });
    await expect.poll(() => own.textContent()).toContain('All together');
    expect(await union.getByRole('table', { name: 'Own indicators' }).textContent()).toContain('collected_per_member');
    await union.screenshot({ path: path.join(SHOTS, `federation-${engine}.png`), fullPage: true });
    await context.close();
  });
  it('draws the areas from an uploaded GeoJSON file, with the facilities, and how far members live from care', async () => {
    const token = await server.login(username);
    const post = async (url: string, body: unknown) => {
      const res = await server.call('POST', url, { token, body });
      if (res.status >= 300) throw new Error(`${url}: ${res.status} ${JSON.stringify(res.body)}`);
      return res.body;
    };
    const province = await post('/api/v1/areas', {
      level: 'province',
      code: 'SR',
      name: 'Siem Reap',
      population: 1000,
    });
    await post('/api/v1/areas', {
      level: 'district',
      code: 'AKC',
      name: 'Angkor Chum',
      parentId: province.id,
      population: 200,
    });
    await post('/api/v1/facilities', {
      code: 'AKCH',
      name: 'Angkor Chum Hospital',
      type: 'referral_hospital',
      ownership: 'public',
      latitude: 13.7,
      longitude: 103.6,
    });
    await page.getByRole('link', { name: 'Map' }).click();
    await page.getByRole('combobox', { name: 'Level' }).selectOption('province');
    const ring = [
      [103.5, 13.5],
      [104.0, 13.5],
      [104.0, 14.0],
      [103.5, 14.0],
      [103.5, 13.5],
    ];
    await page.locator('input[type=file]').setInputFiles({
      name: 'siem-reap.geojson',
      mimeType: 'application/geo+json',
      buffer: Buffer.from(
        JSON.stringify({
          type: 'FeatureCollection',
          features: [
            { type: 'Feature', properties: { code: 'SR' }, geometry: { type: 'Polygon', coordinates: [ring] } },
          ],
        }),
      ),
    });
    await expect.poll(() => page.getByRole('status').textContent()).toBe('Boundaries kept for 1 areas.');
    const areas = page.getByRole('table', { name: 'Areas, farthest from care first' });
    await expect.poll(() => areas.textContent()).toContain('Siem Reap');
    expect(await areas.textContent()).toContain('Angkor Chum Hospital');
    expect(await page.locator('.map path.leaflet-interactive').count()).toBeGreaterThanOrEqual(2);
    await page.screenshot({ path: path.join(SHOTS, `map-${engine}.png`), fullPage: true });
  });
});
