import type { z } from '@hono/zod-openapi';
import type { Db, Executor } from '../../platform/db/database.js';
import type { TicketTable } from '../../platform/db/schema.js';
import type { Scope } from '../../platform/http/context.js';
import { audit, type Actor } from '../../platform/audit/audit.js';
import { newId, nowIso } from '../../platform/ids.js';
import { conflict, invalid, notFound } from '../../platform/http/problem.js';
import { principalOf } from '../../platform/auth/service.js';
import { reserveSequence } from '../../registry/members/repo.js';
import { checkAreaForWrite, withinScope } from '../../registry/areas/limits.js';
import { storedCategories } from './categories.js';
import { addHours, dueAfter, isOverdue, nextLevel } from './deadlines.js';
import { ticketView } from './view.js';
import type { Assign, Informed, NewTicket, Note, Reopen, Resolve } from './schemas.js';

/** Sends a text through the scheme's SMS gateway (interop/sms/outbound), when one is configured. */
export interface TextSender {
  name: string;
  send(to: string, text: string): Promise<{ gatewayId: string | null }>;
}

async function addEvent(
  tx: Executor,
  ticket: { scheme_id: string; id: string },
  event: {
    kind: 'opened' | 'assigned' | 'note' | 'escalated' | 'resolved' | 'reopened' | 'informed';
    by: string | null;
    note?: string | null;
    at?: string;
  },
) {
  await tx
    .insertInto('ticket_event')
    .values({
      scheme_id: ticket.scheme_id,
      id: newId(),
      ticket_id: ticket.id,
      at: event.at ?? nowIso(),
      kind: event.kind,
      by_user: event.by,
      note: event.note ?? null,
    })
    .execute();
}

/** The linked records, each checked to be the scheme's; the area the ticket falls in. */
async function links(tx: Executor, scope: Scope, input: z.infer<typeof NewTicket>) {
  const sid = scope.schemeId;
  const one = async <T>(field: string, what: string, query: Promise<T | undefined>) => {
    const row = await query;
    if (!row) throw invalid(field, `is not ${what} of the scheme`);
    return row;
  };
  const member = input.memberId
    ? await one(
        'memberId',
        'a member',
        tx
          .selectFrom('member')
          .select(['id', 'area_id', 'employer_id'])
          .where('scheme_id', '=', sid)
          .where('id', '=', input.memberId)
          .executeTakeFirst(),
      )
    : null;
  const facility = input.facilityId
    ? await one(
        'facilityId',
        'a facility',
        tx
          .selectFrom('facility')
          .select(['id', 'area_id'])
          .where('scheme_id', '=', sid)
          .where('id', '=', input.facilityId)
          .executeTakeFirst(),
      )
    : null;
  const employerId = input.employerId ?? member?.employer_id ?? null;
  const employer = employerId
    ? await one(
        'employerId',
        'an employer',
        tx
          .selectFrom('employer')
          .select(['id', 'area_id'])
          .where('scheme_id', '=', sid)
          .where('id', '=', employerId)
          .executeTakeFirst(),
      )
    : null;
  const claim = input.claimId
    ? await one(
        'claimId',
        'a claim',
        tx
          .selectFrom('claim')
          .select(['id', 'member_id', 'facility_id'])
          .where('scheme_id', '=', sid)
          .where('id', '=', input.claimId)
          .executeTakeFirst(),
      )
    : null;
  if (claim && member && claim.member_id !== member.id) throw invalid('claimId', "is another member's claim");
  if (claim && facility && claim.facility_id !== facility.id) throw invalid('claimId', "is another facility's claim");
  let areaId = member?.area_id ?? facility?.area_id ?? employer?.area_id ?? null;
  if (!areaId) {
    await checkAreaForWrite(tx, scope, 'areaId', input.areaId);
    areaId = input.areaId ?? null;
  } else if (scope.areaPaths.length) {
    // A limited user opens tickets within their areas only.
    await checkAreaForWrite(tx, scope, member ? 'memberId' : facility ? 'facilityId' : 'employerId', areaId);
  }
  return {
    member_id: member?.id ?? claim?.member_id ?? null,
    facility_id: facility?.id ?? claim?.facility_id ?? null,
    employer_id: employer?.id ?? null,
    claim_id: claim?.id ?? null,
    area_id: areaId,
  };
}

