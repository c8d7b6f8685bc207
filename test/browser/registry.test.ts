import fs from 'node:fs';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PASSWORD } from '../app.js';
import { engines } from '../engines.js';
import { startSession } from './server.js';

const SHOTS = path.resolve('test-results');

describe.each(engines)('the web app on %s', (engine) => {
  let server: Awaited<ReturnType<typeof startSession>>['server'];
  let browser: Browser;
  let page: Page;
  let username: string;

  beforeAll(async () => {
    ({ server, browser, page, username } = await startSession(engine, [['THAIPORE', 'Thaipore Garment']]));
    fs.mkdirSync(SHOTS, { recursive: true });
  });
  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  it('logs in', async () => {
    await page.goto(server.url);
    await page.getByLabel('Username').fill(username);
    await page.getByLabel('Password').fill(PASSWORD);
    await page.getByRole('button', { name: 'Log in' }).click();
    await expect.poll(() => page.getByRole('heading', { name: 'Members' }).isVisible()).toBe(true);
  });

  it('registers a member', async () => {
    await page.getByRole('link', { name: 'Register a member' }).click();
    await page.locator('input[name=nameLatin]').fill('Chhorn Sreymom');
    await page.locator('input[name=nameLocal]').fill('ឆន ស្រីមុំ');
    await page.locator('select[name=sex]').selectOption('F');
    await page.locator('input[name=birthDate]').fill('1993-02-11');
    await page.locator('select[name=employerId]').selectOption({ label: 'Thaipore Garment' });
    await page.locator('input[name=factoryCardNumber]').fill('T-0042');
    await page.locator('input[name=wage]').fill('150');
    await page.getByRole('button', { name: 'Register', exact: true }).click();
    await expect.poll(() => page.locator('.number').textContent()).toMatch(/^HIP\d{9}$/);
    expect(await page.getByRole('heading', { level: 1 }).textContent()).toContain('Chhorn Sreymom');
    await page.screenshot({ path: path.join(SHOTS, `member-${engine}.png`) });
  });

  it('finds the member by a misspelled Latin name', async () => {
    await page.getByRole('link', { name: 'Members' }).click();
    await page.getByRole('searchbox').fill('Chorn Sreymoom');
    await page.getByRole('button', { name: 'Search' }).click();
    await expect.poll(() => page.locator('table.list tbody tr').count()).toBe(1);
    expect(await page.locator('table.list tbody tr').first().textContent()).toContain('Chhorn Sreymom');
  });

  it('imports a small CSV, reporting its one bad row and registering nobody until asked', async () => {
    const csv = [
      'name_latin,sex,birth_date,factory_card_number',
      'Keo Sophea,F,1995-05-05,T-0100',
      'Meas Navy,F,31/12/1996,T-0101',
      'Ly Vuthy,M,1990-10-10,T-0102',
    ].join('\n');
    await page.getByRole('link', { name: 'Import' }).click();
    await page
      .locator('input[name=file]')
      .setInputFiles({ name: 'thaipore.csv', mimeType: 'text/csv', buffer: Buffer.from(csv) });
    await page.locator('select[name=employerId]').selectOption({ label: 'Thaipore Garment' });
    await page.getByRole('button', { name: 'Import', exact: true }).click();
    await expect.poll(() => page.locator('.state').textContent()).toContain('Not imported');
    const row = page.locator('table.errors tbody tr');
    await expect.poll(() => row.count()).toBe(1);
    expect(await row.first().textContent()).toBe('3birth_datemust be a date as YYYY-MM-DD');
    expect(await page.locator('progress').count()).toBe(1);

    await page.locator('input[name=keepValid]').check();
    await page.getByRole('button', { name: 'Import', exact: true }).click();
    await expect.poll(() => page.locator('.state').textContent()).toContain('Done');
    expect(await page.locator('.state').textContent()).toContain('2 registered');
    await page.screenshot({ path: path.join(SHOTS, `import-${engine}.png`) });
    const api = await server.call('GET', '/api/v1/members?fid=T-0102', { token: await server.login(username) });
    expect(api.body.items).toHaveLength(1);
  });

  it("shows an administrator what a FHIR client needs: the server's base and the scheme's identifier systems", async () => {
    await page.getByRole('link', { name: 'Users and roles' }).click();
    await expect.poll(() => page.getByRole('heading', { name: 'Other systems (FHIR R4)' }).isVisible()).toBe(true);
    const systems = page.getByRole('table', { name: 'Identifier systems' });
    await expect.poll(() => systems.getByRole('row').count()).toBe(6);
    const memberSystem = await systems
      .getByRole('row', { name: /Member numbers/ })
      .locator('code')
      .textContent();
    expect(memberSystem).toMatch(/^https:\/\/riskpool\.org\/fhir\/sid\/scheme\/[0-9a-hjkmnp-tv-z]{10}\/member-number$/);
    // The statement the page links to is the server's own.
    const href = await page.getByRole('link', { name: 'what it supports' }).getAttribute('href');
    const statement = await page.evaluate(async (url) => (await fetch(url!)).json(), href);
    expect(statement).toMatchObject({ resourceType: 'CapabilityStatement', fhirVersion: '4.0.1' });
  });

  it('switches to Khmer, and the Khmer script renders', async () => {
    await page.getByLabel('Language').selectOption('km');
    await expect.poll(() => page.getByRole('link', { name: 'សមាជិក', exact: true }).isVisible()).toBe(true);
    expect(await page.evaluate(() => document.documentElement.lang)).toBe('km');
    // The bundled Khmer font is used, not a box-drawing fallback.
    const fontLoaded = await page.evaluate(async () => {
      await document.fonts.ready;
      return document.fonts.check('16px "Noto Sans Khmer"', 'សមាជិក');
    });
    expect(fontLoaded).toBe(true);
    await page.screenshot({ path: path.join(SHOTS, `khmer-${engine}.png`) });
    await page.getByLabel('ភាសា').selectOption('vi');
    await expect.poll(() => page.getByRole('link', { name: 'Thành viên', exact: true }).isVisible()).toBe(true);
    await page.getByLabel('Ngôn ngữ').selectOption('en');
  });
});
