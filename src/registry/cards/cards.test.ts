import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ed25519 } from '@noble/curves/ed25519.js';
import { engines } from '../../../test/engines.js';
import { testApp, type TestApp } from '../../../test/app.js';
import { checkCardCode, issueCardCode } from './claim169.js';
import { today } from '../../platform/dates.js';

/** Seed 000's card: photo, names, number, validity, and a signed QR code any desk can check offline. */
describe.each(engines)('member cards on %s', (engine) => {
  let t: TestApp;
  let token: string;
  let other: string;
  let employerId: string;
  let worker: { id: string; memberNumber: string; householdId: string };
  let spouse: { id: string };

  const post = async (url: string, body: unknown, as = token) => {
    const res = await t.call('POST', url, { token: as, body });
    if (res.status >= 300) throw new Error(`${url}: ${res.status} ${JSON.stringify(res.body)}`);
    return res.body;
  };

  beforeAll(async () => {
    t = await testApp(engine);
    ({ token } = await t.scheme('CRD'));
    ({ token: other } = await t.scheme('OCR'));
    employerId = (await post('/api/v1/employers', { code: 'JAIWEI', name: 'Jai Wei' })).id;
    worker = await post('/api/v1/members', {
      nameLatin: 'Sok Dara',
      nameLocal: 'សុខ ដារា',
      sex: 'F',
      birthDate: '1990-01-31',
      employerId,
    });
    spouse = await post('/api/v1/members', {
      nameLatin: 'Chan Vuthy',
      sex: 'M',
      birthDate: '1988-05-02',
      householdId: worker.householdId,
      relation: 'spouse',
    });
    const jpeg = await sharp({ create: { width: 300, height: 400, channels: 3, background: '#a08070' } })
      .jpeg()
      .toBuffer();
    const photo = await t.call('PUT', `/api/v1/members/${worker.id}/photo`, {
      token,
      body: new Uint8Array(jpeg),
      headers: { 'content-type': 'image/jpeg' },
    });
    expect(photo.status).toBe(200);
  });
  afterAll(() => t.close());

  it('issues a card whose QR code checks offline with the scheme’s public key alone', async () => {
    const card = await post(`/api/v1/members/${worker.id}/cards`, {});
    expect(card.validFrom).toBe(today());
    expect(card.validUntil > card.validFrom).toBe(true);
    const keys = (await t.call('GET', '/api/v1/cards/keys', { token })).body;
    expect(keys.algorithm).toBe('EdDSA');
    const publicKeys = keys.keys.map((k: { kid: string; publicKey: string }) => ({
      kid: k.kid,
      publicKey: new Uint8Array(Buffer.from(k.publicKey, 'base64url')),
    }));
    const checked = await checkCardCode(card.code, publicKeys, today());
    expect(checked.ok).toBe(true);
    if (!checked.ok) return;
    expect(checked.claims).toMatchObject({
      cardId: card.id,
      memberNumber: worker.memberNumber,
      fullName: 'Sok Dara',
      localName: 'សុខ ដារា',
      // The scheme works in English and Khmer: the local name is in Khmer.
      localLanguage: 'khm',
      birthDate: '1990-01-31',
      sex: 'F',
      country: 'KH',
    });
    // A photo small enough for the code, in WEBP.
    expect(checked.claims.photo).not.toBeNull();
    expect(new TextDecoder().decode(checked.claims.photo!.slice(8, 12))).toBe('WEBP');
    // Another scheme's keys do not check it.
    const theirs = (await t.call('GET', '/api/v1/cards/keys', { token: other })).body.keys;
    expect(theirs.map((k: { kid: string }) => k.kid)).not.toEqual(keys.keys.map((k: { kid: string }) => k.kid));
  });

  it('answers eligibility by the card, and a reissued card’s old one is refused online', async () => {
    const first = await post(`/api/v1/members/${spouse.id}/cards`, {});
    const byCard = await t.call('GET', `/api/v1/eligibility?card=${encodeURIComponent(first.code)}`, { token });
    expect(byCard.status).toBe(200);
    expect(byCard.body.matches).toHaveLength(1);
    expect(byCard.body.matches[0]).toMatchObject({ memberId: spouse.id, card: { id: first.id } });

    const second = await post(`/api/v1/members/${spouse.id}/cards`, {});
    const old = await t.call('GET', `/api/v1/eligibility?card=${encodeURIComponent(first.code)}`, { token });
    expect(old.status).toBe(400);
    expect(old.body.errors[0]).toMatchObject({
      field: 'card',
      reason: expect.stringMatching(/replaced by a newer card/),
    });
    const now = await t.call('GET', `/api/v1/eligibility?card=${encodeURIComponent(second.code)}`, { token });
    expect(now.body.matches[0].card.id).toBe(second.id);
    const cards = (await t.call('GET', `/api/v1/members/${spouse.id}/cards`, { token })).body.items;
    expect(cards.map((c: { id: string; revokedReason: string | null }) => [c.id, c.revokedReason])).toEqual([
      [second.id, null],
      [first.id, 'reissued'],
    ]);

    const revoked = await post(`/api/v1/cards/${second.id}/revoke`, { reason: 'lost' });
    expect(revoked.revokedReason).toBe('lost');
    const lost = await t.call('GET', `/api/v1/eligibility?card=${encodeURIComponent(second.code)}`, { token });
    expect(lost.body.errors[0].reason).toMatch(/revoked/);
  });

  it('refuses a forged, foreign or garbage card without saying whether anyone is a member', async () => {
    const card = await post(`/api/v1/members/${worker.id}/cards`, {});
    // Signed with a key of its own under the scheme's key id: the signature does not match.
    const kid = (await t.call('GET', '/api/v1/cards/keys', { token })).body.keys[0].kid;
    const checked = await checkCardCode(card.code, [], today());
    expect(checked.ok).toBe(false);
    const forged = await issueCardCode(
      {
        cardId: card.id,
        issuer: 'urn:riskpool:scheme:x',
        memberNumber: worker.memberNumber,
        fullName: 'Someone Else',
        localName: null,
        localLanguage: null,
        birthDate: '1990-01-31',
        sex: 'F',
        country: 'KH',
        validFrom: today(),
        validUntil: '2035-01-01',
        issuedAt: 0,
        photo: null,
      },
      kid,
      ed25519.utils.randomSecretKey(),
    );
    for (const [code, reason] of [
      [forged, /signature that does not match/],
      ['garbage', /not a Claim 169 code|Base45/],
      ['X'.repeat(7999), /not a Claim 169 code|zlib/],
    ] as const) {
      const res = await t.call('GET', `/api/v1/eligibility?card=${encodeURIComponent(code)}`, { token });
      expect(res.status).toBe(400);
      expect(res.body.errors[0].field).toBe('card');
      expect(res.body.errors[0].reason).toMatch(reason);
      expect(JSON.stringify(res.body)).not.toContain(worker.memberNumber);
    }
    // Another scheme's agent holding this scheme's card learns nothing either.
    const foreign = await t.call('GET', `/api/v1/eligibility?card=${encodeURIComponent(card.code)}`, { token: other });
    expect(foreign.status).toBe(400);
    expect(foreign.body.errors[0].reason).toMatch(/key this scheme does not know/);
    expect((await t.call('POST', `/api/v1/members/${worker.id}/cards`, { token: other, body: {} })).status).toBe(404);
  });

  it('issues a factory’s missing cards in one batch and prints them ten to an A4 page', async () => {
    for (let i = 0; i < 11; i++) {
      const names = ['Keo', 'Lim', 'Mao', 'Nhem', 'Ouk', 'Pich', 'Roth', 'Sam', 'Tep', 'Uy', 'Vann'];
      await post('/api/v1/members', {
        nameLatin: `${names[i]} Sophea`,
        sex: 'M',
        birthDate: `1995-03-${10 + i}`,
        employerId,
      });
    }
    const batch = await post('/api/v1/cards/batches', { employerId });
    // Eleven new workers; the worker and the spouse (revoked card) — only those with no card in force.
    expect(batch.issued).toBe(12);
    expect((await post('/api/v1/cards/batches', { employerId })).issued).toBe(0);
    const res = await t.app.request(`/api/v1/cards/print?employerId=${employerId}`, {
      headers: { authorization: `Bearer ${token}` },
    });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('application/pdf');
    const pdf = Buffer.from(await res.arrayBuffer());
    expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
    expect(pdf.toString('latin1').match(/\/Type \/Page\b/g)).toHaveLength(2);

    const bad = await t.call('POST', '/api/v1/cards/batches', { token, body: { employerId: 'nope' } });
    expect(bad.status).toBe(400);
    expect(bad.body.errors[0].field).toBe('employerId');
    const neither = await t.call('GET', '/api/v1/cards/print', { token });
    expect(neither.status).toBe(400);
  });
});
