import type { Db } from '../../platform/db/database.js';
import type { Scope } from '../../platform/http/context.js';
import { audit, type Actor } from '../../platform/audit/audit.js';
import { groupCommit } from '../../platform/db/group-commit.js';
import { newId, nowIso } from '../../platform/ids.js';
import { Problem } from '../../platform/http/problem.js';
import { checkEligibility } from '../../eligibility/service.js';
import { recordAnswer, type FollowUpAnswer } from '../../claims/follow-ups.js';
import { openTicketIn } from '../../care/tickets/service.js';
import { categoryInUse } from '../../care/tickets/categories.js';
import { answerBySms } from '../../care/surveys/responses.js';
import { keptFacilityPhones, phoneKey } from '../../registry/facilities/service.js';
import { parseSms, type SmsQuery } from './grammar.js';
import { languageOf, replyFor, type Language } from './reply.js';
import type { SmsSender } from './outbound.js';
import type { PhoneCounter } from './phone-limit.js';

export interface Inbound {
  from: string;
  to?: string;
  text: string;
  id?: string;
}

const digits = (phone: string) => phone.replace(/\D/g, '');

/** The facility a phone is registered to; a number too short to match is nobody's. */
async function facilityOf(db: Db, schemeId: string, phone: string) {
  const key = phoneKey(phone);
  if (key.length < 6) return undefined;
  const id = (await keptFacilityPhones(db, schemeId)).get(key);
  return id ? { id } : undefined;
}

async function answer(db: Db, scope: Scope, query: SmsQuery, lang: Language) {
  if (query.kind === 'help' || query.kind === 'follow-up' || query.kind === 'complaint' || query.kind === 'survey')
    return replyFor(lang, { kind: 'help' });
  const q =
    query.kind === 'member'
      ? { member: query.number }
      : query.kind === 'fid'
        ? { fid: query.card, employer: query.employer }
        : { name: query.name };
  try {
    const { matches } = await checkEligibility(db, scope, q);
    const asked = query.kind === 'member' ? query.number : query.kind === 'fid' ? `FID ${query.card}` : query.name;
    return replyFor(lang, { kind: 'found', asked, matches });
  } catch (err) {
    if (err instanceof Problem && query.kind === 'member')
      return replyFor(lang, { kind: 'invalid', number: query.number });
    if (err instanceof Problem) return replyFor(lang, { kind: 'help' });
    throw err;
  }
}

/**
 * A text from a phone, answered in one SMS. Only phones registered to one of the scheme's
 * facilities get answers about members; others are refused politely, learning nothing. Both the
 * message and the answer are kept.
 */
export async function receiveSms(
  db: Db,
  actor: Actor,
  scope: Scope,
  msg: Inbound,
  limit: PhoneCounter,
  sender?: SmsSender | null,
) {
  const { reply, outboundId } = await answerPhone(
    limit,
    db,
    actor,
    scope,
    msg.from,
    parseSms(msg.text),
    msg.text,
    msg.id ?? null,
  );
  if (!sender) return { to: msg.from, message: reply, sentVia: null };
  // Also sent through the gateway; its id of the message is kept with the answer. A gateway that
  // fails is no reason to lose the answer: it still goes back in the response.
  const sent = await sender.send(msg.from, reply).then(
    (r) => r,
    (error: Error) => ({ error: error.message }),
  );
  if ('error' in sent) return { to: msg.from, message: reply, sentVia: null, sendError: sent.error };
  await groupCommit(db).run(async (tx) => {
    await tx
      .updateTable('sms_message')
      .set({ gateway_id: sent.gatewayId ?? sender.name })
      .where('scheme_id', '=', scope.schemeId)
      .where('id', '=', outboundId)
      .execute();
    await audit(tx, actor, {
      action: 'send',
      entity: 'sms_message',
      entityId: outboundId,
      after: { via: sender.name, gatewayId: sent.gatewayId },
    });
  });
  return { to: msg.from, message: reply, sentVia: sender.name };
}

