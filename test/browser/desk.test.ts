import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import QRCode from 'qrcode';
import sharp from 'sharp';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PASSWORD } from '../app.js';
import { engines } from '../engines.js';
import { garmentProduct } from '../fixtures.js';
import { launchBrowser, startSession } from './server.js';

const SHOTS = path.resolve('test-results');
const today = () => new Date().toISOString().slice(0, 10);

/**
 * A video file Chromium plays as its camera (Y4M, 4:2:0): the card's QR code on white, so the
 * desk page's scanner reads a real code from a real video stream.
 */
async function cameraShowing(code: string): Promise<string> {
  const W = 640;
  const H = 480;
  const qr = await QRCode.toBuffer(code, { errorCorrectionLevel: 'L', margin: 4, width: 440 });
  const grey = await sharp({ create: { width: W, height: H, channels: 3, background: '#fff' } })
    .composite([{ input: qr, gravity: 'centre' }])
    .greyscale()
    .raw()
    .toBuffer({ resolveWithObject: true });
  const luma = Buffer.alloc(W * H);
  for (let i = 0; i < W * H; i++) luma[i] = grey.data[i * grey.info.channels]!;
  const chroma = Buffer.alloc((W / 2) * (H / 2), 128);
  const frame = Buffer.concat([Buffer.from('FRAME\n'), luma, chroma, chroma]);
  const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'riskpool-camera-')), 'card.y4m');
  fs.writeFileSync(file, Buffer.concat([Buffer.from(`YUV4MPEG2 W${W} H${H} F10:1 Ip A1:1 C420jpeg\n`), frame, frame]));
  return file;
}

