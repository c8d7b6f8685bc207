import type { Db } from '../../platform/db/database.js';
import type { Scope } from '../../platform/http/context.js';
import { audit, type Actor } from '../../platform/audit/audit.js';
import { newId, nowIso } from '../../platform/ids.js';
import { conflict } from '../../platform/http/problem.js';
import { followUpsToAsk, markAsked } from '../../claims/follow-ups.js';
import { followUpQuestion, languageOf } from './reply.js';
import type { SmsSender } from './outbound.js';

/**
 * Sends the questions of the follow-ups drawn after claims through the SMS gateway, oldest first.
 * A question the gateway would not take stays to send again; each one sent is kept as a message.
 */
export async function askFollowUps(db: Db, actor: Actor, scope: Scope, sender: SmsSender | null, limit: number) {
  if (!sender) throw conflict('gateway', 'no outbound SMS gateway is configured (RISKPOOL_SMS_GATEWAY)');
  const scheme = await db.kysely
    .selectFrom('scheme')
    .select('languages')
    .where('id', '=', scope.schemeId)
    .executeTakeFirstOrThrow();
  const lang = languageOf(JSON.parse(scheme.languages) as string[]);
  let sent = 0;
  const failures: { claimId: string; reason: string }[] = [];
  for (const f of await followUpsToAsk(db.kysely, scope.schemeId, limit)) {
    const text = followUpQuestion(lang, f.facility_name, f.admitted_on);
    const result = await sender.send(f.phone, text).then(
      (r) => r,
      (error: Error) => ({ error: error.message }),
    );
    if ('error' in result) {
      failures.push({ claimId: f.claim_id, reason: result.error });
      continue;
    }
    await db.kysely.transaction().execute(async (tx) => {
      await markAsked(tx, scope.schemeId, f.claim_id);
      const id = newId();
      await tx
        .insertInto('sms_message')
        .values({
          id,
          scheme_id: scope.schemeId,
          direction: 'out',
          phone: f.phone,
          text,
          gateway_id: result.gatewayId ?? sender.name,
          facility_id: null,
          at: nowIso(),
        })
        .execute();
      await audit(tx, actor, {
        action: 'ask',
        entity: 'claim_follow_up',
        entityId: f.claim_id,
        after: { messageId: id },
      });
    });
    sent += 1;
  }
  return { sent, failed: failures.length, failures };
}
