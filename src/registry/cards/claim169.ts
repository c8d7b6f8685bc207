import { decode, encode, Tagged } from 'cborg';
import { ed25519 } from '@noble/curves/ed25519.js';

/**
 * The card's QR code in MOSIP's Claim 169 format (v1.2), so that any Claim 169 reader can check a
 * member's identity offline, not only riskpool's desk page:
 *
 *   identity claims (CBOR map, claim 169) in a CWT → COSE_Sign1, EdDSA (Ed25519) → zlib → Base45
 *
 * Shared by the server (which issues cards and checks `card=` at the desk) and the web app (which
 * checks a card with no network at all). So nothing from Node is used here: cbor-x, @noble/curves,
 * and the CompressionStream of the web platform (which Node has too).
 */

/** What a card says about its holder, and for how long. */
export interface CardClaims {
  /** The card's own id (UUID): the CWT's cti, by which a reissued card's old one is revoked. */
  cardId: string;
  /** The scheme that issued the card, as a URI: the CWT's iss. */
  issuer: string;
  memberNumber: string;
  /** In Latin letters. */
  fullName: string;
  /** In the local script, with its ISO 639-3 language code (khm, vie, ...). */
  localName: string | null;
  localLanguage: string | null;
  birthDate: string;
  sex: 'M' | 'F' | 'X';
  /** ISO 3166 code of the scheme's country. */
  country: string | null;
  validFrom: string;
  validUntil: string;
  /** Seconds since 1970. */
  issuedAt: number;
  /** A small photo (WEBP) to compare with the face. */
  photo: Uint8Array | null;
}

export interface CardKey {
  kid: string;
  /** The raw 32-byte Ed25519 public key. */
  publicKey: Uint8Array;
}

export type CardCheck =
  | { ok: true; claims: CardClaims; kid: string }
  | { ok: false; reason: 'unreadable' | 'unknown-key' | 'forged' | 'expired' | 'not-yet-valid'; detail: string };

// Claim keys: CWT (RFC 8392) and Claim 169's own.
const CWT = { iss: 1, exp: 4, nbf: 5, iat: 6, cti: 7, identity: 169 } as const;
const ID = {
  id: 1,
  version: 2,
  fullName: 4,
  birthDate: 8,
  gender: 9,
  secondaryFullName: 19,
  secondaryLanguage: 20,
  country: 23,
  face: 62,
} as const;
const COSE = { alg: 1, kid: 4, eddsa: -8 } as const;
const COSE_TAGS = { sign1: 18, cwt: 61 } as const;
const GENDER = { M: 1, F: 2, X: 3 } as const;
const IMAGE = { format: 0, webp: 4 } as const;
/** A QR code holds under 3 KB; anything that inflates far beyond is not a card. */
const MAX_INFLATED = 64 * 1024;

const cbor = (value: unknown) => encode(value);
const TAGS = Tagged.preserve(COSE_TAGS.cwt, COSE_TAGS.sign1);
const fromCbor = (bytes: Uint8Array): unknown => decode(bytes, { useMaps: true, tags: TAGS });

const DAY_SECONDS = 86_400;
const seconds = (day: string) => Date.parse(`${day}T00:00:00Z`) / 1000;
const dayOf = (s: number) => new Date(s * 1000).toISOString().slice(0, 10);

