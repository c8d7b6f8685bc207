import type { z } from '@hono/zod-openapi';
import type { Insertable } from 'kysely';
import type { Db, Executor } from '../platform/db/database.js';
import type { AuditEntryTable, ClaimTable, ClaimLineTable, ClaimFollowUpTable } from '../platform/db/schema.js';
import type { Scope } from '../platform/http/context.js';
import type { Actor } from '../platform/audit/audit.js';
import { bulkInsert } from '../platform/db/bulk.js';
import { newId, nowIso } from '../platform/ids.js';
import { conflict, invalid, type FieldError, type Problem } from '../platform/http/problem.js';
import { reserveSequence } from '../registry/members/repo.js';
import { keptMemberPrefix } from '../registry/members/service.js';
import { parseMemberNumber } from '../registry/members/member-number.js';
import { phoneKey } from '../registry/facilities/service.js';
import { areaPathOf, pathInScope } from '../registry/areas/limits.js';
import { keptCategorySettings } from '../schemes/products/categories.js';
import { keptMinorUnits } from '../schemes/service.js';
import type { CareCase } from '../schemes/cases/schemas.js';

type Case = z.infer<typeof CareCase>;
import { memberEligibility } from '../eligibility/service.js';
import { contractsOf } from './contracts/service.js';
import { scoresOf } from './contracts/assessments.js';
import { Tallies, type TallyKind } from './tally.js';
import { coefficientFor } from './contracts/quality.js';
import { keptPolicy } from './policy.js';
import { adjudicate, type ClaimFacts, type PriceItem } from './adjudicate.js';
import { draw, fingerprint, judgedBy, priceItemsOf } from './facts.js';
import { holdMembers } from './claimant.js';
import { careWindow, lastUses, memberCare, usageFrom, type CareRow } from './repo.js';
import { claimsByIds } from './views.js';
import type { Claim, NewClaimInput } from './schemas.js';

type ClaimView = z.infer<typeof Claim>;

/** One claim's answer: made (201), made before (200), or refused with the fields at fault. */
export interface ClaimResult {
  status: number;
  claim?: ClaimView;
  errors?: FieldError[];
}

/** The claim number: the facility's code, the month of care and a count within it. */
export const claimNumber = (facilityCode: string, admittedOn: string, sequence: number) =>
  `${facilityCode}-${admittedOn.slice(2, 4)}${admittedOn.slice(5, 7)}-${String(sequence).padStart(5, '0')}`;

const CHUNK = 500;
const key = (...parts: string[]) => parts.join('\u0000');

/** Answers a function's result for each key once: a batch asks the same question of many claims. */
function cached<T>() {
  const map = new Map<string, Promise<T>>();
  return (k: string, load: () => Promise<T>) => {
    let v = map.get(k);
    if (!v) map.set(k, (v = load()));
    return v;
  };
}

interface Claimant {
  id: string;
  sex: 'F' | 'M';
  birth_date: string;
  status: string;
  phone: string | null;
  member_number: string;
  name_latin: string;
}

const memberColumns = ['id', 'sex', 'birth_date', 'status', 'phone', 'member_number', 'name_latin'] as const;

/**
 * Claims taken and decided together, as a facility's system sends them: the facilities, members,
 * cases, cover, contracts and what each member has used are read once for the whole batch, each
 * claim is then judged by the pure rules (seeing the claims before it in the batch), and all of
 * them are written in one transaction. A bad claim is answered with its reason and holds no
 * other back; nothing is half-written.
 */
