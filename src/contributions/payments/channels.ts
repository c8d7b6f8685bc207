import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import type { z } from '@hono/zod-openapi';
import type { Selectable } from 'kysely';
import type { Db } from '../../platform/db/database.js';
import type { PaymentChannelTable } from '../../platform/db/schema.js';
import type { Scope } from '../../platform/http/context.js';
import { audit, type Actor } from '../../platform/audit/audit.js';
import { newId, nowIso } from '../../platform/ids.js';
import { notFound, unauthorized } from '../../platform/http/problem.js';
import type { Channel, NewChannel } from './schemas.js';

/**
 * A bank or mobile-money operator that tells the scheme of payments by calling it. Each channel
 * has its own secret; a notification is taken only when signed with it, and only if recent, so
 * that a captured one cannot be sent again later.
 */

/** How old a notification's timestamp may be, either way, in seconds. */
export const TOLERANCE_SECONDS = 300;

const view = (c: Selectable<PaymentChannelTable>, secret?: string): z.infer<typeof Channel> => ({
  id: c.id,
  name: c.name,
  method: c.method,
  active: c.active === 1,
  createdAt: c.created_at,
  ...(secret ? { secret } : {}),
});

export async function createChannel(db: Db, actor: Actor, scope: Scope, input: z.infer<typeof NewChannel>) {
  return db.kysely.transaction().execute(async (tx) => {
    const row: Selectable<PaymentChannelTable> = {
      id: newId(),
      scheme_id: scope.schemeId,
      name: input.name,
      method: input.method,
      secret: randomBytes(32).toString('base64url'),
      active: 1,
      created_at: nowIso(),
    };
    await tx.insertInto('payment_channel').values(row).execute();
    // The secret is not audited: the audit trail is read by more people than the operator.
    await audit(tx, actor, { action: 'create', entity: 'payment_channel', entityId: row.id, after: view(row) });
    return view(row, row.secret);
  });
}

export async function listChannels(db: Db, scope: Scope) {
  const rows = await db.kysely
    .selectFrom('payment_channel')
    .selectAll()
    .where('scheme_id', '=', scope.schemeId)
    .orderBy('created_at')
    .limit(500)
    .execute();
  return rows.map((r) => view(r));
}

export async function closeChannel(db: Db, actor: Actor, scope: Scope, id: string) {
  return db.kysely.transaction().execute(async (tx) => {
    const row = await tx
      .selectFrom('payment_channel')
      .selectAll()
      .where('scheme_id', '=', scope.schemeId)
      .where('id', '=', id)
      .executeTakeFirst();
    if (!row) throw notFound(`Payment channel ${id}`);
    await tx
      .updateTable('payment_channel')
      .set({ active: 0 })
      .where('scheme_id', '=', scope.schemeId)
      .where('id', '=', id)
      .execute();
    const after = view({ ...row, active: 0 });
    await audit(tx, actor, { action: 'close', entity: 'payment_channel', entityId: id, before: view(row), after });
    return after;
  });
}

/** The signature a channel puts on a notification: HMAC-SHA256 over "timestamp.body", hex. */
export const signature = (secret: string, timestamp: string, body: string) =>
  createHmac('sha256', secret).update(`${timestamp}.${body}`).digest('hex');

/**
 * The channel a notification comes from, if it is signed with that channel's secret within the
 * time allowed. Every failure answers the same, so a caller learns nothing of which part failed.
 */
export async function verifiedChannel(
  db: Db,
  channelId: string,
  timestamp: string | undefined,
  signed: string | undefined,
  body: string,
) {
  // Made only when needed: an error captures its stack, which costs more than the check.
  const refused = () => unauthorized('The notification is not signed with an active channel’s secret, or is too old');
  const channel = await db.kysely
    .selectFrom('payment_channel')
    .selectAll()
    .where('id', '=', channelId)
    .where('active', '=', 1)
    .executeTakeFirst();
  if (!channel || !timestamp || !signed || !/^\d{1,12}$/.test(timestamp)) throw refused();
  if (Math.abs(Date.now() / 1000 - Number(timestamp)) > TOLERANCE_SECONDS) throw refused();
  const expected = Buffer.from(signature(channel.secret, timestamp, body), 'hex');
  const given = Buffer.from(signed.replace(/^sha256=/, ''), 'hex');
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) throw refused();
  return channel;
}
