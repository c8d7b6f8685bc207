import type { Db } from '../platform/db/database.js';
import type { Actor } from '../platform/audit/audit.js';
import type { Scope } from '../platform/http/context.js';
import { audit } from '../platform/audit/audit.js';
import { openTicket, resolveTicket } from '../care/tickets/service.js';
import { createSurvey, openSurvey, closeSurvey } from '../care/surveys/service.js';
import { drawSample } from '../care/surveys/sample.js';
import { recordInterview } from '../care/surveys/responses.js';
import type { Random } from './random.js';

/** What members told the hotline and the facility desks, as seed 001's complaint system heard it. */
const COMPLAINTS = [
  ['hotline', 'asked_to_pay', 'Asked 10,000 riel for medicines at the health centre.'],
  ['hotline', 'refused_care', 'Turned away at the referral hospital at night: "come back tomorrow".'],
  ['factory_visit', 'deducted_not_covered', 'Contribution taken from the March wage, but the card says not covered.'],
  ['facility', 'card_registration', 'The card shows another worker’s photo.'],
  ['hotline', 'waiting_time', 'Waited four hours for a consultation.'],
  ['web', 'quality_of_care', 'The doctor did not examine my child.'],
  ['factory_visit', 'other', 'Wants to know whether her mother can be covered.'],
  ['hotline', 'asked_to_pay', 'Paid 5,000 riel "for the registration book".'],
  ['facility', 'card_registration', 'Name misspelt on the card.'],
  ['hotline', 'quality_of_care', 'No medicines at the pharmacy, told to buy them outside.'],
] as const;

const DAY = 86_400_000;

/**
 * A few weeks of complaints (some resolved in time, some late, some still open, one overdue) and
 * two rounds of the members' satisfaction survey, the second open and compared with the first.
 */
