import { z } from '@hono/zod-openapi';
import type { Db, Executor } from '../platform/db/database.js';
import type { Scope } from '../platform/http/context.js';
import { audit, type Actor } from '../platform/audit/audit.js';
import { nowIso } from '../platform/ids.js';
import { decodeCursor, page } from '../platform/http/openapi.js';
import { phoneKey } from '../registry/facilities/service.js';
import { areaPathOf, pathInScope } from '../registry/areas/limits.js';

/**
 * After a claim, a sample of members asked by SMS about the care the facility claimed for: was
 * it given, were they asked to pay, did they get their medicines, how do they rate it (1-5). A
 * member's word against the facility's is how a scheme finds phantom claims and informal fees;
 * answers that call for it are flagged for customer care.
 */

export interface FollowUpAnswer {
  careGiven: boolean;
  askedToPay: boolean;
  medicines: boolean;
  rating: number;
}

/** An answer that calls for customer care. */
export const isConcern = (a: FollowUpAnswer) => !a.careGiven || a.askedToPay || !a.medicines || a.rating <= 2;

/** The follow-ups drawn and not yet asked, oldest first, with what the question names. */
export function followUpsToAsk(db: Executor, schemeId: string, limit: number) {
  return db
    .selectFrom('claim_follow_up as u')
    .innerJoin('claim as c', (j) => j.onRef('c.scheme_id', '=', 'u.scheme_id').onRef('c.id', '=', 'u.claim_id'))
    .innerJoin('facility as f', (j) => j.onRef('f.scheme_id', '=', 'c.scheme_id').onRef('f.id', '=', 'c.facility_id'))
    .select(['u.claim_id', 'u.phone', 'f.name as facility_name', 'c.admitted_on'])
    .where('u.scheme_id', '=', schemeId)
    .where('u.state', '=', 'drawn')
    .orderBy('u.drawn_at')
    .limit(limit)
    .execute();
}

export const markAsked = (db: Executor, schemeId: string, claimId: string) =>
  db
    .updateTable('claim_follow_up')
    .set({ state: 'asked', asked_at: nowIso() })
    .where('scheme_id', '=', schemeId)
    .where('claim_id', '=', claimId)
    .execute();

/**
 * A member's answer by SMS, to the latest question their phone was asked; null when the phone
 * was asked nothing (the text is then some other message).
 */
export async function recordAnswer(
  tx: Executor,
  actor: Actor,
  schemeId: string,
  phone: string,
  answer: FollowUpAnswer,
) {
  const key = phoneKey(phone);
  if (key.length < 6) return null;
  const asked = await tx
    .selectFrom('claim_follow_up')
    .select(['claim_id', 'member_id'])
    .where('scheme_id', '=', schemeId)
    .where('phone_key', '=', key)
    .where('state', '=', 'asked')
    .orderBy('asked_at', 'desc')
    .executeTakeFirst();
  if (!asked) return null;
  const values = {
    state: 'answered' as const,
    answered_at: nowIso(),
    care_given: answer.careGiven ? 1 : 0,
    asked_to_pay: answer.askedToPay ? 1 : 0,
    medicines: answer.medicines ? 1 : 0,
    rating: answer.rating,
    concern: isConcern(answer) ? 1 : 0,
  };
  await tx
    .updateTable('claim_follow_up')
    .set(values)
    .where('scheme_id', '=', schemeId)
    .where('claim_id', '=', asked.claim_id)
    .execute();
  await audit(tx, actor, { action: 'answer', entity: 'claim_follow_up', entityId: asked.claim_id, after: answer });
  return { claimId: asked.claim_id, memberId: asked.member_id, concern: values.concern === 1 };
}

export const FollowUp = z
  .object({
    claimId: z.string(),
    claimNumber: z.string(),
    facilityName: z.string(),
    admittedOn: z.string(),
    memberId: z.string(),
    memberNumber: z.string(),
    nameLatin: z.string(),
    phone: z.string(),
    state: z.enum(['drawn', 'asked', 'answered']),
    askedAt: z.string().nullable(),
    answeredAt: z.string().nullable(),
    answer: z
      .object({ careGiven: z.boolean(), askedToPay: z.boolean(), medicines: z.boolean(), rating: z.number().int() })
      .nullable(),
    concern: z.boolean().openapi({ description: 'The answers call for customer care' }),
  })
  .openapi('ClaimFollowUp');

export const FollowUpQuery = z.object({
  state: z.enum(['drawn', 'asked', 'answered']).optional(),
  concern: z
    .enum(['true', 'false'])
    .optional()
    .openapi({ description: 'true: only answers that call for customer care' }),
  limit: z.coerce.number().int().min(1).max(500).default(50),
  cursor: z.string().max(500).optional(),
});

/** The sample and its answers, newest first; concerns for customer care. */
export async function listFollowUps(db: Db, scope: Scope, q: z.infer<typeof FollowUpQuery>) {
  let query = db.kysely
    .selectFrom('claim_follow_up as u')
    .innerJoin('claim as c', (j) => j.onRef('c.scheme_id', '=', 'u.scheme_id').onRef('c.id', '=', 'u.claim_id'))
    .innerJoin('facility as f', (j) => j.onRef('f.scheme_id', '=', 'c.scheme_id').onRef('f.id', '=', 'c.facility_id'))
    .innerJoin('member as m', (j) => j.onRef('m.scheme_id', '=', 'u.scheme_id').onRef('m.id', '=', 'u.member_id'))
    .selectAll('u')
    .select(['c.number', 'c.admitted_on', 'f.name as facility_name', 'm.member_number', 'm.name_latin'])
    .select(areaPathOf('f').as('facility_path'))
    .where('u.scheme_id', '=', scope.schemeId);
  if (q.state) query = query.where('u.state', '=', q.state);
  if (q.concern) query = query.where('u.concern', '=', q.concern === 'true' ? 1 : 0);
  const after = decodeCursor(q.cursor, 2);
  if (after) {
    const [at, id] = after as [string, string];
    query = query.where((eb) =>
      eb.or([eb('u.drawn_at', '<', at), eb.and([eb('u.drawn_at', '=', at), eb('u.claim_id', '>', id)])]),
    );
  }
  const rows = (
    await query
      .orderBy('u.drawn_at', 'desc')
      .orderBy('u.claim_id')
      .limit(q.limit + 1)
      .execute()
  ).filter((r) => pathInScope(scope, r.facility_path));
  const result = page(rows, q.limit, (r) => [r.drawn_at, r.claim_id]);
  return {
    items: result.items.map((r): z.infer<typeof FollowUp> => ({
      claimId: r.claim_id,
      claimNumber: r.number,
      facilityName: r.facility_name,
      admittedOn: r.admitted_on,
      memberId: r.member_id,
      memberNumber: r.member_number,
      nameLatin: r.name_latin,
      phone: r.phone,
      state: r.state,
      askedAt: r.asked_at,
      answeredAt: r.answered_at,
      answer:
        r.state === 'answered'
          ? {
              careGiven: r.care_given === 1,
              askedToPay: r.asked_to_pay === 1,
              medicines: r.medicines === 1,
              rating: r.rating!,
            }
          : null,
      concern: r.concern === 1,
    })),
    nextCursor: result.nextCursor,
  };
}
