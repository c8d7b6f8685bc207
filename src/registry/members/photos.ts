import sharp from 'sharp';
import type { Db } from '../../platform/db/database.js';
import type { Scope } from '../../platform/http/context.js';
import { audit, type Actor } from '../../platform/audit/audit.js';
import { nowIso } from '../../platform/ids.js';
import { invalid, notFound, Problem } from '../../platform/http/problem.js';
import { findMember } from './service.js';

export const MAX_PHOTO_BYTES = 5 * 1024 * 1024;
const ACCEPTED = ['image/jpeg', 'image/png'];

/**
 * A photo is kept at a size that shows a face clearly on a desk screen and prints well on a
 * card (480 × 640 at most), as JPEG: a phone's 4 MB picture becomes about 40 kB.
 */
export async function normalisePhoto(bytes: Uint8Array, contentType: string) {
  const type = contentType.split(';')[0]!.trim().toLowerCase();
  if (!ACCEPTED.includes(type)) throw invalid('photo', 'must be a JPEG or PNG image');
  if (bytes.length === 0) throw invalid('photo', 'is empty');
  if (bytes.length > MAX_PHOTO_BYTES)
    throw new Problem(413, 'Too large', 'photo: must be at most 5 MB', [
      { field: 'photo', reason: 'must be at most 5 MB' },
    ]);
  try {
    const { data, info } = await sharp(bytes, { limitInputPixels: 50_000_000 })
      .rotate()
      .resize(480, 640, { fit: 'inside', withoutEnlargement: true })
      .jpeg({ quality: 80, mozjpeg: true })
      .toBuffer({ resolveWithObject: true });
    return { data: new Uint8Array(data), width: info.width, height: info.height };
  } catch {
    throw invalid('photo', 'could not be read as an image');
  }
}

export async function storePhoto(
  db: Db,
  actor: Actor,
  scope: Scope,
  memberId: string,
  bytes: Uint8Array,
  contentType: string,
) {
  const photo = await normalisePhoto(bytes, contentType);
  await db.kysely.transaction().execute(async (tx) => {
    const member = await findMember(tx, scope, memberId);
    await tx.deleteFrom('photo').where('scheme_id', '=', scope.schemeId).where('member_id', '=', memberId).execute();
    await tx
      .insertInto('photo')
      .values({
        scheme_id: scope.schemeId,
        member_id: memberId,
        content_type: 'image/jpeg',
        width: photo.width,
        height: photo.height,
        data: photo.data,
        created_at: nowIso(),
      })
      .execute();
    await tx
      .updateTable('member')
      .set({ has_photo: 1, version: member.version + 1, updated_at: nowIso() })
      .where('scheme_id', '=', scope.schemeId)
      .where('id', '=', memberId)
      .execute();
    await audit(tx, actor, {
      action: 'photo',
      entity: 'member',
      entityId: memberId,
      before: { hasPhoto: member.has_photo === 1 },
      after: { hasPhoto: true, width: photo.width, height: photo.height, bytes: photo.data.length },
    });
  });
  return { width: photo.width, height: photo.height };
}

export async function readPhoto(db: Db, scope: Scope, memberId: string) {
  await findMember(db.kysely, scope, memberId);
  const row = await db.kysely
    .selectFrom('photo')
    .select(['content_type', 'data'])
    .where('scheme_id', '=', scope.schemeId)
    .where('member_id', '=', memberId)
    .executeTakeFirst();
  if (!row) throw notFound(`The photo of member ${memberId}`);
  return row;
}