describe.each(engines)('the desk: card, offline check, check-in and patient form on %s', (engine) => {
  let server: Awaited<ReturnType<typeof startSession>>['server'];
  let browser: Browser;
  let phone: Page;
  let token: string;
  let worker: { id: string; memberNumber: string };
  let card: { id: string; code: string };
  let adminName: string;

  const post = async (url: string, body: unknown) => {
    const res = await server.call('POST', url, { token, body });
    if (res.status >= 300) throw new Error(`${url}: ${res.status} ${JSON.stringify(res.body)}`);
    return res.body;
  };

  const login = async (page: Page, username: string) => {
    await page.goto(server.url);
    await page.getByLabel('Username').fill(username);
    await page.getByLabel('Password').fill(PASSWORD);
    await page.getByRole('button', { name: 'Log in' }).click();
    await page.getByLabel('Password').waitFor({ state: 'detached' });
  };

  beforeAll(async () => {
    let username: string;
    let page: Page;
    ({ server, browser, page, username } = await startSession(engine, [['JAIWEI', 'Jai Wei Garment']]));
    await page.close();
    fs.mkdirSync(SHOTS, { recursive: true });
    token = await server.login(username);
    adminName = username;
    const product = await garmentProduct(post, { categories: [{ category: 'consultation', covered: true }] });
    const jaiWei = (await server.call('GET', '/api/v1/employers?q=jai', { token })).body.items[0];
    await server.call('PATCH', `/api/v1/employers/${jaiWei.id}`, { token, body: { productId: product.id } });
    worker = await post('/api/v1/members', {
      nameLatin: 'Sok Dara',
      nameLocal: 'សុខ ដារា',
      sex: 'F',
      birthDate: '1992-03-04',
      employerId: jaiWei.id,
    });
    const face = await sharp({ create: { width: 240, height: 320, channels: 3, background: '#b08968' } })
      .jpeg()
      .toBuffer();
    await server.call('PUT', `/api/v1/members/${worker.id}/photo`, {
      token,
      body: new Uint8Array(face),
      headers: { 'content-type': 'image/jpeg' },
    });
    await post('/api/v1/declarations', {
      employerId: jaiWei.id,
      period: today().slice(0, 7),
      lines: [{ memberId: worker.id }],
    });
    await post('/api/v1/payments', {
      method: 'bank_transfer',
      externalId: 'DESK-1',
      amount: 160,
      currency: 'USD',
      paidOn: today(),
      employerId: jaiWei.id,
    });
    await post('/api/v1/facilities', { code: 'TKHC', name: 'Toul Kork', type: 'health_centre', ownership: 'public' });
    await post('/api/v1/users', {
      username: 'desk',
      displayName: 'Desk',
      password: PASSWORD,
      roles: ['facility_agent'],
    });
    card = await post(`/api/v1/members/${worker.id}/cards`, {});

    phone = await browser.newPage({ viewport: { width: 390, height: 800 } });
    // The print dialog is the browser's; here it is counted instead of shown.
    await phone.addInitScript(() => {
      (window as unknown as { printed: number }).printed = 0;
      window.print = () => void ((window as unknown as { printed: number }).printed += 1);
    });
    await login(phone, 'desk');
  });
  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  it('checks the card, checks the member in with one click and prints the patient form', async () => {
    await phone.goto(`${server.url}/desk`);
    const form = phone.getByRole('form', { name: 'Check' });
    await form.locator('select[name=by]').selectOption('card');
    await form.locator('input[name=value]').fill(card.code);
    await form.getByRole('button', { name: 'Check' }).click();
    const ownWord = phone.getByRole('article', { name: 'The card' });
    await expect.poll(() => ownWord.getByRole('status').textContent()).toMatch(/^Genuine card, valid /);
    expect(await ownWord.locator('img').getAttribute('src')).toMatch(/^blob:/);
    const verdict = phone.getByRole('article', { name: worker.memberNumber });
    await expect.poll(() => verdict.getByRole('status').first().textContent()).toMatch(/^COVERED until/);

    await verdict.locator('select[name=facilityId]').selectOption({ label: 'TKHC · Toul Kork' });
    await verdict.locator('select[name=category]').selectOption('consultation');
    await verdict.getByRole('button', { name: 'Check in and print the form' }).click();
    const number = `TKHC-${today().slice(2).replace(/-/g, '')}-001`;
    await expect.poll(() => verdict.locator('.visit-number').textContent()).toBe(`Visit ${number} recorded`);
    await expect.poll(() => phone.evaluate(() => (window as unknown as { printed: number }).printed)).toBe(1);
    // Printed, the page is the patient form alone, with the visit number the claim will refer to.
    await phone.emulateMedia({ media: 'print' });
    const patientForm = phone.getByRole('region', { name: 'Patient form' });
    expect(await patientForm.isVisible()).toBe(true);
    expect(await patientForm.textContent()).toContain(number);
    expect(await phone.getByRole('heading', { name: 'Is this person covered?' }).isVisible()).toBe(false);
    await phone.screenshot({ path: path.join(SHOTS, `patient-form-${engine}.png`), fullPage: true });
    await phone.emulateMedia({ media: 'screen' });
    const visits = await server.call('GET', `/api/v1/visits?memberId=${worker.id}`, { token });
    expect(visits.body.items).toMatchObject([{ number, cardId: card.id, category: 'consultation' }]);
  });

  it('tells a genuine card from a forged one with no network at all', async () => {
    await phone.goto(`${server.url}/desk`);
    // The page and the scheme's keys came while the network was there; then it goes.
    await phone.getByRole('form', { name: 'Check' }).waitFor();
    await expect.poll(() => phone.evaluate(() => localStorage.getItem('riskpool.cardKeys'))).toContain('publicKey');
    await phone.context().setOffline(true);
    try {
      const form = phone.getByRole('form', { name: 'Check' });
      await form.locator('select[name=by]').selectOption('card');
      await form.locator('input[name=value]').fill(card.code);
      await form.getByRole('button', { name: 'Check' }).click();
      const ownWord = phone.getByRole('article', { name: 'The card' });
      await expect
        .poll(() => ownWord.locator('.offline').textContent())
        .toBe("Valid card, not checked against today's payments: there is no network.");
      await phone.screenshot({ path: path.join(SHOTS, `desk-offline-${engine}.png`), fullPage: true });
      // One character of the name changed: the signature no longer matches.
      const i = card.code.length - 40;
      const forged = card.code.slice(0, i) + (card.code[i] === 'A' ? 'B' : 'A') + card.code.slice(i + 1);
      await form.locator('input[name=value]').fill(forged);
      await form.getByRole('button', { name: 'Check' }).click();
      await expect.poll(() => ownWord.getByRole('status').textContent()).toMatch(/^CARD NOT VALID/);
    } finally {
      await phone.context().setOffline(false);
    }
  });

  it('issues and prints cards from the member and employer pages', async () => {
    const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    try {
      await login(page, adminName);
      await page.goto(`${server.url}/members/${worker.id}`);
      const cards = page.getByRole('region', { name: 'Cards' });
      await cards.getByRole('button', { name: /^Reissue/ }).click();
      // The card shown at the desk before is now the replaced one; the new one is in force.
      await expect.poll(() => cards.locator('tbody tr').count()).toBe(2);
      expect(await cards.locator('tbody tr').first().textContent()).toContain('in force');
      expect(await cards.locator('tbody tr').nth(1).textContent()).toContain('reissued');
      const pdfUrl = await cards.getByRole('link', { name: 'Print the card (PDF)' }).getAttribute('href');
      const pdf = await page.request.get(`${server.url}${pdfUrl}`);
      expect(pdf.headers()['content-type']).toBe('application/pdf');
      expect((await pdf.body()).subarray(0, 5).toString()).toBe('%PDF-');
      await page.goto(`${server.url}/employers`);
      await page.getByRole('link', { name: 'Jai Wei Garment' }).click();
      await page.getByRole('button', { name: 'Issue the missing cards' }).click();
      await expect.poll(() => page.getByRole('status').textContent()).toBe('0 cards issued');
    } finally {
      await page.close();
    }
  });

  it("reads the card's QR code from the device camera", async () => {
    const camera = await launchBrowser([
      '--use-fake-ui-for-media-stream',
      '--use-fake-device-for-media-stream',
      `--use-file-for-fake-video-capture=${await cameraShowing(card.code)}`,
    ]);
    try {
      const page = await camera.newPage({ viewport: { width: 390, height: 800 } });
      await login(page, 'desk');
      await page.goto(`${server.url}/desk`);
      await page.getByRole('button', { name: 'Scan the card' }).click();
      const ownWord = page.getByRole('article', { name: 'The card' });
      await expect.poll(() => ownWord.getByRole('status').textContent(), { timeout: 20_000 }).toMatch(/^Genuine card/);
      expect(await page.locator('input[name=value]').inputValue()).toBe(card.code);
    } finally {
      await camera.close();
    }
  });
});