/** Opens a ticket, within the caller's transaction when there is one (an SMS, a follow-up). */
export async function openTicketIn(tx: Executor, actor: Actor, scope: Scope, input: z.infer<typeof NewTicket>) {
  const categories = await storedCategories(tx, scope.schemeId);
  const category = categories.find((c) => c.code === input.category);
  if (!category) throw invalid('category', `must be one of ${categories.map((c) => c.code).join(', ')}`);
  if (!category.active) throw invalid('category', `${category.code} is no longer in use`);
  const linked = await links(tx, scope, input);
  const sequence = await reserveSequence(tx, scope.schemeId, 'ticket', 1);
  const at = nowIso();
  const row: TicketTable = {
    scheme_id: scope.schemeId,
    id: newId(),
    number: `T${String(sequence).padStart(6, '0')}`,
    channel: input.channel,
    category: category.code,
    priority: input.priority ?? category.priority,
    state: 'open',
    level: 0,
    description: input.description,
    caller_name: input.callerName ?? null,
    caller_phone: input.callerPhone ?? null,
    ...linked,
    assigned_to: null,
    opened_by: actor.userId,
    opened_at: at,
    due_at: dueAfter(at, category.deadlineHours),
    resolved_at: null,
    resolution: null,
    within_deadline: null,
    member_informed_at: null,
    version: 1,
  };
  await tx.insertInto('ticket').values(row).execute();
  await addEvent(tx, row, { kind: 'opened', by: actor.username, note: `${row.channel}`, at });
  await audit(tx, actor, { action: 'open', entity: 'ticket', entityId: row.id, after: row });
  return { id: row.id, number: row.number, dueAt: row.due_at, deadlineHours: category.deadlineHours };
}

export async function openTicket(db: Db, actor: Actor, scope: Scope, input: z.infer<typeof NewTicket>) {
  return db.kysely.transaction().execute((tx) => openTicketIn(tx, actor, scope, input));
}

/** A ticket within the caller's reach, or 404: another tenant's or another area's is not found. */
async function reachable(db: Executor, scope: Scope, id: string) {
  let q = db.selectFrom('ticket').selectAll().where('scheme_id', '=', scope.schemeId).where('id', '=', id);
  if (scope.areaPaths.length) q = q.where(withinScope(scope, 'ticket'));
  const row = await q.executeTakeFirst();
  if (!row) throw notFound('The ticket');
  return row;
}

export async function getTicket(db: Db, scope: Scope, id: string) {
  const row = await reachable(db.kysely, scope, id);
  const [view] = await ticketView(db.kysely, scope.schemeId, [row]);
  const events = await db.kysely
    .selectFrom('ticket_event')
    .select(['at', 'kind', 'by_user', 'note'])
    .where('scheme_id', '=', scope.schemeId)
    .where('ticket_id', '=', id)
    .orderBy('at')
    .orderBy('id')
    .execute();
  return { ...view!, events: events.map((e) => ({ at: e.at, kind: e.kind, by: e.by_user, note: e.note })) };
}

/** Changes a ticket the caller holds at the version they saw; one writer wins, the other is told. */
async function change(
  db: Db,
  actor: Actor,
  scope: Scope,
  id: string,
  version: number | null,
  action: string,
  apply: (row: TicketTable, tx: Executor) => Promise<Partial<TicketTable>>,
) {
  return db.kysely.transaction().execute(async (tx) => {
    const before = await reachable(tx, scope, id);
    if (version !== null && before.version !== version) {
      throw conflict('version', `the ticket changed since you opened it (now version ${before.version}): reload it`);
    }
    const set = { ...(await apply(before, tx)), version: before.version + 1 };
    await tx.updateTable('ticket').set(set).where('scheme_id', '=', scope.schemeId).where('id', '=', id).execute();
    const after = { ...before, ...set };
    await audit(tx, actor, { action, entity: 'ticket', entityId: id, before, after });
    return after;
  });
}

