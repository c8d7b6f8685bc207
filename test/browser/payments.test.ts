import fs from 'node:fs';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PASSWORD } from '../app.js';
import { garmentProduct } from '../fixtures.js';
import { engines } from '../engines.js';
import { startSession } from './server.js';

const SHOTS = path.resolve('test-results');
const day = (offset: number) => new Date(Date.now() + offset * 86_400_000).toISOString().slice(0, 10);

describe.each(engines)('payments, collection and cover in the web app on %s', (engine) => {
  let server: Awaited<ReturnType<typeof startSession>>['server'];
  let browser: Browser;
  let page: Page;
  let username: string;
  let token: string;
  let worker: { id: string; memberNumber: string };
  let villager: { memberNumber: string };
  const month = day(0).slice(0, 7);

  const post = async (url: string, body: unknown) => {
    const res = await server.call('POST', url, { token, body });
    if (res.status >= 300) throw new Error(`${url}: ${res.status} ${JSON.stringify(res.body)}`);
    return res.body;
  };

  beforeAll(async () => {
    ({ server, browser, page, username } = await startSession(engine, [['JAIWEI', 'Jai Wei Garment']]));
    fs.mkdirSync(SHOTS, { recursive: true });
    token = await server.login(username);
    const product = await garmentProduct(post);
    const jaiWei = (await server.call('GET', '/api/v1/employers?q=jai', { token })).body.items[0];
    await server.call('PATCH', `/api/v1/employers/${jaiWei.id}`, { token, body: { productId: product.id } });
    worker = await post('/api/v1/members', {
      nameLatin: 'Sok Dara',
      sex: 'F',
      birthDate: '1992-03-04',
      employerId: jaiWei.id,
    });
    await post('/api/v1/declarations', { employerId: jaiWei.id, period: month, lines: [{ memberId: worker.id }] });

    // A village that pays a yearly premium, with a campaign collecting now for the cycle that starts next.
    const cycleStart = day(20);
    const yearly = await post('/api/v1/contribution-rules', {
      code: 'VILLAGE',
      name: 'Village premium',
      version: {
        effectiveFrom: '2011-01-01',
        definition: { kind: 'flat', period: 'year', amount: 244, employerShareBp: 0 },
      },
    });
    const vhi = await post('/api/v1/products', {
      code: 'VHI',
      name: 'Village health insurance',
      version: {
        effectiveFrom: '2011-01-01',
        definition: {
          covers: 'household',
          dependants: { relations: ['spouse', 'child'] },
          term: { kind: 'yearly', cycleStarts: [cycleStart.slice(5)] },
          contributionRuleId: yearly.id,
          categories: [],
        },
      },
    });
    const village = await post('/api/v1/groups', { code: 'TK', name: 'Trapeang Kok', kind: 'village', population: 3 });
    villager = await post('/api/v1/members', {
      nameLatin: 'Meas Navy',
      sex: 'F',
      birthDate: '1975-05-05',
      groupId: village.id,
    });
    await post('/api/v1/collectors', {
      code: 'CC1',
      name: 'Commune council',
      kind: 'commune_council',
      commissionBp: 1000,
      username,
    });
    await post('/api/v1/campaigns', {
      name: 'Trapeang Kok',
      groupId: village.id,
      productId: vhi.id,
      cycleStart,
      opensOn: day(-5),
      closesOn: day(15),
      thresholdBp: 5000,
    });
  });
  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  it('logs in and finds the factory in arrears', async () => {
    await page.goto(server.url);
    await page.getByLabel('Username').fill(username);
    await page.getByLabel('Password').fill(PASSWORD);
    await page.getByRole('button', { name: 'Log in' }).click();
    await page.getByRole('link', { name: 'Payments' }).click();
    const arrears = page.getByRole('table', { name: 'Employers in arrears' });
    await expect.poll(() => arrears.textContent()).toContain(`Jai Wei Garment${month}: 1.60`);
  });

  it('records a bank transfer, applies it to the month and keeps the rest as a credit', async () => {
    const form = page.getByRole('form', { name: 'Record a payment' });
    await form.locator('input[name=externalId]').fill('ABA-1001');
    await form.locator('input[name=amount]').fill('3.20');
    await form.locator('select[name=employerId]').selectOption({ label: 'Jai Wei Garment' });
    await form.getByRole('button', { name: 'Record a payment' }).click();
    await expect
      .poll(() => page.getByRole('status').textContent())
      .toContain('Applied 1.60 USD; 1.60 left as a credit.');
    await expect.poll(() => page.getByText('No employer owes anything.').isVisible()).toBe(true);

    await form.locator('input[name=externalId]').fill('ABA-1001');
    await form.locator('input[name=amount]').fill('3.20');
    await form.getByRole('button', { name: 'Record a payment' }).click();
    await expect.poll(() => page.getByRole('status').textContent()).toContain('was received before');
  });

  it('puts a payment nobody matches in suspense, and assigns it to the factory', async () => {
    const form = page.getByRole('form', { name: 'Record a payment' });
    await form.locator('input[name=externalId]').fill('WING-77');
    await form.locator('select[name=method]').selectOption('mobile_money');
    await form.locator('input[name=amount]').fill('5.00');
    await form.locator('input[name=reference]').fill('salary nov');
    await form.getByRole('button', { name: 'Record a payment' }).click();
    await expect.poll(() => page.getByRole('status').textContent()).toContain('suspense list');
    await page.locator('select[name=state]').selectOption('suspense');
    const row = page.locator('table.list tbody tr', { hasText: 'WING-77' });
    await row.getByLabel('Employer').selectOption({ label: 'Jai Wei Garment' });
    await row.getByRole('button', { name: 'Assign' }).click();
    await expect.poll(() => page.locator('table.list tbody tr', { hasText: 'WING-77' }).count()).toBe(0);
    await page.screenshot({ path: path.join(SHOTS, `payments-${engine}.png`), fullPage: true });
  });

  it("shows the worker's month as paid on the cover page", async () => {
    await page.goto(`${server.url}/members/${worker.id}/coverage`);
    await expect.poll(() => page.getByRole('status').textContent()).toContain('Covered');
    expect(await page.getByRole('table', { name: 'Periods of cover' }).textContent()).toContain('Garment workers');
  });

  it("collects a household's premium on a phone, after its intention to enrol", async () => {
    const phone = await browser.newPage({ viewport: { width: 390, height: 800 } });
    await phone.context().addCookies(await page.context().cookies());
    await phone.goto(`${server.url}/collect`);
    await phone.locator('select[name=campaignId]').selectOption({ label: 'Trapeang Kok (Trapeang Kok)' });
    await phone.locator('input[name=memberNumber]').fill(villager.memberNumber);
    await phone.getByRole('button', { name: 'Find the household' }).click();
    await expect.poll(() => phone.getByLabel('Premium due').textContent()).toContain('2.44 USD');
    await phone.getByRole('button', { name: 'Intends to enrol' }).click();
    await expect.poll(() => phone.getByRole('status').textContent()).toContain('100 %');
    await phone.getByRole('button', { name: 'Collect 2.44 USD' }).click();
    await expect.poll(() => phone.getByRole('status').textContent()).toContain('Receipt R0000001');
    expect(await phone.getByRole('status').textContent()).toContain('Your commission: 0.24 USD');
    await phone.screenshot({ path: path.join(SHOTS, `collect-${engine}.png`), fullPage: true });
    await phone.close();
  });

  it('shows the campaign against its threshold and the collector holding the cash', async () => {
    await page.goto(`${server.url}/campaigns`);
    const campaigns = page.getByRole('table', { name: 'Collection campaigns' });
    await expect.poll(() => campaigns.textContent()).toContain('threshold reached');
    await expect.poll(() => campaigns.textContent()).toContain('2.44 USD');
    const collectors = page.getByRole('table', { name: 'Collectors' });
    await expect.poll(() => collectors.textContent()).toContain('holds 2.20 USD');
    await collectors.getByLabel('Amount remitted').fill('5');
    await collectors.getByRole('button', { name: 'Record remittance' }).click();
    await expect.poll(() => collectors.locator('em[role=alert]').textContent()).toContain('more than');
    await collectors.getByLabel('Amount remitted').fill('2.20');
    await collectors.getByRole('button', { name: 'Record remittance' }).click();
    await expect.poll(() => collectors.textContent()).toContain('holds 0.00 USD');
    await page.screenshot({ path: path.join(SHOTS, `campaigns-${engine}.png`), fullPage: true });
  });

  it('declares a month by typing its lines, and names a wrong one', async () => {
    await page.goto(`${server.url}/declarations`);
    const form = page.getByRole('form', { name: 'Declare' });
    await form.locator('select[name=employerId]').selectOption({ label: 'Jai Wei Garment' });
    await form.locator('input[name=period]').fill(month);
    await form.getByLabel('Type the lines instead of uploading a file').check();
    await form.getByLabel('Member number 1').fill('HIP-NOBODY');
    await form.getByRole('button', { name: 'Declare' }).click();
    await expect.poll(() => form.locator('ul.errors').textContent()).toContain('lines.0.memberNumber');
    await form.getByLabel('Member number 1').fill(worker.memberNumber);
    await form.getByLabel('Wage 1').fill('150');
    await form.getByRole('button', { name: 'Declare' }).click();
    await expect.poll(() => page.getByRole('status').textContent()).toContain('Version 2 declared: 1 workers');
    // What was paid against the first version pays the correction: the month stays paid.
    const declarations = page.getByRole('table', { name: 'Employer declarations' });
    await expect.poll(() => declarations.locator('tbody tr').first().textContent()).toContain(day(0));
  });

  it('answers at the desk: covered in plain words, a mistyped number as invalid', async () => {
    const phone = await browser.newPage({ viewport: { width: 390, height: 800 } });
    await phone.context().addCookies(await page.context().cookies());
    await phone.goto(`${server.url}/desk`);
    const form = phone.getByRole('form', { name: 'Check' });
    await form.locator('input[name=value]').fill(worker.memberNumber);
    await form.getByRole('button', { name: 'Check' }).click();
    const verdict = phone.getByRole('article', { name: worker.memberNumber });
    await expect.poll(() => verdict.getByRole('status').textContent()).toMatch(/^COVERED until \d{4}-\d{2}-\d{2}$/);
    expect(await verdict.getAttribute('class')).toContain('covered');
    await phone.screenshot({ path: path.join(SHOTS, `desk-${engine}.png`), fullPage: true });
    const n = worker.memberNumber;
    await form.locator('input[name=value]').fill(`${n.slice(0, -1)}${(Number(n.slice(-1)) + 1) % 10}`);
    await form.getByRole('button', { name: 'Check' }).click();
    await expect.poll(() => form.locator('.field.invalid em').textContent()).toContain('check digit');
    await phone.close();
  });
});