export async function submitClaims(
  db: Db,
  actor: Actor,
  scope: Scope,
  inputs: NewClaimInput[],
): Promise<ClaimResult[]> {
  const sid = scope.schemeId;
  const results: (ClaimResult | undefined)[] = inputs.map(() => undefined);
  const refuse = (i: number, p: Problem) => (results[i] = { status: p.status, errors: p.errors });
  const prints = inputs.map((c) => fingerprint(c));

  // The facilities, within the caller's reach.
  const facilityRows = new Map<string, { id: string; code: string; name: string; ownership: 'public' | 'private' }>();
  const facilityIds = [...new Set(inputs.map((c) => c.facilityId))];
  for (let i = 0; i < facilityIds.length; i += CHUNK) {
    const rows = await db.kysely
      .selectFrom('facility as f')
      .select(['f.id', 'f.code', 'f.name', 'f.ownership'])
      .select(areaPathOf('f').as('path'))
      .where('f.scheme_id', '=', sid)
      .where('f.id', 'in', facilityIds.slice(i, i + CHUNK))
      .execute();
    for (const f of rows) if (pathInScope(scope, f.path)) facilityRows.set(f.id, f);
  }
  inputs.forEach((c, i) => {
    if (!facilityRows.has(c.facilityId))
      refuse(i, invalid('facilityId', 'is not a facility of the scheme within your areas'));
  });

  // The same external id again: the claim already made, or a refusal if its content differs.
  const existing = await existingClaims(
    db.kysely,
    sid,
    inputs.filter((_, i) => !results[i]),
  );
  const firstInBatch = new Map<string, number>();
  const repeats = new Map<number, string | number>();
  inputs.forEach((c, i) => {
    if (results[i]) return;
    const k = key(c.facilityId, c.externalId);
    const earlier = existing.get(k);
    const first = firstInBatch.get(k);
    if (earlier) {
      if (earlier.fingerprint !== prints[i]) refuse(i, changedRepeat());
      else repeats.set(i, earlier.id);
    } else if (first !== undefined) {
      if (prints[first] !== prints[i]) refuse(i, changedRepeat());
      else repeats.set(i, first);
    } else firstInBatch.set(k, i);
  });
  const isNew = (i: number) => !results[i] && !repeats.has(i);

  // Care categories and cases.
  const settings = await keptCategorySettings(db, sid);
  const caseCodes = [...new Set(inputs.flatMap((c) => (c.caseCode ? [c.caseCode] : [])))];
  const cases = new Map<string, Case>();
  for (let i = 0; i < caseCodes.length; i += CHUNK) {
    const rows = await db.kysely
      .selectFrom('care_case')
      .selectAll()
      .where('scheme_id', '=', sid)
      .where('code', 'in', caseCodes.slice(i, i + CHUNK))
      .execute();
    for (const r of rows) {
      cases.set(r.code, {
        code: r.code,
        name: r.name,
        category: r.category,
        procedures: JSON.parse(r.procedures_json),
        averageCost: Number(r.average_cost),
      });
    }
  }
  inputs.forEach((c, i) => {
    if (!isNew(i)) return;
    if (!settings.has(c.category)) refuse(i, invalid('category', 'is not a care category of the scheme'));
    else if (c.caseCode && !cases.has(c.caseCode)) refuse(i, invalid('caseCode', 'is not a case of the catalogue'));
  });

  // The members: by number (check digit first), by id, or by the visit checked in.
  const members = await findMembers(db, sid, inputs, isNew, refuse);

  // What each claim is judged by, read once per member and day, facility and day.
  const once = cached<unknown>();
  const [policy, minorUnits] = await Promise.all([keptPolicy(db, sid), keptMinorUnits(db, sid)]);
  const [contracts, scores] = await Promise.all([
    contractsOf(db.kysely, sid, [...facilityRows.keys()]),
    scoresOf(db.kysely, sid, [...facilityRows.keys()]),
  ]);
  const prepared = new Map<number, Prepared>();
  for (const [i, c] of inputs.entries()) {
    if (!isNew(i)) continue;
    const member = members.get(i)!;
    const facility = facilityRows.get(c.facilityId)!;
    const day = c.admittedOn;
    const eligibility = await (once(key('e', member.id, day, c.category), () =>
      memberEligibility(db, scope, member, day, c.category, { ceilingsLeft: false }),
    ) as ReturnType<typeof memberEligibility>);
    const contract = contracts.inForce(facility.id, day);
    const score = scores.on(facility.id, day);
    const payment = contract?.categories.find((x) => x.category === c.category) ?? null;
    const listId = payment && 'priceListId' in payment ? payment.priceListId : null;
    const priceItems = listId
      ? ((await once(key('p', listId), () => priceItemsOf(db.kysely, sid, listId))) as Map<string, PriceItem>)
      : null;
    const asked = { ...c, day };
    const setting = settings.get(c.category) as ClaimFacts['claim']['setting'];
    const careCase = c.caseCode ? cases.get(c.caseCode)! : null;
    prepared.set(i, {
      facts: {
        ...judgedBy(asked, setting, member, eligibility.answer, eligibility.product, careCase, policy, minorUnits),
        contract: { found: contract !== null, payment },
        priceItems,
        coefficientBp: coefficientFor(policy.quality, facility.ownership, score),
      },
      visitId: member.visitId,
    });
  }

  const made = prepared.size
    ? await decideAndWrite(db, actor, scope, inputs, prints, prepared, members, facilityRows)
    : [];
  for (const view of made) results[view.index] = { status: 201, claim: view.claim };

  // Repeats answer the claim as it stands (made before, or earlier in this batch).
  const before = [...repeats.values()].filter((r): r is string => typeof r === 'string');
  const views = new Map((await claimsByIds(db, scope, before)).map((v) => [v.id, v]));
  // A claim sent twice in one batch is answered as the first was: made, or refused and why.
  for (const [i, r] of repeats) {
    const first = typeof r === 'number' ? results[r]! : null;
    results[i] =
      typeof r === 'string'
        ? { status: 200, claim: views.get(r)! }
        : first!.claim
          ? { status: 200, claim: first!.claim }
          : first!;
  }
  return results.map((r) => r!);
}