export async function assignTicket(db: Db, actor: Actor, scope: Scope, id: string, input: z.infer<typeof Assign>) {
  await change(db, actor, scope, id, input.version, 'assign', async (t, tx) => {
    if (t.state === 'resolved') throw conflict('state', 'the ticket is resolved: reopen it first');
    let username: string | null = null;
    if (input.userId) {
      const user = await tx
        .selectFrom('app_user')
        .selectAll()
        .where('scheme_id', '=', scope.schemeId)
        .where('id', '=', input.userId)
        .executeTakeFirst();
      if (!user || !user.active) throw invalid('userId', 'is not an active user of the scheme');
      if (!(await principalOf(tx, user, 'session')).rights.has('ticket.manage')) {
        throw invalid('userId', 'has not the right ticket.manage: they could not work on it');
      }
      username = user.username;
    }
    await addEvent(tx, t, { kind: 'assigned', by: actor.username, note: username });
    return { assigned_to: input.userId, state: input.userId ? 'in_progress' : t.state };
  });
  return getTicket(db, scope, id);
}

export async function noteTicket(db: Db, actor: Actor, scope: Scope, id: string, input: z.infer<typeof Note>) {
  await change(db, actor, scope, id, null, 'note', async (t, tx) => {
    await addEvent(tx, t, { kind: 'note', by: actor.username, note: input.note });
    return {};
  });
  return getTicket(db, scope, id);
}

/**
 * Resolves a ticket with its note; the member is told by SMS where a gateway is set and a phone
 * is known. The resolution stands whether or not the text goes: a gateway that fails is said so.
 */
export async function resolveTicket(
  db: Db,
  actor: Actor,
  scope: Scope,
  id: string,
  input: z.infer<typeof Resolve>,
  sender: TextSender | null,
  message: (number: string, resolution: string) => Promise<string>,
) {
  const at = nowIso();
  const resolved = await change(db, actor, scope, id, input.version, 'resolve', async (t, tx) => {
    if (t.state === 'resolved') throw conflict('state', 'the ticket is already resolved');
    await addEvent(tx, t, { kind: 'resolved', by: actor.username, note: input.resolution, at });
    return {
      state: 'resolved' as const,
      resolved_at: at,
      resolution: input.resolution,
      within_deadline: t.level === 0 && !isOverdue(t.due_at, at) ? 1 : 0,
    };
  });
  let informed: { via: string | null; error?: string } = { via: null };
  if (input.informMember) informed = await informBySms(db, actor, resolved, sender, message);
  return { ticket: await getTicket(db, scope, id), informed };
}

async function informBySms(
  db: Db,
  actor: Actor,
  t: TicketTable,
  sender: TextSender | null,
  message: (number: string, resolution: string) => Promise<string>,
): Promise<{ via: string | null; error?: string }> {
  const member = t.member_id
    ? await db.kysely
        .selectFrom('member')
        .select('phone')
        .where('scheme_id', '=', t.scheme_id)
        .where('id', '=', t.member_id)
        .executeTakeFirst()
    : undefined;
  const phone = member?.phone ?? t.caller_phone;
  if (!phone) return { via: null, error: 'no phone is known for the member or the caller' };
  if (!sender) return { via: null, error: 'no outbound SMS gateway is configured (RISKPOOL_SMS_GATEWAY)' };
  const text = await message(t.number, t.resolution ?? '');
  const sent = await sender.send(phone, text).then(
    (r) => r,
    (e: Error) => ({ error: e.message }),
  );
  if ('error' in sent) return { via: null, error: sent.error };
  await db.kysely.transaction().execute(async (tx) => {
    const at = nowIso();
    const messageId = newId();
    await tx
      .insertInto('sms_message')
      .values({
        id: messageId,
        scheme_id: t.scheme_id,
        direction: 'out',
        phone,
        text,
        gateway_id: sent.gatewayId ?? sender.name,
        facility_id: null,
        at,
      })
      .execute();
    await tx
      .updateTable('ticket')
      .set({ member_informed_at: at })
      .where('scheme_id', '=', t.scheme_id)
      .where('id', '=', t.id)
      .execute();
    await addEvent(tx, t, { kind: 'informed', by: actor.username, note: `sms ${phone}`, at });
    await audit(tx, actor, {
      action: 'inform',
      entity: 'ticket',
      entityId: t.id,
      after: { via: sender.name, messageId },
    });
  });
  return { via: sender.name };
}

