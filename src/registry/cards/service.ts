import sharp from 'sharp';
import { ed25519 } from '@noble/curves/ed25519.js';
import type { Db, Executor } from '../../platform/db/database.js';
import type { Scope } from '../../platform/http/context.js';
import { audit, type Actor } from '../../platform/audit/audit.js';
import { newId, nowIso } from '../../platform/ids.js';
import { addDays, today } from '../../platform/dates.js';
import { invalid, notFound } from '../../platform/http/problem.js';
import { getScheme } from '../../schemes/service.js';
import { findMember } from '../members/service.js';
import { findEmployer } from '../employers/service.js';
import { members } from '../members/repo.js';
import { areaPathOf, pathInScope } from '../areas/limits.js';
import { checkCardCode, issueCardCode, type CardClaims, type CardKey } from './claim169.js';

/** A card is good for five years unless the issuer says otherwise. */
const VALID_DAYS = 5 * 365;

/** ISO 639-3 codes of the languages a scheme works in (Claim 169 names languages so). */
const ISO_639_3: Record<string, string> = { km: 'khm', vi: 'vie', fr: 'fra', en: 'eng', lo: 'lao', th: 'tha' };

/** The language of names in local script: the scheme's first language not written in Latin letters by default. */
const localLanguage = (languages: string[]) => {
  const local = languages.find((l) => l !== 'en' && l !== 'fr') ?? languages[0];
  return (local && ISO_639_3[local]) ?? null;
};

const b64 = (bytes: Uint8Array) => Buffer.from(bytes).toString('base64url');
const unb64 = (text: string) => new Uint8Array(Buffer.from(text, 'base64url'));

export interface CardView {
  id: string;
  memberId: string;
  validFrom: string;
  validUntil: string;
  issuedAt: string;
  kid: string;
  code: string;
  revokedAt: string | null;
  revokedReason: string | null;
}

const view = (r: {
  id: string;
  member_id: string;
  valid_from: string;
  valid_until: string;
  issued_at: string;
  kid: string;
  code: string;
  revoked_at: string | null;
  revoked_reason: string | null;
}): CardView => ({
  id: r.id,
  memberId: r.member_id,
  validFrom: r.valid_from,
  validUntil: r.valid_until,
  issuedAt: r.issued_at,
  kid: r.kid,
  code: r.code,
  revokedAt: r.revoked_at,
  revokedReason: r.revoked_reason,
});

/** The scheme's signing key, made on first use. */
async function signingKey(tx: Executor, actor: Actor, schemeId: string) {
  const key = await tx
    .selectFrom('card_key')
    .selectAll()
    .where('scheme_id', '=', schemeId)
    .where('retired_at', 'is', null)
    .orderBy('created_at', 'desc')
    .executeTakeFirst();
  if (key) return { kid: key.kid, secretKey: unb64(key.secret_key) };
  const secretKey = ed25519.utils.randomSecretKey();
  const now = nowIso();
  const kid = `k${now.slice(0, 10).replace(/-/g, '')}${newId().slice(-4)}`;
  await tx
    .insertInto('card_key')
    .values({
      scheme_id: schemeId,
      kid,
      public_key: b64(ed25519.getPublicKey(secretKey)),
      secret_key: b64(secretKey),
      created_at: now,
      retired_at: null,
    })
    .execute();
  await audit(tx, actor, { action: 'create', entity: 'card-key', entityId: kid, after: { kid } });
  return { kid, secretKey };
}

/** The public keys that check the scheme's cards: what a desk page keeps for offline checks. */
export async function cardKeys(db: Db, schemeId: string): Promise<CardKey[]> {
  return db.memo.get(`card-keys:${schemeId}`, async () => {
    const rows = await db.kysely
      .selectFrom('card_key')
      .select(['kid', 'public_key'])
      .where('scheme_id', '=', schemeId)
      .orderBy('created_at')
      .execute();
    return rows.map((r) => ({ kid: r.kid, publicKey: unb64(r.public_key) }));
  });
}

/** A photo small enough to ride in a QR code and still be compared with a face. */
async function cardPhoto(db: Executor, schemeId: string, memberId: string) {
  const row = await db
    .selectFrom('photo')
    .select('data')
    .where('scheme_id', '=', schemeId)
    .where('member_id', '=', memberId)
    .executeTakeFirst();
  if (!row) return null;
  return new Uint8Array(
    await sharp(row.data).resize(48, 64, { fit: 'cover' }).greyscale().webp({ quality: 40 }).toBuffer(),
  );
}

type MemberRow = Awaited<ReturnType<typeof findMember>>;