interface Prepared {
  facts: Omit<ClaimFacts, 'usage' | 'draws'>;
  visitId: string | null;
}

const changedRepeat = () =>
  conflict('externalId', 'was already used for a claim with other content; a correction needs a new external id');

/** The claims already made under some external ids, by facility and external id. */
async function existingClaims(db: Executor, schemeId: string, wanted: { facilityId: string; externalId: string }[]) {
  const byFacility = new Map<string, string[]>();
  for (const w of wanted) byFacility.set(w.facilityId, [...(byFacility.get(w.facilityId) ?? []), w.externalId]);
  const found = new Map<string, { id: string; fingerprint: string }>();
  for (const [facilityId, ids] of byFacility) {
    for (let i = 0; i < ids.length; i += CHUNK) {
      const rows = await db
        .selectFrom('claim')
        .select(['id', 'external_id', 'fingerprint'])
        .where('scheme_id', '=', schemeId)
        .where('facility_id', '=', facilityId)
        .where('external_id', 'in', ids.slice(i, i + CHUNK))
        .execute();
      for (const r of rows) found.set(key(facilityId, r.external_id), r);
    }
  }
  return found;
}

/**
 * Each new claim's member. A member treated outside the district they live in is still the
 * scheme's member: the claim is within reach of whoever can reach the facility.
 */