export async function loadCare(db: Db, actor: Actor, scope: Scope, random: Random, facilityIds: string[]) {
  // Heads of household across the register, so the complaints fall on many factories.
  const members = await db.kysely
    .selectFrom('member')
    .select(['id'])
    .where('scheme_id', '=', scope.schemeId)
    .where('relation', '=', 'head')
    .orderBy('member_number')
    .execute();
  const now = Date.now();
  for (const [i, [channel, category, description]] of COMPLAINTS.entries()) {
    const member = members[random.int(0, members.length - 1)]!;
    const opened = await openTicket(db, actor, scope, {
      channel,
      category,
      description,
      memberId: member.id,
      facilityId: channel === 'factory_visit' ? null : facilityIds[i % facilityIds.length]!,
    });
    // The two newest are left to the operators; the others were resolved, most in time.
    const resolved = i >= 2;
    if (resolved) {
      await resolveTicket(
        db,
        actor,
        scope,
        opened.id,
        { resolution: 'Called the facility and the member; settled as agreed.', informMember: false, version: 1 },
        null,
        async () => '',
      );
    }
    // Spread over the past four weeks, as a scheme's own would be: the ticket and its history
    // dated back together, the deadline kept the category's, each resolved some hours after.
    const openedAt = new Date(now - (i + 1) * 2.5 * DAY);
    const dueAt = new Date(openedAt.getTime() + opened.deadlineHours * 3_600_000);
    const took = opened.deadlineHours * (random.chance(0.75) ? 0.2 + random.next() * 0.7 : 1.1 + random.next());
    const resolvedAt = new Date(Math.min(now, openedAt.getTime() + took * 3_600_000));
    await db.kysely.transaction().execute(async (tx) => {
      const set = {
        opened_at: openedAt.toISOString(),
        due_at: dueAt.toISOString(),
        ...(resolved ? { resolved_at: resolvedAt.toISOString(), within_deadline: resolvedAt <= dueAt ? 1 : 0 } : {}),
      };
      await tx
        .updateTable('ticket')
        .set(set)
        .where('scheme_id', '=', scope.schemeId)
        .where('id', '=', opened.id)
        .execute();
      for (const kind of ['opened', 'resolved'] as const) {
        await tx
          .updateTable('ticket_event')
          .set({ at: kind === 'opened' ? set.opened_at : resolvedAt.toISOString() })
          .where('scheme_id', '=', scope.schemeId)
          .where('ticket_id', '=', opened.id)
          .where('kind', '=', kind)
          .execute();
      }
      await audit(tx, actor, { action: 'date-back', entity: 'ticket', entityId: opened.id, after: set });
    });
  }

  const questions = [
    {
      code: 'reg',
      dimension: 'registration',
      type: 'likert' as const,
      text: {
        en: 'How easy was it to register?',
        km: 'តើការចុះឈ្មោះងាយស្រួលប៉ុណ្ណា?',
        fr: 'L’immatriculation a-t-elle été facile ?',
      },
      required: true,
    },
    {
      code: 'paid',
      dimension: 'co_payments',
      type: 'yes_no' as const,
      positive: 'no' as const,
      text: {
        en: 'Were you asked to pay at the facility?',
        km: 'តើអ្នកត្រូវបានគេឱ្យបង់លុយនៅមូលដ្ឋានសុខាភិបាលទេ?',
        fr: 'Vous a-t-on fait payer ?',
      },
      required: true,
    },
    {
      code: 'deduct',
      dimension: 'contributions',
      type: 'likert' as const,
      text: {
        en: 'Is the deduction from your wage clear to you?',
        km: 'តើការកាត់ប្រាក់ខែច្បាស់ទេ?',
        fr: 'La retenue sur salaire est-elle claire ?',
      },
      required: true,
    },
    {
      code: 'access',
      dimension: 'access_to_benefits',
      type: 'likert' as const,
      text: {
        en: 'How easy is it to get care with your card?',
        km: 'តើការទទួលសេវាដោយកាតងាយស្រួលប៉ុណ្ណា?',
        fr: 'Est-il facile de se soigner avec la carte ?',
      },
      required: true,
    },
    {
      code: 'know',
      dimension: 'awareness',
      type: 'single_choice' as const,
      text: {
        en: 'Do you know what the scheme covers?',
        km: 'តើអ្នកដឹងថាគម្រោងធានាអ្វីខ្លះទេ?',
        fr: 'Savez-vous ce que le régime couvre ?',
      },
      options: [
        { code: 'all', text: { en: 'Yes, all of it', km: 'ដឹងទាំងអស់', fr: 'Oui, tout' }, score: 5 },
        { code: 'some', text: { en: 'Some of it', km: 'ដឹងខ្លះ', fr: 'En partie' }, score: 3 },
        { code: 'none', text: { en: 'No', km: 'មិនដឹង', fr: 'Non' }, score: 1 },
      ],
      required: true,
    },
    {
      code: 'care',
      dimension: 'quality_of_care',
      type: 'likert' as const,
      text: {
        en: 'How good was the care you received?',
        km: 'តើការថែទាំល្អប៉ុណ្ណា?',
        fr: 'Les soins reçus étaient-ils bons ?',
      },
      required: true,
    },
  ];
  // Two rounds: the second after the awareness campaign, members a little happier.
  let previousId: string | null = null;
  for (const [round, lift, answered] of [
    ['2025', 0, 110],
    ['2026', 0.5, 70],
  ] as const) {
    let survey = await createSurvey(db, actor, scope, {
      name: 'Members’ satisfaction',
      round,
      previousId,
      questions,
    });
    survey = await drawSample(db, actor, scope, survey.id, {
      size: 150,
      stratifyBy: 'employer',
      seed: 2011 + Number(round),
    });
    survey = await openSurvey(db, actor, scope, survey.id, survey.version);
    const sample = await db.kysely
      .selectFrom('survey_sample')
      .select('member_id')
      .where('scheme_id', '=', scope.schemeId)
      .where('survey_id', '=', survey.id)
      .orderBy('position')
      .execute();
    const likert = () => Math.max(1, Math.min(5, Math.round(2.6 + lift + random.next() * 2.4)));
    for (const [i, s] of sample.entries()) {
      if (i >= answered + 15) break;
      if (i >= answered) {
        await recordInterview(db, actor, scope, survey.id, s.member_id, { outcome: i % 2 ? 'refused' : 'unreachable' });
        continue;
      }
      await recordInterview(db, actor, scope, survey.id, s.member_id, {
        outcome: 'answered',
        answers: {
          reg: likert(),
          paid: random.chance(0.3 - lift / 5) ? 'yes' : 'no',
          deduct: likert(),
          access: likert(),
          know: random.chance(0.3 + lift / 3) ? 'all' : random.chance(0.6) ? 'some' : 'none',
          care: likert(),
        },
      });
    }
    if (round === '2025') await closeSurvey(db, actor, scope, survey.id, survey.version);
    previousId = survey.id;
  }
}