function uuidBytes(uuid: string): Uint8Array {
  const hex = uuid.replace(/-/g, '');
  return Uint8Array.from({ length: 16 }, (_, i) => parseInt(hex.slice(i * 2, i * 2 + 2), 16));
}
function uuidOf(bytes: Uint8Array): string {
  const hex = Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

/** The COSE_Sign1 bytes signed: Sig_structure of RFC 9052, section 4.4. */
const toBeSigned = (protectedHeader: Uint8Array, payload: Uint8Array) =>
  cbor(['Signature1', protectedHeader, new Uint8Array(0), payload]);

/** The Base45 text of the signed card (what the QR code holds). */
export async function issueCardCode(claims: CardClaims, kid: string, secretKey: Uint8Array): Promise<string> {
  const identity = new Map<number, unknown>([
    [ID.id, claims.memberNumber],
    [ID.version, '1'],
    [ID.fullName, claims.fullName],
    [ID.birthDate, claims.birthDate.replace(/-/g, '')],
    [ID.gender, GENDER[claims.sex]],
  ]);
  if (claims.localName) identity.set(ID.secondaryFullName, claims.localName);
  if (claims.localName && claims.localLanguage) identity.set(ID.secondaryLanguage, claims.localLanguage);
  if (claims.country) identity.set(ID.country, claims.country);
  if (claims.photo)
    identity.set(ID.face, [
      new Map<number, unknown>([
        [0, claims.photo],
        [1, IMAGE.format],
        [2, IMAGE.webp],
      ]),
    ]);
  const payload = cbor(
    new Map<number, unknown>([
      [CWT.iss, claims.issuer],
      // The card is good to the end of its last day.
      [CWT.exp, seconds(claims.validUntil) + DAY_SECONDS],
      [CWT.nbf, seconds(claims.validFrom)],
      [CWT.iat, claims.issuedAt],
      [CWT.cti, uuidBytes(claims.cardId)],
      [CWT.identity, identity],
    ]),
  );
  const protectedHeader = cbor(new Map([[COSE.alg, COSE.eddsa]]));
  const signature = ed25519.sign(toBeSigned(protectedHeader, payload), secretKey);
  const unprotected = new Map([[COSE.kid, new TextEncoder().encode(kid)]]);
  const sign1 = new Tagged(COSE_TAGS.sign1, [protectedHeader, unprotected, payload, signature]);
  return base45Encode(await deflate(cbor(new Tagged(COSE_TAGS.cwt, sign1))));
}

/**
 * Reads and checks a card's code against the scheme's public keys and the day: the signature
 * first, then the validity. Never throws: whatever the text, the answer says what is wrong.
 */
export async function checkCardCode(text: string, keys: CardKey[], today: string): Promise<CardCheck> {
  const unreadable = (detail: string): CardCheck => ({ ok: false, reason: 'unreadable', detail });
  let sign1: unknown;
  try {
    const bytes = base45Decode(text.trim());
    // Claim 169 allows zlib or Brotli; a zlib stream starts with 0x78.
    if (bytes[0] !== 0x78) return unreadable('is not zlib-compressed (Brotli codes are not read)');
    sign1 = untag(untag(fromCbor(await inflate(bytes)), COSE_TAGS.cwt), COSE_TAGS.sign1);
  } catch (e) {
    return unreadable(`is not a Claim 169 code (${(e as Error).message})`);
  }
  if (!Array.isArray(sign1) || sign1.length !== 4) return unreadable('is not a COSE_Sign1 structure');
  const [protectedHeader, unprotected, payload, signature] = sign1 as [unknown, unknown, unknown, unknown];
  if (!(protectedHeader instanceof Uint8Array) || !(payload instanceof Uint8Array)) {
    return unreadable('is not a COSE_Sign1 structure');
  }
  if (!(signature instanceof Uint8Array)) return unreadable('has no signature');
  let header: unknown;
  let claims: unknown;
  try {
    header = fromCbor(protectedHeader);
    claims = fromCbor(payload);
  } catch {
    return unreadable('has a header or claims that are not CBOR');
  }
  if (!(header instanceof Map) || header.get(COSE.alg) !== COSE.eddsa) {
    return unreadable('is not signed with EdDSA');
  }
  const kidBytes = (unprotected instanceof Map && unprotected.get(COSE.kid)) || header.get(COSE.kid);
  const kid = kidBytes instanceof Uint8Array ? new TextDecoder().decode(kidBytes) : '';
  const key = keys.find((k) => k.kid === kid);
  if (!key)
    return { ok: false, reason: 'unknown-key', detail: `is signed with a key this scheme does not know (${kid})` };
  let verified: boolean;
  try {
    verified = ed25519.verify(signature, toBeSigned(protectedHeader, payload), key.publicKey);
  } catch {
    verified = false;
  }
  if (!verified) return { ok: false, reason: 'forged', detail: 'has a signature that does not match its contents' };
  const read = readClaims(claims);
  if (!read) return unreadable('does not carry the claims of a member card');
  const now = seconds(today);
  if (now < seconds(read.validFrom)) {
    return { ok: false, reason: 'not-yet-valid', detail: `is valid only from ${read.validFrom}` };
  }
  if (now > seconds(read.validUntil)) {
    return { ok: false, reason: 'expired', detail: `expired on ${read.validUntil}` };
  }
  return { ok: true, claims: read, kid };
}

function readClaims(claims: unknown): CardClaims | null {
  if (!(claims instanceof Map)) return null;
  const identity = claims.get(CWT.identity);
  const cti = claims.get(CWT.cti);
  const exp = claims.get(CWT.exp);
  const nbf = claims.get(CWT.nbf);
  if (!(identity instanceof Map) || !(cti instanceof Uint8Array) || cti.length !== 16) return null;
  if (typeof exp !== 'number' || typeof nbf !== 'number') return null;
  const text = (k: number) => (typeof identity.get(k) === 'string' ? (identity.get(k) as string) : null);
  const number = text(ID.id);
  const birth = text(ID.birthDate);
  if (!number || !birth || !/^\d{8}$/.test(birth)) return null;
  const gender = identity.get(ID.gender);
  const face = identity.get(ID.face);
  const photo = Array.isArray(face) && face[0] instanceof Map ? face[0].get(0) : null;
  return {
    cardId: uuidOf(cti),
    issuer: typeof claims.get(CWT.iss) === 'string' ? claims.get(CWT.iss) : '',
    memberNumber: number,
    fullName: text(ID.fullName) ?? '',
    localName: text(ID.secondaryFullName),
    localLanguage: text(ID.secondaryLanguage),
    birthDate: `${birth.slice(0, 4)}-${birth.slice(4, 6)}-${birth.slice(6, 8)}`,
    sex: gender === GENDER.M ? 'M' : gender === GENDER.F ? 'F' : 'X',
    country: text(ID.country),
    validFrom: dayOf(nbf),
    validUntil: dayOf(exp - DAY_SECONDS),
    issuedAt: typeof claims.get(CWT.iat) === 'number' ? claims.get(CWT.iat) : 0,
    photo: photo instanceof Uint8Array ? photo : null,
  };
}

function untag(value: unknown, tag: number): unknown {
  return value instanceof Tagged && value.tag === tag ? value.value : value;
}

async function deflate(bytes: Uint8Array): Promise<Uint8Array> {
  const stream = new Blob([bytes as Uint8Array<ArrayBuffer>]).stream().pipeThrough(new CompressionStream('deflate'));
  return new Uint8Array(await new Response(stream).arrayBuffer());
}

async function inflate(bytes: Uint8Array): Promise<Uint8Array> {
  const reader = new Blob([bytes as Uint8Array<ArrayBuffer>])
    .stream()
    .pipeThrough(new DecompressionStream('deflate'))
    .getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.length;
    if (size > MAX_INFLATED) {
      await reader.cancel();
      throw new Error('inflates beyond any card');
    }
    chunks.push(value);
  }
  const out = new Uint8Array(size);
  let at = 0;
  for (const c of chunks) {
    out.set(c, at);
    at += c.length;
  }
  return out;
}