async function findMembers(
  db: Db,
  schemeId: string,
  inputs: NewClaimInput[],
  isNew: (i: number) => boolean,
  refuse: (i: number, p: Problem) => void,
) {
  const prefix = await keptMemberPrefix(db, schemeId);
  const numbers = new Map<number, string>();
  const visitNumbers = new Set<string>();
  inputs.forEach((c, i) => {
    if (!isNew(i)) return;
    if (c.visitNumber) visitNumbers.add(c.visitNumber);
    if (!c.memberNumber) return;
    const parsed = parseMemberNumber(prefix, c.memberNumber);
    if (parsed.ok) numbers.set(i, parsed.number);
    else refuse(i, invalid('memberNumber', parsed.reason));
  });
  const visits = new Map<string, { id: string; member_id: string; facility_id: string }>();
  const byNumber = new Map<string, Claimant>();
  const byId = new Map<string, Claimant>();
  const visitList = [...visitNumbers];
  for (let i = 0; i < visitList.length; i += CHUNK) {
    const rows = await db.kysely
      .selectFrom('visit')
      .select(['id', 'number', 'member_id', 'facility_id'])
      .where('scheme_id', '=', schemeId)
      .where('number', 'in', visitList.slice(i, i + CHUNK))
      .execute();
    for (const v of rows) visits.set(v.number, v);
  }
  const numberList = [...new Set(numbers.values())];
  for (let i = 0; i < numberList.length; i += CHUNK) {
    const rows = await db.kysely
      .selectFrom('member')
      .select(memberColumns)
      .where('scheme_id', '=', schemeId)
      .where('member_number', 'in', numberList.slice(i, i + CHUNK))
      .execute();
    for (const m of rows) byNumber.set(m.member_number, m);
  }
  const idList = [
    ...new Set(
      inputs.flatMap((c, i) =>
        isNew(i) ? [c.memberId, c.visitNumber ? visits.get(c.visitNumber)?.member_id : undefined] : [],
      ),
    ),
  ].filter((x): x is string => !!x);
  for (let i = 0; i < idList.length; i += CHUNK) {
    const rows = await db.kysely
      .selectFrom('member')
      .select(memberColumns)
      .where('scheme_id', '=', schemeId)
      .where('id', 'in', idList.slice(i, i + CHUNK))
      .execute();
    for (const m of rows) byId.set(m.id, m);
  }
  const found = new Map<number, Claimant & { visitId: string | null }>();
  inputs.forEach((c, i) => {
    if (!isNew(i)) return;
    const visit = c.visitNumber ? visits.get(c.visitNumber) : undefined;
    if (c.visitNumber && (!visit || visit.facility_id !== c.facilityId)) {
      return refuse(i, invalid('visitNumber', 'is not a visit checked in at this facility'));
    }
    const member = numbers.has(i) ? byNumber.get(numbers.get(i)!) : byId.get(c.memberId ?? visit?.member_id ?? '');
    if (!member) return refuse(i, invalid(c.memberId ? 'memberId' : 'memberNumber', 'is not a member of the scheme'));
    if (visit && visit.member_id !== member.id)
      return refuse(i, invalid('visitNumber', 'is the visit of another member'));
    found.set(i, { ...member, visitId: visit?.id ?? null });
  });
  return found;
}

/**
 * Inside one transaction: what the members have used (read there, so that two batches cannot
 * both pass one member's ceiling), each claim decided in order, and all of it written.
 */