/** The answer to a phone's question (from a text or a USSD menu), with the exchange kept. */
export async function answerPhone(
  limit: PhoneCounter,
  db: Db,
  actor: Actor,
  scope: Scope,
  from: string,
  query: SmsQuery,
  asked: string,
  gatewayId: string | null,
) {
  const sid = scope.schemeId;
  const lang = await schemeLanguage(db, sid);
  // A member answering the question asked after a claim: kept, and thanked; a concern becomes a ticket.
  const answered =
    query.kind === 'follow-up' &&
    (await db.kysely.transaction().execute(async (tx) => {
      const kept = await recordAnswer(tx, actor, sid, from, query);
      if (kept?.concern) await followUpTicket(tx, actor, sid, kept, query);
      return kept !== null;
    }));
  // A sampled member answering the survey texted to them: kept, or told what was wrong.
  const surveyed = query.kind === 'survey' ? await surveyAnswer(db, actor, sid, from, query.answers, lang) : null;
  const facility = answered || surveyed ? undefined : await facilityOf(db, sid, from);
  const slow = async () => limit.tooMany(`${sid} ${digits(from)}`);
  const reply = surveyed
    ? surveyed
    : answered
      ? replyFor(lang, { kind: 'thanks' })
      : query.kind === 'complaint'
        ? (await slow())
          ? replyFor(lang, { kind: 'slow' })
          : await complaint(db, actor, sid, from, facility?.id ?? null, query.text, lang)
        : !facility
          ? replyFor(lang, { kind: 'refused' })
          : (await slow())
            ? replyFor(lang, { kind: 'slow' })
            : await answer(db, { schemeId: sid, areaPaths: [] }, query, lang);
  const at = nowIso();
  const outboundId = newId();
  await groupCommit(db).run(async (tx) => {
    const common = { scheme_id: sid, facility_id: facility?.id ?? null, at };
    const inbound = {
      id: newId(),
      direction: 'in' as const,
      phone: from,
      text: asked.slice(0, 2000),
      gateway_id: gatewayId,
      ...common,
    };
    await tx.insertInto('sms_message').values(inbound).execute();
    await tx
      .insertInto('sms_message')
      .values({ id: outboundId, direction: 'out', phone: from, text: reply, gateway_id: null, ...common })
      .execute();
    await audit(tx, actor, {
      action: 'answer',
      entity: 'sms_message',
      entityId: inbound.id,
      after: { from, facilityId: facility?.id ?? null },
    });
  });
  return { reply, outboundId };
}

/** The language the scheme's texts are written in, kept a few seconds. */
export const schemeLanguage = (db: Db, schemeId: string) =>
  db.memo.get(`scheme:${schemeId}:sms-language`, async () => {
    const scheme = await db.kysely
      .selectFrom('scheme')
      .select('languages')
      .where('id', '=', schemeId)
      .executeTakeFirstOrThrow();
    return languageOf(JSON.parse(scheme.languages) as string[]);
  });

/**
 * A complaint texted by anyone (a member, a relative, a facility's phone): a ticket for the care
 * operators to sort, linked to the member whose phone it is when exactly one member has it. The
 * reply gives its number and the deadline; it says nothing about who is a member.
 */
async function complaint(
  db: Db,
  actor: Actor,
  schemeId: string,
  from: string,
  facilityId: string | null,
  text: string,
  lang: Language,
) {
  const opened = await db.kysely.transaction().execute(async (tx) => {
    const members = await tx
      .selectFrom('member')
      .select('id')
      .where('scheme_id', '=', schemeId)
      .where('phone', '=', from)
      .limit(2)
      .execute();
    return openTicketIn(
      tx,
      actor,
      { schemeId, areaPaths: [] },
      {
        channel: facilityId ? 'facility' : 'sms',
        category: await categoryInUse(tx, schemeId, 'other'),
        description: text,
        callerPhone: from.slice(0, 40),
        memberId: members.length === 1 ? members[0]!.id : null,
        facilityId,
      },
    );
  });
  return replyFor(lang, { kind: 'received', number: opened.number, days: Math.ceil(opened.deadlineHours / 24) });
}

/** A follow-up answer that calls for care: a ticket on the claim, in the category the answer points to. */
async function followUpTicket(
  tx: Parameters<typeof openTicketIn>[0],
  actor: Actor,
  schemeId: string,
  kept: { claimId: string; memberId: string },
  a: FollowUpAnswer,
) {
  const category = a.askedToPay ? 'asked_to_pay' : !a.careGiven ? 'care_not_received' : 'quality_of_care';
  const said = [
    a.careGiven ? null : 'the care claimed for was not given',
    a.askedToPay ? 'was asked to pay' : null,
    a.medicines ? null : 'did not get the medicines',
    `rated the care ${a.rating} of 5`,
  ].filter(Boolean);
  await openTicketIn(
    tx,
    actor,
    { schemeId, areaPaths: [] },
    {
      channel: 'follow_up',
      category: await categoryInUse(tx, schemeId, category),
      description: `Follow-up after the claim: the member says ${said.join(', ')}.`,
      memberId: kept.memberId,
      claimId: kept.claimId,
    },
  );
}

/** The reply to a survey's answers by text; null when the phone was sent no survey. */
async function surveyAnswer(db: Db, actor: Actor, schemeId: string, from: string, answers: string[], lang: Language) {
  try {
    const kept = await db.kysely.transaction().execute((tx) => answerBySms(tx, actor, schemeId, from, answers));
    return kept ? replyFor(lang, { kind: 'survey-thanks' }) : null;
  } catch (err) {
    if (!(err instanceof Problem)) throw err;
    // Answer numbers rather than question codes: the member sees the questions numbered.
    const reasons = (err.errors ?? []).map((e) => e.reason);
    return replyFor(lang, { kind: 'survey-wrong', reasons: reasons.length ? reasons : [err.message] });
  }
}
