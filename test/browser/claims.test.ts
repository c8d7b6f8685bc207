import fs from 'node:fs';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PASSWORD } from '../app.js';
import { garmentProduct } from '../fixtures.js';
import { engines } from '../engines.js';
import { startSession } from './server.js';

const SHOTS = path.resolve('test-results');
const today = new Date().toISOString().slice(0, 10);
const month = today.slice(0, 7);

/** A facility's claim typed in, a claim reviewed from the queue, and the month's payment run approved. */
describe.each(engines)('claims and provider payment in the web app on %s', (engine) => {
  let server: Awaited<ReturnType<typeof startSession>>['server'];
  let browser: Browser;
  let page: Page;
  let username: string;
  let token: string;
  let worker: { id: string; memberNumber: string };
  let hospital: { id: string };

  const post = async (url: string, body: unknown) => {
    const res = await server.call('POST', url, { token, body });
    if (res.status >= 300) throw new Error(`${url}: ${res.status} ${JSON.stringify(res.body)}`);
    return res.body;
  };

  beforeAll(async () => {
    ({ server, browser, page, username } = await startSession(engine, [['JAIWEI', 'Jai Wei Garment']]));
    fs.mkdirSync(SHOTS, { recursive: true });
    token = await server.login(username);
    const product = await garmentProduct(post, {
      categories: [
        { category: 'consultation', covered: true },
        { category: 'surgery', covered: true },
      ],
    });
    const jaiWei = (await server.call('GET', '/api/v1/employers?q=jai', { token })).body.items[0];
    await server.call('PATCH', `/api/v1/employers/${jaiWei.id}`, { token, body: { productId: product.id } });
    worker = await post('/api/v1/members', {
      nameLatin: 'Sok Dara',
      sex: 'F',
      birthDate: '1992-03-04',
      employerId: jaiWei.id,
    });
    await post('/api/v1/declarations', { employerId: jaiWei.id, period: month, lines: [{ memberId: worker.id }] });
    await post('/api/v1/payments', {
      method: 'bank_transfer',
      externalId: 'ABA-1',
      amount: 160,
      currency: 'USD',
      paidOn: `${month}-01`,
      employerId: jaiWei.id,
    });
    hospital = await post('/api/v1/facilities', {
      code: 'CKM',
      name: 'Chamkarmorn Referral Hospital',
      type: 'referral_hospital',
      ownership: 'public',
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
        { category: 'consultation', mechanism: 'fee_for_service', priceListId: list.id },
        { category: 'surgery', mechanism: 'case' },
      ],
    });
    const policy = (await server.call('GET', '/api/v1/claim-policy', { token })).body;
    await server.call('PUT', '/api/v1/claim-policy', {
      token,
      body: {
        ...policy,
        review: { ...policy.review, randomShareBp: 0, memberClaimsPer30Days: null, amountAbove: 100_000 },
        auditSampleBp: 0,
      },
    });
  });
  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  it("types a facility's claim and shows what the rules decided, and why", async () => {
    await page.goto(server.url);
    await page.getByLabel('Username').fill(username);
    await page.getByLabel('Password').fill(PASSWORD);
    await page.getByRole('button', { name: 'Log in' }).click();
    await page.getByRole('link', { name: 'Submit a claim' }).click();
    const form = page.getByRole('form', { name: 'Submit a claim' });
    await form.locator('select[name=facilityId]').selectOption({ label: 'CKM · Chamkarmorn Referral Hospital' });
    await form.locator('input[name=externalId]').fill('CKM-OPD-1');
    await form.locator('input[name=memberNumber]').fill(worker.memberNumber);
    await form.locator('select[name=category]').selectOption('consultation');
    await form.locator('input[name=diagnosis]').fill('j06.9');
    await form.getByRole('button', { name: 'Add a service or medicine' }).click();
    await form.locator('input[name="lines.0.code"]').fill('CONSULT');
    await form.locator('input[name="lines.0.unitPrice"]').fill('4.00');
    expect(await form.locator('input[name=claimed]').inputValue()).toBe('4.00');
    await form.getByRole('button', { name: 'Send the claim' }).click();
    await expect.poll(() => page.locator('h1').textContent()).toMatch(/^Claim CKM-\d{4}-00001$/);
    expect(await page.locator('.badge').textContent()).toBe('Partly approved');
    expect(await page.locator('ul.reasons').textContent()).toContain('paid at the list price of 3.00');
    expect(await page.getByRole('table', { name: 'Services and medicines' }).textContent()).toContain('3.00');
  });

  it('reviews a claim from the queue, riskiest first, with a reason', async () => {
    await post('/api/v1/claims', {
      facilityId: hospital.id,
      externalId: 'CKM-IPD-1',
      memberNumber: worker.memberNumber,
      category: 'surgery',
      caseCode: 'APPENDIX',
      admittedOn: today,
      claimed: 450_000,
    });
    await page.getByRole('link', { name: 'Claims', exact: true }).click();
    const queue = page.getByRole('table', { name: 'Review queue' });
    await expect.poll(() => queue.textContent()).toContain('Claims above 1,000.00 are reviewed');
    await queue.getByRole('link').first().click();
    const decide = page.getByRole('form', { name: 'Decide this claim' });
    await decide.locator('select[name=action]').selectOption('adjust');
    await decide.locator('input[name=reason]').fill('Two days in hospital, not five');
    await decide.getByRole('button', { name: 'Record the decision' }).click();
    await expect.poll(() => decide.locator('em[role=alert]').textContent()).toContain('amount approved');
    await decide.locator('input[name=amount]').fill('1100');
    await decide.getByRole('button', { name: 'Record the decision' }).click();
    await expect.poll(() => page.locator('.badge').textContent()).toBe('Partly approved');
    expect(await page.locator('ul.history').textContent()).toContain('Two days in hospital, not five');
    await page.screenshot({ path: path.join(SHOTS, `claim-${engine}.png`), fullPage: true });
  });

  it("computes the month's payment run, shows the hospital's statement, approves it", async () => {
    await page.getByRole('link', { name: 'Payment runs' }).click();
    const form = page.getByRole('form', { name: 'Compute the month' });
    await form.locator('input[name=period]').fill(month);
    await form.getByRole('button', { name: 'Compute the month' }).click();
    await expect.poll(() => page.locator('h1').textContent()).toBe(`Payment run ${month}`);
    const statements = page.getByRole('table', { name: 'Statements' });
    await expect.poll(() => statements.textContent()).toContain('Chamkarmorn Referral Hospital');
    // 1,100.00 for the case as reviewed, 3.00 for the consultation.
    expect(await statements.textContent()).toContain('1103.00');
    const pdf = await page.evaluate(
      async (href) => {
        const res = await fetch(href!);
        return { status: res.status, type: res.headers.get('content-type') };
      },
      await statements.getByRole('link', { name: 'PDF' }).getAttribute('href'),
    );
    expect(pdf).toEqual({ status: 200, type: 'application/pdf' });
    await page.getByRole('button', { name: 'Approve' }).click();
    await expect.poll(() => page.locator('.title-row .badge').textContent()).toBe('Approved');
    expect(await page.getByRole('button', { name: 'Compute again' }).count()).toBe(0);
    await page.screenshot({ path: path.join(SHOTS, `payment-run-${engine}.png`), fullPage: true });
  });
});