// Base45 (RFC 9285): the alphanumeric mode of QR codes packs these 45 characters densest.
const BASE45 = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ $%*+-./:';

export function base45Encode(bytes: Uint8Array): string {
  let out = '';
  for (let i = 0; i + 1 < bytes.length; i += 2) {
    let n = bytes[i]! * 256 + bytes[i + 1]!;
    for (let j = 0; j < 3; j++) {
      out += BASE45[n % 45];
      n = Math.floor(n / 45);
    }
  }
  if (bytes.length % 2) {
    const n = bytes[bytes.length - 1]!;
    out += BASE45[n % 45]! + BASE45[Math.floor(n / 45)]!;
  }
  return out;
}

export function base45Decode(text: string): Uint8Array {
  if (text.length % 3 === 1) throw new Error('its length is not that of Base45');
  const values = Array.from(text, (ch) => {
    const v = BASE45.indexOf(ch);
    if (v < 0) throw new Error(`"${ch}" is not a Base45 character`);
    return v;
  });
  const out: number[] = [];
  for (let i = 0; i < values.length; i += 3) {
    if (i + 2 < values.length) {
      const n = values[i]! + values[i + 1]! * 45 + values[i + 2]! * 2025;
      if (n > 0xffff) throw new Error('holds a value too large for Base45');
      out.push(n >> 8, n & 0xff);
    } else {
      const n = values[i]! + values[i + 1]! * 45;
      if (n > 0xff) throw new Error('holds a value too large for Base45');
      out.push(n);
    }
  }
  return Uint8Array.from(out);
}