/** The member told of the resolution another way (a call back, a visit, a letter). */
export async function markInformed(db: Db, actor: Actor, scope: Scope, id: string, input: z.infer<typeof Informed>) {
  await change(db, actor, scope, id, null, 'inform', async (t, tx) => {
    if (t.state !== 'resolved') throw conflict('state', 'the ticket is not resolved yet');
    const at = nowIso();
    await addEvent(tx, t, {
      kind: 'informed',
      by: actor.username,
      note: [input.how, input.note].filter(Boolean).join(': '),
      at,
    });
    return { member_informed_at: at };
  });
  return getTicket(db, scope, id);
}

/** A resolution the member disputes: back to the operators with a new deadline. */
export async function reopenTicket(db: Db, actor: Actor, scope: Scope, id: string, input: z.infer<typeof Reopen>) {
  await change(db, actor, scope, id, input.version, 'reopen', async (t, tx) => {
    if (t.state !== 'resolved') throw conflict('state', 'the ticket is not resolved');
    const category = (await storedCategories(tx, scope.schemeId)).find((c) => c.code === t.category)!;
    const at = nowIso();
    await addEvent(tx, t, { kind: 'reopened', by: actor.username, note: input.note, at });
    return {
      state: 'open' as const,
      resolved_at: null,
      resolution: null,
      within_deadline: null,
      member_informed_at: null,
      assigned_to: null,
      due_at: addHours(at, category.deadlineHours),
    };
  });
  return getTicket(db, scope, id);
}

/**
 * Passes every unresolved ticket whose deadline has passed one level up, with a new deadline and
 * nobody assigned, so the next level's queue shows it. At the top level a ticket stays overdue.
 * Safe to run at any time and as often as wished.
 */
export async function escalateOverdue(db: Db, actor: Actor, schemeId: string, now = nowIso()) {
  const overdue = await db.kysely
    .selectFrom('ticket')
    .selectAll()
    .where('scheme_id', '=', schemeId)
    .where('state', 'in', ['open', 'in_progress'])
    .where('due_at', '<', now)
    .orderBy('due_at')
    .limit(1000)
    .execute();
  let escalated = 0;
  for (const t of overdue) {
    const level = nextLevel(t.level);
    if (level === null) continue;
    await db.kysely.transaction().execute(async (tx) => {
      const category = (await storedCategories(tx, schemeId)).find((c) => c.code === t.category)!;
      const set = {
        level,
        due_at: addHours(now, category.deadlineHours),
        assigned_to: null,
        state: 'open' as const,
        version: t.version + 1,
      };
      // Only if nobody changed it meanwhile; the next run takes it otherwise.
      const done = await tx
        .updateTable('ticket')
        .set(set)
        .where('scheme_id', '=', schemeId)
        .where('id', '=', t.id)
        .where('version', '=', t.version)
        .executeTakeFirst();
      if (Number(done.numUpdatedRows) !== 1) return;
      await addEvent(tx, t, { kind: 'escalated', by: actor.username, note: `level ${level}`, at: now });
      await audit(tx, actor, {
        action: 'escalate',
        entity: 'ticket',
        entityId: t.id,
        before: t,
        after: { ...t, ...set },
      });
      escalated += 1;
    });
  }
  return { escalated };
}
