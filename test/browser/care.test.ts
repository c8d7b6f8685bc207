import fs from 'node:fs';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PASSWORD } from '../app.js';
import { engines } from '../engines.js';
import { startSession } from './server.js';

const SHOTS = path.resolve('test-results');

/** A complaint taken on the hotline and resolved; a survey built, drawn, answered by phone and by the member's own link. */
describe.each(engines)('customer care in the web app on %s', (engine) => {
  let server: Awaited<ReturnType<typeof startSession>>['server'];
  let browser: Browser;
  let page: Page;
  let username: string;
  let token: string;
  const workers: { id: string; memberNumber: string }[] = [];

  const post = async (url: string, body: unknown) => {
    const res = await server.call('POST', url, { token, body });
    if (res.status >= 300) throw new Error(`${url}: ${res.status} ${JSON.stringify(res.body)}`);
    return res.body;
  };

  beforeAll(async () => {
    ({ server, browser, page, username } = await startSession(engine, [['WING', 'Wing Star Garments']]));
    fs.mkdirSync(SHOTS, { recursive: true });
    token = await server.login(username);
    const wing = (await server.call('GET', '/api/v1/employers?q=wing', { token })).body.items[0];
    for (const name of ['Chea Sophal', 'Keo Dara', 'Mao Srey']) {
      workers.push(
        await post('/api/v1/members', { nameLatin: name, sex: 'F', birthDate: '1993-05-06', employerId: wing.id }),
      );
    }
  });
  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  it('takes a complaint on the hotline and resolves it, saying why no SMS went', async () => {
    await page.goto(server.url);
    await page.getByLabel('Username').fill(username);
    await page.getByLabel('Password').fill(PASSWORD);
    await page.getByRole('button', { name: 'Log in' }).click();
    await page.getByRole('link', { name: 'Record a complaint' }).click();
    const form = page.getByRole('form', { name: 'Record a complaint or feedback' });
    await form.locator('select[name=category]').selectOption({ label: 'Asked to pay' });
    await form.locator('textarea[name=description]').fill('Asked 5,000 riel for a consultation at the health centre');
    await form.locator('input[name=memberNumber]').fill('HIP000000000');
    await form.getByRole('button', { name: 'Open the ticket' }).click();
    // A mistyped number is refused at the field, and nothing is opened.
    await expect.poll(() => form.locator('em[role=alert]').textContent()).toBeTruthy();
    await form.locator('input[name=memberNumber]').fill(workers[0]!.memberNumber);
    await form.getByRole('button', { name: 'Open the ticket' }).click();
    await expect.poll(() => page.locator('h1').textContent()).toMatch(/^Ticket T\d{6}$/);
    expect(await page.locator('dl.facts').textContent()).toContain('Chea Sophal');
    await page.getByRole('button', { name: 'Take it' }).click();
    await expect.poll(() => page.locator('.title-row .badge').first().textContent()).toBe('In progress');
    const resolve = page.getByRole('form', { name: 'Resolve' });
    await resolve.locator('textarea[name=resolution]').fill('The centre paid her back; the director was warned.');
    await resolve.getByRole('button', { name: 'Resolve' }).click();
    await expect.poll(() => page.getByRole('status').textContent()).toContain('No SMS was sent');
    await expect.poll(() => page.locator('.title-row .badge').first().textContent()).toBe('Resolved');
    expect(await page.getByRole('list', { name: 'History' }).textContent()).toContain('resolved');
    await page.getByRole('link', { name: 'Complaints and feedback' }).click();
    await page.getByRole('tab', { name: 'Figures' }).click();
    const figures = page.getByRole('definition').first();
    await expect.poll(() => figures.textContent()).toBe('1');
    expect(await page.getByRole('table', { name: 'By category' }).textContent()).toContain('Asked to pay');
    // The categories: a deadline changed, and a used one cannot be dropped (only put out of use).
    await page.getByRole('tab', { name: 'Categories' }).click();
    const categories = page.getByRole('form', { name: 'Complaint categories' });
    const waiting = categories.locator('tr', { has: page.locator('input[value=waiting_time]') });
    await waiting.locator('input[type=number]').fill('48');
    await categories.getByRole('button', { name: 'Save' }).click();
    await expect.poll(() => page.getByRole('status').textContent()).toBe('Saved.');
    const saved = (await server.call('GET', '/api/v1/ticket-categories', { token })).body.items;
    expect(saved.find((c: { code: string }) => c.code === 'waiting_time').deadlineHours).toBe(48);
  });

  it('builds a survey, draws its sample, takes a phone interview and shows the results', async () => {
    await page.getByRole('link', { name: 'Satisfaction surveys' }).click();
    const builder = page.getByRole('form', { name: 'A new survey' });
    await builder.locator('input[name=name]').fill('Members 2026');
    await builder.locator('input[name=round]').fill('2026 Q1');
    await builder.locator('input[name="text-0-en"]').fill('How easy was it to register?');
    await builder.locator('input[name="text-0-km"]').fill('ការចុះឈ្មោះងាយស្រួលប៉ុណ្ណា?');
    await builder.getByRole('button', { name: 'Add a question' }).click();
    await builder.locator('select[name="dimension-1"]').selectOption('co_payments');
    await builder.locator('select[name="type-1"]').selectOption('yes_no');
    await builder.locator('input[name="text-1-en"]').fill('Were you asked to pay?');
    await builder.locator('select[name="positive-1"]').selectOption('no');
    await builder.getByRole('button', { name: 'Create the draft' }).click();
    await expect.poll(() => page.locator('h1').textContent()).toBe('Members 2026 · 2026 Q1');

    const draw = page.getByRole('form', { name: 'Draw the sample' });
    await draw.locator('input[name=size]').fill('3');
    await draw.locator('input[name=seed]').fill('5');
    await draw.getByRole('button', { name: 'Draw' }).click();
    await expect.poll(() => page.getByRole('table', { name: 'Strata' }).textContent()).toContain('Wing Star Garments');
    await page.getByRole('button', { name: 'Open the survey' }).click();
    await expect.poll(() => page.locator('.title-row .badge').textContent()).toBe('Open');

    const list = page.getByRole('table', { name: 'Phone interviews' });
    await list.getByRole('button', { name: 'Interview' }).first().click();
    const interview = page.getByRole('form', { name: /^Interview of / });
    await interview.getByLabel('4 good').check();
    await interview.getByLabel('No', { exact: true }).check();
    await interview.getByRole('button', { name: 'Save the answers' }).click();
    await expect.poll(() => page.getByText('3 sampled: 1 answered').count()).toBe(1);
    await expect.poll(() => page.getByRole('img', { name: /Share satisfied per dimension/ }).count()).toBe(1);
    const byDimension = page.getByRole('table', { name: 'By dimension' });
    expect(await byDimension.textContent()).toContain('Registration');
    expect(await byDimension.textContent()).toContain('100 %');
    await page.screenshot({ path: path.join(SHOTS, `survey-${engine}.png`), fullPage: true });
  });

  it('lets a sampled member answer on their own link, with no login, in Khmer', async () => {
    const survey = (await server.call('GET', '/api/v1/surveys', { token })).body.items[0];
    const pending = (await server.call('GET', `/api/v1/surveys/${survey.id}/sample?state=pending`, { token })).body
      .items[0];
    const context = await browser.newContext({ viewport: { width: 390, height: 800 } });
    const phone = await context.newPage();
    await phone.goto(`${server.url}${pending.link}`);
    await expect.poll(() => phone.locator('h1').textContent()).toBe('Members 2026');
    await phone.getByRole('combobox', { name: 'Language' }).selectOption('km');
    await expect.poll(() => phone.getByText('ការចុះឈ្មោះងាយស្រួលប៉ុណ្ណា?').count()).toBe(1);
    await phone.getByRole('radio').nth(4).check();
    await phone.getByRole('radio').nth(6).check();
    await phone.screenshot({ path: path.join(SHOTS, `survey-form-${engine}.png`), fullPage: true });
    await phone.locator('button[type=submit]').click();
    await expect.poll(() => phone.getByRole('status').textContent()).toBe('អរគុណ៖ បានទទួលចម្លើយរបស់អ្នក។');
    await phone.screenshot({ path: path.join(SHOTS, `survey-link-${engine}.png`), fullPage: true });
    await context.close();
    const results = (await server.call('GET', `/api/v1/surveys/${survey.id}/results`, { token })).body;
    expect(results).toMatchObject({ answered: 2 });
  });
});
