import fs from 'node:fs';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PASSWORD } from '../app.js';
import { engines } from '../engines.js';
import { startSession } from './server.js';

const SHOTS = path.resolve('test-results');

describe.each(engines)('products and contribution rules in the web app on %s', (engine) => {
  let server: Awaited<ReturnType<typeof startSession>>['server'];
  let browser: Browser;
  let page: Page;
  let username: string;

  beforeAll(async () => {
    ({ server, browser, page, username } = await startSession(engine, [
      ['JAIWEI', 'Jai Wei Garment'],
      ['QUANTUM', 'Quantum Clothing'],
    ]));
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

  it("adds seed 000's rule: US$1.60 a month, half from the factory, all of it from Quantum", async () => {
    await page.getByRole('link', { name: 'Contribution rules' }).click();
    await page.getByRole('button', { name: 'Add a rule' }).click();
    const form = page.getByRole('form', { name: 'Add a rule' });
    await form.locator('input[name=code]').fill('HIP');
    await form.locator('input[name=name]').fill('HIP monthly contribution');
    await form.locator('input[name=effectiveFrom]').fill('2011-01-01');
    await form.locator('input[name=amount]').fill('1.60');
    await form.locator('input[name=employerSharePercent]').fill('50');
    await form.locator('select[name=employersPayingAll]').selectOption({ label: 'Quantum Clothing' });
    await form.getByRole('button', { name: 'Save' }).click();
    await expect.poll(() => page.locator('table.list tbody tr').first().textContent()).toContain('Flat amount, 1.60');
  });

  it('refuses a second version on the same day, naming the field', async () => {
    await page.getByRole('button', { name: 'Change from a day' }).click();
    const form = page.getByRole('form', { name: 'Change from a day' });
    await form.locator('input[name=effectiveFrom]').fill('2011-01-01');
    await form.getByRole('button', { name: 'Save' }).click();
    await expect.poll(() => form.locator('.field.invalid em').textContent()).toContain('already has a version');
    await form.getByRole('button', { name: 'Cancel' }).click();
  });

  it('previews what a worker and the factory pay', async () => {
    const preview = page.getByRole('form', { name: 'Preview a contribution' });
    await preview.locator('input[name=date]').fill('2011-07-01');
    await preview.locator('input[name=wage]').fill('150');
    await preview.locator('select[name=employerId]').selectOption({ label: 'Jai Wei Garment' });
    await preview.getByRole('button', { name: 'Preview' }).click();
    const result = page.getByRole('status');
    await expect.poll(() => result.textContent()).toContain('1.60 USD a month');
    expect(await result.textContent()).toContain('The member pays 0.80 USD');
    expect(await result.textContent()).toContain('Employer pays 0.80 USD');

    await preview.locator('select[name=employerId]').selectOption({ label: 'Quantum Clothing' });
    await preview.getByRole('button', { name: 'Preview' }).click();
    await expect.poll(() => result.textContent()).toContain('The member pays 0.00 USD');
    expect(await result.textContent()).toContain('Quantum Clothing pays the whole contribution.');
    await page.screenshot({ path: path.join(SHOTS, `contribution-rules-${engine}.png`), fullPage: true });
  });

  it('adds a product: the worker alone, monthly, deliveries after a waiting period', async () => {
    await page.getByRole('link', { name: 'Products' }).click();
    await page.getByRole('button', { name: 'Add a product' }).click();
    const form = page.getByRole('form', { name: 'Add a product' });
    await form.locator('input[name=code]').fill('HIP');
    await form.locator('input[name=name]').fill('Garment workers');
    await form.locator('input[name=effectiveFrom]').fill('2011-01-01');
    await form.getByRole('checkbox', { name: 'Consultation' }).check();
    await form.getByRole('checkbox', { name: 'Delivery' }).check();
    await form.locator('input[name=waiting-delivery]').fill('270');
    await form.getByRole('button', { name: 'Save' }).click();
    await expect
      .poll(() => page.locator('table.list tbody tr').first().textContent())
      .toContain('Consultation, Delivery (after 270 days)');
    await page.screenshot({ path: path.join(SHOTS, `products-${engine}.png`), fullPage: true });
  });

  it('refuses a yearly term without a real cycle day, naming the field', async () => {
    await page.getByRole('button', { name: 'Change from a day' }).first().click();
    const form = page.getByRole('form', { name: 'Change from a day' });
    await form.locator('input[name=effectiveFrom]').fill('2012-01-01');
    await form.locator('select[name=term]').selectOption('yearly');
    await form.locator('input[name=cycleStarts]').fill('13-01');
    await form.getByRole('button', { name: 'Save' }).click();
    await expect.poll(() => form.locator('.field.invalid em').first().textContent()).toContain('MM-DD');
    await form.locator('input[name=cycleStarts]').fill('01-01, 07-01');
    await form.getByRole('button', { name: 'Save' }).click();
    await expect.poll(() => page.locator('table.list tbody tr').first().textContent()).toContain('Yearly cycles');
  });

  it("enrols a factory's workers in the product, and declares its payroll for a month", async () => {
    const token = await server.login(username);
    const jaiWei = (await server.call('GET', '/api/v1/employers?q=jai', { token })).body.items[0];
    const worker = await server.call('POST', '/api/v1/members', {
      token,
      body: { nameLatin: 'Sok Dara', sex: 'F', birthDate: '1992-03-04', employerId: jaiWei.id },
    });
    const hip = (await server.call('GET', '/api/v1/contribution-rules', { token })).body.items[0];
    const product = (await server.call('GET', '/api/v1/products', { token })).body.items[0];
    // The product declared against is the first version's: monthly, priced by the HIP rule.
    await server.call('POST', `/api/v1/products/${product.id}/versions`, {
      token,
      body: {
        effectiveFrom: '2011-02-01',
        definition: { ...product.versions[0].definition, term: { kind: 'monthly' }, contributionRuleId: hip.id },
      },
    });
    await page.goto(`${server.url}/employers/${jaiWei.id}`);
    await page.getByRole('button', { name: 'Edit' }).click();
    await page.locator('select[name=productId]').selectOption({ label: 'Garment workers' });
    await page.getByRole('button', { name: 'Save' }).click();
    await expect.poll(() => page.locator('dl.facts').textContent()).toContain('Garment workers');

    await page.getByRole('link', { name: 'Declarations' }).click();
    const form = page.getByRole('form', { name: 'Declare' });
    await form.locator('select[name=employerId]').selectOption({ label: 'Jai Wei Garment' });
    await form.locator('input[name=period]').fill('2011-07');
    const payroll = `member_number,wage,days_worked\n${worker.body.memberNumber},150,26\nHIP999999999,150,26\n`;
    await form
      .locator('input[name=file]')
      .setInputFiles({ name: 'payroll.csv', mimeType: 'text/csv', buffer: Buffer.from(payroll) });
    await form.getByRole('button', { name: 'Declare' }).click();
    await expect.poll(() => form.locator('ul.errors').textContent()).toContain('there is no member HIP999999999');
    await form.locator('input[name=file]').setInputFiles({
      name: 'payroll.csv',
      mimeType: 'text/csv',
      buffer: Buffer.from(payroll.split('\n').slice(0, 2).join('\n')),
    });
    await form.getByRole('button', { name: 'Declare' }).click();
    await expect
      .poll(() => page.getByRole('status').textContent())
      .toBe('Version 1 declared: 1 workers, 1.60 USD — workers 0.80, employer 0.80.');
    await expect.poll(() => page.locator('table.list tbody tr').count()).toBe(1);
    await page.screenshot({ path: path.join(SHOTS, `declarations-${engine}.png`), fullPage: true });
  });

  it('shows the preview in Khmer', async () => {
    await page.getByRole('link', { name: 'Contribution rules' }).click();
    await page.getByLabel('Language').selectOption('km');
    await expect.poll(() => page.getByRole('heading', { name: 'វិធានភាគទាន' }).isVisible()).toBe(true);
    await page.getByRole('button', { name: 'មើលជាមុន' }).click();
    await expect.poll(() => page.getByRole('status').textContent()).toContain('ក្នុងមួយខែ');
    await page.screenshot({ path: path.join(SHOTS, `contribution-rules-km-${engine}.png`), fullPage: true });
    await page.getByLabel('ភាសា').selectOption('en');
  });
});