/** Issues cards to members, revoking each one's cards before: one transaction, one audit entry per card. */
async function issue(db: Db, actor: Actor, scope: Scope, people: MemberRow[], validUntil?: string) {
  const scheme = await getScheme(db.kysely, scope.schemeId);
  const validFrom = today();
  const until = validUntil ?? addDays(validFrom, VALID_DAYS);
  if (until <= validFrom) throw invalid('validUntil', 'must be after today');
  // Photos are shrunk before the transaction: it then holds the database for writes only.
  const photos = new Map<string, Uint8Array | null>();
  for (const m of people) photos.set(m.id, m.has_photo ? await cardPhoto(db.kysely, scope.schemeId, m.id) : null);
  const cards = await db.kysely.transaction().execute(async (tx) => {
    const key = await signingKey(tx, actor, scope.schemeId);
    const issued: CardView[] = [];
    for (const m of people) {
      const now = nowIso();
      const replaced = await tx
        .updateTable('card')
        .set({ revoked_at: now, revoked_reason: 'reissued' })
        .where('scheme_id', '=', scope.schemeId)
        .where('member_id', '=', m.id)
        .where('revoked_at', 'is', null)
        .returning('id')
        .execute();
      const claims: CardClaims = {
        cardId: newId(),
        issuer: `urn:riskpool:scheme:${scope.schemeId}`,
        memberNumber: m.member_number,
        fullName: m.name_latin,
        localName: m.name_local,
        localLanguage: localLanguage(scheme.languages),
        birthDate: m.birth_date,
        sex: m.sex === 'F' ? 'F' : 'M',
        country: scheme.country,
        validFrom,
        validUntil: until,
        issuedAt: Math.floor(Date.now() / 1000),
        photo: photos.get(m.id) ?? null,
      };
      const row = {
        id: claims.cardId,
        scheme_id: scope.schemeId,
        member_id: m.id,
        kid: key.kid,
        valid_from: validFrom,
        valid_until: until,
        issued_at: now,
        issued_by: actor.username ?? 'system',
        code: await issueCardCode(claims, key.kid, key.secretKey),
        revoked_at: null,
        revoked_reason: null,
      };
      await tx.insertInto('card').values(row).execute();
      const card = view(row);
      await audit(tx, actor, {
        action: 'issue',
        entity: 'card',
        entityId: card.id,
        after: { memberId: m.id, validFrom, validUntil: until, replaces: replaced.map((r) => r.id) },
      });
      issued.push(card);
    }
    return issued;
  });
  // A key made by this issue must reach the desk pages' key list at once.
  db.memo.forget(`card-keys:${scope.schemeId}`);
  return cards;
}

/** A new card for a member; the member's earlier cards stop passing online checks. */
export async function issueCard(db: Db, actor: Actor, scope: Scope, memberId: string, validUntil?: string) {
  const member = await findMember(db.kysely, scope, memberId);
  if (member.status !== 'active')
    throw invalid('memberId', `the member is ${member.status}: cards go to active members`);
  return (await issue(db, actor, scope, [member], validUntil))[0]!;
}

/** Cards for an employer's active workers and dependants who have no card in force. */
export async function issueEmployerCards(db: Db, actor: Actor, scope: Scope, employerId: string) {
  // Within the caller's areas, like the members the cards go to.
  if (!(await findEmployer(db.kysely, scope, employerId))) {
    throw invalid('employerId', 'is not an employer of the scheme within your areas');
  }
  const day = today();
  const people = await members(db.kysely, scope)
    .where('status', '=', 'active')
    .where('household_id', 'in', (eb) =>
      eb
        .selectFrom('member as w')
        .select('w.household_id')
        .where('w.scheme_id', '=', scope.schemeId)
        .where('w.employer_id', '=', employerId),
    )
    .where(({ not, exists, selectFrom }) =>
      not(
        exists(
          selectFrom('card as c')
            .select('c.id')
            .whereRef('c.scheme_id', '=', 'member.scheme_id')
            .whereRef('c.member_id', '=', 'member.id')
            .where('c.revoked_at', 'is', null)
            .where('c.valid_until', '>=', day),
        ),
      ),
    )
    .orderBy('member_number')
    .execute();
  return issue(db, actor, scope, people);
}

export async function listCards(db: Db, scope: Scope, memberId: string) {
  await findMember(db.kysely, scope, memberId);
  const rows = await db.kysely
    .selectFrom('card')
    .selectAll()
    .where('scheme_id', '=', scope.schemeId)
    .where('member_id', '=', memberId)
    .orderBy('issued_at', 'desc')
    .execute();
  return rows.map(view);
}