async function decideAndWrite(
  db: Db,
  actor: Actor,
  scope: Scope,
  inputs: NewClaimInput[],
  prints: string[],
  prepared: Map<number, Prepared>,
  members: Map<number, Claimant & { visitId: string | null }>,
  facilities: Map<string, { id: string; code: string; name: string }>,
) {
  const sid = scope.schemeId;
  return db.kysely.transaction().execute(async (tx) => {
    const indexes = [...prepared.keys()];
    // Made by a batch that committed since this one looked: the unique key would refuse them.
    const raced = await existingClaims(
      tx,
      sid,
      indexes.map((i) => inputs[i]!),
    );
    if (raced.size)
      throw conflict(
        'externalId',
        'another request made some of these claims at the same moment: send the batch again',
      );

    const memberIds = [...new Set(indexes.map((i) => members.get(i)!.id))];
    await holdMembers(db, tx, sid, memberIds);
    const windows = indexes.map((i) => careWindow(inputs[i]!.admittedOn));
    const from = windows.reduce((m, w) => (w.from < m ? w.from : m), windows[0]!.from);
    const to = windows.reduce((m, w) => (w.to > m ? w.to : m), windows[0]!.to);
    const codes = [...new Set(indexes.flatMap((i) => inputs[i]!.lines.map((l) => l.code)))];
    const [care, uses] = await Promise.all([
      memberCare(tx, sid, memberIds, from, to),
      lastUses(tx, sid, memberIds, codes),
    ]);
    // What claims are compared with: their case's or diagnosis's average, their facility's day.
    const asked = indexes.flatMap((i) => tallied(inputs[i]!));
    const tallies = await Tallies.load(
      tx,
      sid,
      asked,
      indexes.map((i) => inputs[i]!.admittedOn),
    );

    // Numbers first: a duplicate within the batch names the claim it repeats.
    const numbers = new Map<number, string>();
    const groups = new Map<string, number[]>();
    for (const i of indexes) {
      const c = inputs[i]!;
      const k = key(c.facilityId, c.admittedOn.slice(0, 7));
      groups.set(k, [...(groups.get(k) ?? []), i]);
    }
    for (const [k, group] of groups) {
      const [facilityId, month] = k.split('\u0000') as [string, string];
      const first = await reserveSequence(tx, sid, `claim:${facilityId}:${month}`, group.length);
      const code = facilities.get(facilityId)!.code;
      group.forEach((i, n) => numbers.set(i, claimNumber(code, inputs[i]!.admittedOn, first + n)));
    }

    const now = nowIso();
    const by = actor.username ?? 'system';
    const claimRows: Insertable<ClaimTable>[] = [];
    const lineRows: Insertable<ClaimLineTable>[] = [];
    const followUps: Insertable<ClaimFollowUpTable>[] = [];
    const audits: Insertable<AuditEntryTable>[] = [];
    const made: { index: number; claim: ClaimView }[] = [];
    for (const i of indexes) {
      const c = inputs[i]!;
      const { facts, visitId } = prepared.get(i)!;
      const member = members.get(i)!;
      const facility = facilities.get(c.facilityId)!;
      const id = newId();
      const memberCareRows = care.get(member.id) ?? [];
      const average = c.caseCode
        ? tallies.average('case', c.caseCode, c.admittedOn)
        : c.diagnosis
          ? tallies.average('diagnosis', c.diagnosis, c.admittedOn)
          : null;
      const day = tallies.facility(facility.id, c.admittedOn);
      const decision = adjudicate({
        ...facts,
        usage: {
          ...usageFrom(memberCareRows, {
            facilityId: facility.id,
            category: c.category,
            setting: facts.claim.setting,
            caseCode: c.caseCode ?? null,
            admittedOn: c.admittedOn,
          }),
          lastUse: uses.get(member.id) ?? new Map(),
          averageClaimed: average,
          facilityToday: day.today,
          facilityDailyAverage: day.dailyAverage,
        },
        draws: { review: draw(id, 'review'), audit: draw(id, 'audit') },
      });
      const number = numbers.get(i)!;
      const row: Insertable<ClaimTable> & ClaimTable = {
        id,
        scheme_id: sid,
        number,
        facility_id: facility.id,
        external_id: c.externalId,
        fingerprint: prints[i]!,
        member_id: member.id,
        visit_id: visitId,
        category: c.category,
        setting: facts.claim.setting,
        case_code: c.caseCode ?? null,
        diagnosis: c.diagnosis ?? null,
        admitted_on: c.admittedOn,
        discharged_on: c.dischargedOn ?? null,
        claimed: c.claimed,
        proposed: decision.proposed,
        approved: decision.approved,
        member_pays: decision.memberPays,
        mechanism: decision.mechanism,
        status: decision.status,
        reasons_json: JSON.stringify(decision.reasons),
        risk_score: decision.riskScore,
        audit_sample: decision.auditSample ? 1 : 0,
        submitted_at: now,
        submitted_by: by,
        decided_at: decision.status === 'review' ? null : now,
        decided_by: decision.status === 'review' ? null : 'rules',
        payment_run_id: null,
      };
      claimRows.push(row);
      c.lines.forEach((l, n) =>
        lineRows.push({
          scheme_id: sid,
          claim_id: id,
          line_no: n + 1,
          code: l.code,
          quantity: l.quantity,
          unit_price: l.unitPrice,
          claimed: l.quantity * l.unitPrice,
          approved: decision.lines[n]!.approved,
          reasons_json: JSON.stringify(decision.lines[n]!.reasons),
        }),
      );
      const drawn =
        decision.status !== 'rejected' &&
        draw(id, 'follow-up') * 10_000 < facts.policy.followUpShareBp &&
        member.phone &&
        phoneKey(member.phone).length >= 6;
      if (drawn) {
        followUps.push({
          scheme_id: sid,
          claim_id: id,
          member_id: member.id,
          phone: member.phone!,
          phone_key: phoneKey(member.phone!),
          state: 'drawn',
          drawn_at: now,
          concern: 0,
        });
      }
      audits.push({
        id: newId(),
        scheme_id: sid,
        user_id: actor.userId,
        username: actor.username,
        at: now,
        action: 'submit',
        entity: 'claim',
        entity_id: id,
        before_json: null,
        // The decision and its reasons; the lines' own are kept with the lines.
        after_json: JSON.stringify({
          number,
          externalId: c.externalId,
          claimed: c.claimed,
          status: decision.status,
          proposed: decision.proposed,
          approved: decision.approved,
          memberPays: decision.memberPays,
          riskScore: decision.riskScore,
          reasons: decision.reasons.map((r) => r.code),
        }),
        request_id: actor.requestId ?? null,
      });

      // The claims after it in the batch see it, as they would had it come alone before them.
      if (decision.status !== 'rejected') {
        const seen: CareRow = {
          number,
          facility_id: facility.id,
          category: c.category,
          setting: facts.claim.setting,
          case_code: c.caseCode ?? null,
          admitted_on: c.admittedOn,
          status: decision.status,
          approved: decision.approved,
          proposed: decision.proposed,
        };
        care.set(member.id, [...memberCareRows, seen]);
        const memberUses = uses.get(member.id) ?? new Map<string, string>();
        c.lines.forEach((l, n) => {
          const last = memberUses.get(l.code);
          if (decision.lines[n]!.approved > 0 && (!last || last < c.admittedOn)) memberUses.set(l.code, c.admittedOn);
        });
        uses.set(member.id, memberUses);
      }
      for (const t of tallied(c)) {
        // A claim rejected outright does not count towards what its case costs.
        if (t.kind === 'facility' || decision.status !== 'rejected')
          tallies.add(t.kind, t.code, c.admittedOn, c.claimed);
      }
      made.push({ index: i, claim: viewOf(row, c, decision.lines, facility.name, member) });
    }
    await bulkInsert(db, tx, 'claim', claimRows);
    await bulkInsert(db, tx, 'claim_line', lineRows);
    await bulkInsert(db, tx, 'claim_follow_up', followUps);
    await bulkInsert(db, tx, 'audit_entry', audits);
    await tallies.write(tx);
    return made;
  });
}

