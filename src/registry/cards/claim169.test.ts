import { deflateSync, inflateSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { decode, encode, Tagged } from 'cborg';
import { ed25519 } from '@noble/curves/ed25519.js';
import { base45Decode, base45Encode, checkCardCode, issueCardCode, type CardClaims } from './claim169.js';

const secretKey = ed25519.utils.randomSecretKey();
const keys = [{ kid: 'k1', publicKey: ed25519.getPublicKey(secretKey) }];
const claims: CardClaims = {
  cardId: '01a208c2-cd1c-7d78-a1e4-8002f23a32f8',
  issuer: 'urn:riskpool:scheme:test',
  memberNumber: 'HIP000042430',
  fullName: 'Sok Dara',
  localName: 'សុខ ដារា',
  localLanguage: 'khm',
  birthDate: '1990-01-31',
  sex: 'F',
  country: 'KH',
  validFrom: '2026-11-23',
  validUntil: '2031-11-22',
  issuedAt: 1_795_000_000,
  photo: new Uint8Array([0x52, 0x49, 0x46, 0x46, 1, 2, 3]),
};
const text = (s: string) => new TextEncoder().encode(s);
const decoder = { decode: (b: Uint8Array): any => decode(b, { useMaps: true, tags: Tagged.preserve(61, 18) }) };

/** The CWT inside a code, to tamper with as a forger would. */
const opened = (code: string) => decoder.decode(inflateSync(base45Decode(code)));
const closed = (cwt: unknown) => base45Encode(new Uint8Array(deflateSync(encode(cwt))));

describe('Base45 (RFC 9285)', () => {
  it('encodes and decodes the RFC’s examples', () => {
    expect(base45Encode(text('AB'))).toBe('BB8');
    expect(base45Encode(text('Hello!!'))).toBe('%69 VD92EX0');
    expect(base45Encode(text('base-45'))).toBe('UJCLQE7W581');
    expect(new TextDecoder().decode(base45Decode('QED8WEX0'))).toBe('ietf!');
  });

  it('refuses what is not Base45', () => {
    expect(() => base45Decode('GGW')).toThrow(/too large/);
    expect(() => base45Decode('abc')).toThrow(/not a Base45 character/);
    expect(() => base45Decode('ABCD')).toThrow(/length/);
  });
});

describe('the Claim 169 card code', () => {
  it('is a CWT signed with EdDSA that carries the member, validity and photo, and reads back whole', async () => {
    const code = await issueCardCode(claims, 'k1', secretKey);
    expect(code).toMatch(/^[0-9A-Z $%*+\-./:]+$/);
    const cwt = opened(code);
    expect(cwt).toBeInstanceOf(Tagged);
    expect(cwt.tag).toBe(61);
    expect(cwt.value.tag).toBe(18);
    const [protectedHeader, , payload] = cwt.value.value;
    expect(decoder.decode(protectedHeader).get(1)).toBe(-8);
    const map = decoder.decode(payload);
    expect(map.get(1)).toBe('urn:riskpool:scheme:test');
    const identity = map.get(169);
    expect(identity.get(1)).toBe('HIP000042430');
    expect(identity.get(8)).toBe('19900131');
    expect(identity.get(9)).toBe(2);
    expect(identity.get(19)).toBe('សុខ ដារា');
    expect(identity.get(20)).toBe('khm');
    expect(identity.get(62)[0].get(2)).toBe(4);

    const checked = await checkCardCode(code, keys, '2026-12-01');
    expect(checked).toEqual({ ok: true, kid: 'k1', claims });
  });

  it('is valid from its first day to the end of its last, and not outside', async () => {
    const code = await issueCardCode(claims, 'k1', secretKey);
    expect((await checkCardCode(code, keys, '2026-11-23')).ok).toBe(true);
    expect((await checkCardCode(code, keys, '2031-11-22')).ok).toBe(true);
    expect(await checkCardCode(code, keys, '2031-11-23')).toMatchObject({ ok: false, reason: 'expired' });
    expect(await checkCardCode(code, keys, '2026-11-22')).toMatchObject({ ok: false, reason: 'not-yet-valid' });
  });

  it('finds a changed name or number forged, and a key it does not know unknown', async () => {
    const code = await issueCardCode(claims, 'k1', secretKey);
    const cwt = opened(code);
    const payload = decoder.decode(cwt.value.value[2]);
    payload.get(169).set(1, 'HIP000099990');
    cwt.value.value[2] = encode(payload);
    expect(await checkCardCode(closed(cwt), keys, '2026-12-01')).toMatchObject({ ok: false, reason: 'forged' });

    const stranger = ed25519.utils.randomSecretKey();
    const signedElsewhere = await issueCardCode(claims, 'k1', stranger);
    expect(await checkCardCode(signedElsewhere, keys, '2026-12-01')).toMatchObject({ ok: false, reason: 'forged' });
    const otherKid = await issueCardCode(claims, 'k9', stranger);
    expect(await checkCardCode(otherKid, keys, '2026-12-01')).toMatchObject({ ok: false, reason: 'unknown-key' });
  });

  it('answers garbage, a huge text and a zip bomb as unreadable, never by throwing', async () => {
    for (const garbage of ['', 'hello', 'X'.repeat(10_000), base45Encode(text('not zlib at all'))]) {
      expect(await checkCardCode(garbage, keys, '2026-12-01')).toMatchObject({ ok: false, reason: 'unreadable' });
    }
    const bomb = base45Encode(new Uint8Array(deflateSync(Buffer.alloc(10_000_000))));
    expect(await checkCardCode(bomb, keys, '2026-12-01')).toMatchObject({ ok: false, reason: 'unreadable' });
    const notSign1 = closed(new Tagged(18, [1, 2, 3]));
    expect(await checkCardCode(notSign1, keys, '2026-12-01')).toMatchObject({ ok: false, reason: 'unreadable' });
  });
});