async function findCard(db: Executor, scope: Scope, id: string) {
  const card = await db
    .selectFrom('card')
    .selectAll()
    .where('scheme_id', '=', scope.schemeId)
    .where('id', '=', id)
    .executeTakeFirst();
  if (!card) throw notFound(`Card ${id}`);
  // The member must be within the caller's areas.
  await findMember(db, scope, card.member_id);
  return card;
}

export const getCard = async (db: Db, scope: Scope, id: string) => view(await findCard(db.kysely, scope, id));

export async function revokeCard(db: Db, actor: Actor, scope: Scope, id: string, reason: string) {
  return db.kysely.transaction().execute(async (tx) => {
    const card = await findCard(tx, scope, id);
    if (card.revoked_at) return view(card);
    const at = nowIso();
    await tx
      .updateTable('card')
      .set({ revoked_at: at, revoked_reason: reason })
      .where('scheme_id', '=', scope.schemeId)
      .where('id', '=', id)
      .execute();
    await audit(tx, actor, { action: 'revoke', entity: 'card', entityId: id, after: { revokedAt: at, reason } });
    return view({ ...card, revoked_at: at, revoked_reason: reason });
  });
}

/**
 * A card shown at the desk, checked online: its signature and dates, then that it is the
 * member's card in force (not replaced or revoked). Any failure is answered as the card being
 * invalid, with the reason, and says nothing more about the person.
 */
export async function checkCard(db: Db, scope: Scope, code: string, date: string) {
  const checked = await checkCardCode(code, await cardKeys(db, scope.schemeId), date);
  if (!checked.ok) throw invalid('card', checked.detail);
  const card = await db.kysely
    .selectFrom('card')
    .select(['id', 'member_id', 'valid_from', 'valid_until', 'revoked_at', 'revoked_reason'])
    .where('scheme_id', '=', scope.schemeId)
    .where('id', '=', checked.claims.cardId)
    .executeTakeFirst();
  if (!card) throw invalid('card', 'was not issued by this scheme');
  if (card.revoked_at) {
    throw invalid(
      'card',
      card.revoked_reason === 'reissued'
        ? `was replaced by a newer card on ${card.revoked_at.slice(0, 10)}`
        : `was revoked on ${card.revoked_at.slice(0, 10)}`,
    );
  }
  return { card, claims: checked.claims };
}

/**
 * The cards in force to print: one member's, or those of an employer's workers and their
 * households. A member with no card in force is left out (issue first).
 */
export async function cardsToPrint(db: Db, scope: Scope, by: { memberId?: string; employerId?: string }) {
  const scheme = await getScheme(db.kysely, scope.schemeId);
  let q = db.kysely
    .selectFrom('card as c')
    .innerJoin('member as m', (j) => j.onRef('m.scheme_id', '=', 'c.scheme_id').onRef('m.id', '=', 'c.member_id'))
    .leftJoin('photo as p', (j) => j.onRef('p.scheme_id', '=', 'm.scheme_id').onRef('p.member_id', '=', 'm.id'))
    .select(['m.member_number', 'm.name_latin', 'm.name_local', 'm.birth_date', 'm.sex'])
    .select(['c.code', 'c.valid_from', 'c.valid_until', 'p.data as photo'])
    .select(areaPathOf('m').as('area_path'))
    .where('c.scheme_id', '=', scope.schemeId)
    .where('c.revoked_at', 'is', null)
    .where('c.valid_until', '>=', today());
  if (by.memberId) {
    await findMember(db.kysely, scope, by.memberId);
    q = q.where('m.id', '=', by.memberId);
  } else if (by.employerId) {
    q = q.where('m.household_id', 'in', (eb) =>
      eb
        .selectFrom('member as w')
        .select('w.household_id')
        .where('w.scheme_id', '=', scope.schemeId)
        .where('w.employer_id', '=', by.employerId!),
    );
  } else {
    throw invalid('memberId', 'name a member or an employer');
  }
  const rows = (await q.orderBy('m.member_number').limit(MAX_PRINT).execute()).filter((r) =>
    pathInScope(scope, r.area_path),
  );
  return rows.map((r) => ({
    schemeName: scheme.name,
    language: scheme.languages[0] ?? 'en',
    memberNumber: r.member_number,
    nameLatin: r.name_latin,
    nameLocal: r.name_local,
    birthDate: r.birth_date,
    sex: r.sex === 'F' ? ('F' as const) : ('M' as const),
    validFrom: r.valid_from,
    validUntil: r.valid_until,
    photo: r.photo ? new Uint8Array(r.photo) : null,
    code: r.code,
  }));
}

/** One print run at most: a large factory prints in several, by its groups or areas. */
export const MAX_PRINT = 5000;