/** What a claim is counted under: its facility, its case, its diagnosis. */
function tallied(c: NewClaimInput): { kind: TallyKind; code: string }[] {
  return [
    { kind: 'facility', code: c.facilityId },
    ...(c.caseCode ? [{ kind: 'case' as const, code: c.caseCode }] : []),
    ...(c.diagnosis ? [{ kind: 'diagnosis' as const, code: c.diagnosis }] : []),
  ];
}

/** The new claim as the API shows it, from what was just written. */
function viewOf(
  row: ClaimTable,
  c: NewClaimInput,
  lines: { approved: number; reasons: unknown[] }[],
  facilityName: string,
  member: Claimant,
): ClaimView {
  return {
    id: row.id,
    number: row.number,
    externalId: row.external_id,
    facilityId: row.facility_id,
    facilityName,
    memberId: member.id,
    memberNumber: member.member_number,
    nameLatin: member.name_latin,
    visitId: row.visit_id,
    category: row.category,
    caseCode: row.case_code,
    diagnosis: row.diagnosis,
    admittedOn: row.admitted_on,
    dischargedOn: row.discharged_on,
    claimed: row.claimed,
    proposed: row.proposed,
    approved: row.approved,
    memberPays: row.member_pays,
    mechanism: row.mechanism,
    status: row.status,
    reasons: JSON.parse(row.reasons_json),
    riskScore: row.risk_score,
    audit: row.audit_sample === 1 ? 'drawn' : 'none',
    lines: c.lines.map((l, n) => ({
      ...l,
      claimed: l.quantity * l.unitPrice,
      approved: lines[n]!.approved,
      reasons: lines[n]!.reasons as ClaimView['reasons'],
    })),
    reviews: [],
    submittedAt: row.submitted_at,
    submittedBy: row.submitted_by,
    decidedAt: row.decided_at,
    decidedBy: row.decided_by,
    paymentRunId: null,
  };
}
