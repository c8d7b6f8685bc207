import type { Claim, ClaimResponse, ClaimResponseItemAdjudication, ExplanationOfBenefit } from '@medplum/fhirtypes';
import type { z } from '@hono/zod-openapi';
import { sql } from 'kysely';
import { invalid, notFound, Problem } from '../../platform/http/problem.js';
import { decodeCursor } from '../../platform/http/openapi.js';
import { claimsById, getClaim, type ClaimsQuery } from '../../claims/views.js';
import type { Claim as ClaimView } from '../../claims/schemas.js';
import { money, need, ref, type FhirContext } from './context.js';
import { dateBounds, idsOf, referenceId, single, token, type Search, type SearchParam } from './search.js';
import { coding, system } from './systems.js';

type View = z.infer<typeof ClaimView>;

interface Paid {
  paidOn: string;
  reference: string | null;
}

export const CLAIM_PARAMS: SearchParam[] = [
  { name: 'identifier', type: 'token', documentation: "The claim number, or the facility's own number for it" },
  { name: 'patient', type: 'reference', documentation: 'The member cared for' },
  { name: 'provider', type: 'reference', documentation: 'The facility (Organization)' },
  { name: 'created', type: 'date', documentation: 'The day the claim was received' },
  { name: 'care-date', type: 'date', documentation: 'The day of care, or of admission' },
  {
    name: 'status',
    type: 'token',
    documentation: 'active: every claim kept is; cancelled, draft and entered-in-error find none',
  },
];

export const CLAIM_RESPONSE_PARAMS: SearchParam[] = [
  ...CLAIM_PARAMS.filter((p) => p.name !== 'provider'),
  { name: 'request', type: 'reference', documentation: 'The Claim answered' },
  { name: 'requestor', type: 'reference', documentation: 'The facility (Organization)' },
  {
    name: 'outcome',
    type: 'token',
    documentation: 'queued (with a claims officer) or complete (decided); complete includes rejections',
  },
  {
    name: 'disposition',
    type: 'token',
    documentation: 'approved, partly_approved, rejected or review: the decision as the claims API names it',
  },
];

export const EOB_PARAMS: SearchParam[] = [
  ...CLAIM_PARAMS,
  { name: 'claim', type: 'reference', documentation: 'The Claim paid' },
];

const DISPOSITION = {
  approved: 'Approved',
  partly_approved: 'Partly approved',
  rejected: 'Rejected',
  review: 'With a claims officer for review',
} as const;

const claimType = (v: View) =>
  coding(system.claimType, v.dischargedOn || v.category === 'hospital_stay' ? 'institutional' : 'professional');

const identifiers = (ctx: FhirContext, v: View) => [
  { system: system.claimNumber(ctx.scheme.id), value: v.number },
  { system: system.facilityClaim(ctx.scheme.id, v.facilityId), value: v.externalId },
];

const adjudication = (category: string, amount?: ReturnType<typeof money>, reason?: string) =>
  ({
    category: coding(system.adjudication, category),
    ...(amount ? { amount } : {}),
    ...(reason ? { reason: coding(system.reason, reason) } : {}),
  }) as ClaimResponseItemAdjudication;

export function claimOf(ctx: FhirContext, v: View): Claim {
  const supportingInfo = v.caseCode
    ? [
        {
          sequence: 1,
          category: coding(system.supportingInfo, 'case'),
          code: coding(system.caseCode(ctx.scheme.id), v.caseCode),
        },
      ]
    : [];
  return {
    resourceType: 'Claim',
    id: v.id,
    identifier: identifiers(ctx, v),
    status: 'active',
    type: claimType(v),
    subType: coding(system.careCategory(ctx.scheme.id), v.category),
    use: 'claim',
    patient: ref('Patient', v.memberId, v.nameLatin),
    billablePeriod: { start: v.admittedOn, ...(v.dischargedOn ? { end: v.dischargedOn } : {}) },
    created: v.submittedAt,
    insurer: ref('Organization', ctx.scheme.id, ctx.scheme.name),
    provider: ref('Organization', v.facilityId, v.facilityName),
    priority: coding(system.processPriority, 'normal'),
    ...(supportingInfo.length ? { supportingInfo } : {}),
    ...(v.diagnosis
      ? { diagnosis: [{ sequence: 1, diagnosisCodeableConcept: coding(system.icd10, v.diagnosis) }] }
      : {}),
    insurance: [{ sequence: 1, focal: true, coverage: ref('Coverage', v.memberId) }],
    ...(v.lines.length
      ? {
          item: v.lines.map((l, i) => ({
            sequence: i + 1,
            productOrService: coding(system.serviceCode(ctx.scheme.id), l.code),
            quantity: { value: l.quantity },
            unitPrice: money(ctx, l.unitPrice),
            net: money(ctx, l.claimed),
          })),
        }
      : {}),
    total: money(ctx, v.claimed),
  };
}

/** What the decision says, for ClaimResponse and ExplanationOfBenefit alike. */
function decision(ctx: FhirContext, v: View) {
  const first = v.reasons[0]?.code;
  return {
    outcome: v.status === 'review' ? ('queued' as const) : ('complete' as const),
    disposition: DISPOSITION[v.status],
    ...(v.lines.length
      ? {
          item: v.lines.map((l, i) => ({
            itemSequence: i + 1,
            adjudication: [
              adjudication('submitted', money(ctx, l.claimed)),
              adjudication('benefit', money(ctx, v.status === 'review' ? 0 : l.approved), l.reasons[0]?.code),
            ],
          })),
        }
      : {}),
    adjudication: [
      adjudication('submitted', money(ctx, v.claimed)),
      adjudication('eligible', money(ctx, v.proposed)),
      adjudication('benefit', money(ctx, v.approved), first),
      ...(v.memberPays ? [adjudication('copay', money(ctx, v.memberPays))] : []),
    ],
    total: [
      { category: coding(system.adjudication, 'submitted'), amount: money(ctx, v.claimed) },
      { category: coding(system.adjudication, 'benefit'), amount: money(ctx, v.approved) },
    ],
    // Every reason, each with its code, as the claims API gives them.
    ...(v.reasons.length || v.lines.some((l) => l.reasons.length)
      ? {
          processNote: [
            ...v.reasons.map((r) => `${r.code}: ${r.message}`),
            ...v.lines.flatMap((l, i) => l.reasons.map((r) => `item ${i + 1} ${r.code}: ${r.message}`)),
          ].map((text, n) => ({ number: n + 1, type: 'display' as const, text })),
        }
      : {}),
  };
}

const payment = (ctx: FhirContext, v: View, paid: Paid | undefined) =>
  paid
    ? {
        payment: {
          type: coding(system.paymentType, 'complete'),
          date: paid.paidOn,
          amount: money(ctx, v.approved),
          ...(paid.reference ? { identifier: { value: paid.reference } } : {}),
        },
      }
    : {};

export function claimResponseOf(ctx: FhirContext, v: View, paid?: Paid): ClaimResponse {
  const { adjudication: header, processNote, ...rest } = decision(ctx, v);
  return {
    resourceType: 'ClaimResponse',
    id: v.id,
    identifier: identifiers(ctx, v).slice(0, 1),
    status: 'active',
    type: claimType(v),
    subType: coding(system.careCategory(ctx.scheme.id), v.category),
    use: 'claim',
    patient: ref('Patient', v.memberId, v.nameLatin),
    created: v.decidedAt ?? v.submittedAt,
    insurer: ref('Organization', ctx.scheme.id, ctx.scheme.name),
    requestor: ref('Organization', v.facilityId, v.facilityName),
    request: ref('Claim', v.id),
    ...rest,
    adjudication: header,
    ...payment(ctx, v, paid),
    ...(processNote ? { processNote } : {}),
  };
}

export function explanationOf(ctx: FhirContext, v: View, paid: Paid): ExplanationOfBenefit {
  const d = decision(ctx, v);
  const claim = claimOf(ctx, v);
  return {
    resourceType: 'ExplanationOfBenefit',
    id: v.id,
    identifier: identifiers(ctx, v).slice(0, 1),
    status: 'active',
    type: claimType(v),
    subType: claim.subType,
    use: 'claim',
    patient: claim.patient,
    billablePeriod: claim.billablePeriod,
    created: v.decidedAt ?? v.submittedAt,
    insurer: claim.insurer!,
    provider: claim.provider,
    claim: ref('Claim', v.id),
    claimResponse: ref('ClaimResponse', v.id),
    outcome: d.outcome,
    disposition: d.disposition,
    ...(claim.diagnosis ? { diagnosis: claim.diagnosis } : {}),
    insurance: [{ focal: true, coverage: ref('Coverage', v.memberId) }],
    ...(claim.item
      ? {
          item: claim.item.map((it, i) => ({
            sequence: it.sequence,
            productOrService: it.productOrService,
            quantity: it.quantity,
            unitPrice: it.unitPrice,
            net: it.net,
            adjudication: d.item![i]!.adjudication,
          })),
        }
      : {}),
    adjudication: d.adjudication,
    total: d.total,
    ...payment(ctx, v, paid),
    ...(d.processNote ? { processNote: d.processNote } : {}),
  };
}

/** The paid runs of these claims: a claim is paid when the monthly run that pays it is. */
async function paidOf(ctx: FhirContext, views: View[]): Promise<Map<string, Paid>> {
  const runs = [...new Set(views.map((v) => v.paymentRunId).filter((r): r is string => r !== null))];
  if (!runs.length) return new Map();
  const rows = await ctx.db.kysely
    .selectFrom('payment_run')
    .select(['id', 'paid_on', 'paid_reference'])
    .where('scheme_id', '=', ctx.scope.schemeId)
    .where('id', 'in', runs)
    .where('status', '=', 'paid')
    .execute();
  return new Map(rows.map((r) => [r.id, { paidOn: r.paid_on!, reference: r.paid_reference }]));
}

type Kind = 'Claim' | 'ClaimResponse' | 'ExplanationOfBenefit';

/** The conditions a search puts on the claims, by the names each type's parameters have. */
function narrowed(ctx: FhirContext, s: Search, kind: Kind) {
  const conditions: ((q: ClaimsQuery) => ClaimsQuery)[] = [];
  const ids = idsOf(s);
  if (ids) conditions.push((q) => q.where('c.id', 'in', ids));
  const identifier = single(s, 'identifier');
  if (identifier !== undefined) {
    const { system: sys, value } = token(identifier);
    const facilityClaims = system.facilityClaim(ctx.scheme.id, '');
    if (sys === system.claimNumber(ctx.scheme.id)) conditions.push((q) => q.where('c.number', '=', value));
    else if (sys?.startsWith(facilityClaims) && sys.endsWith('/claim')) {
      const facility = sys.slice(facilityClaims.length, -'/claim'.length);
      conditions.push((q) => q.where('c.facility_id', '=', facility).where('c.external_id', '=', value));
    } else if (!sys)
      conditions.push((q) => q.where((eb) => eb.or([eb('c.number', '=', value), eb('c.external_id', '=', value)])));
    else conditions.push((q) => q.where(sql<boolean>`1 = 0`));
  }
  const patient = single(s, 'patient');
  if (patient !== undefined) {
    const id = referenceId('patient', patient, 'Patient');
    conditions.push((q) => q.where('c.member_id', '=', id));
  }
  for (const name of ['provider', 'requestor'] as const) {
    const v = single(s, name);
    if (v !== undefined) {
      const id = referenceId(name, v, 'Organization');
      conditions.push((q) => q.where('c.facility_id', '=', id));
    }
  }
  for (const name of ['request', 'claim'] as const) {
    const v = single(s, name);
    if (v !== undefined) {
      const id = referenceId(name, v, 'Claim');
      conditions.push((q) => q.where('c.id', '=', id));
    }
  }
  const created = kind === 'Claim' ? 'c.submitted_at' : 'c.decided_at';
  for (const b of dateBounds('created', s.values.get('created') ?? [])) {
    conditions.push((q) => q.where(created, b.op, b.value));
  }
  for (const b of dateBounds('care-date', s.values.get('care-date') ?? [])) {
    conditions.push((q) => q.where('c.admitted_on', b.op, b.value));
  }
  const status = single(s, 'status');
  if (status !== undefined) {
    if (!['active', 'cancelled', 'draft', 'entered-in-error'].includes(status)) {
      throw invalid('status', 'must be active, cancelled, draft or entered-in-error');
    }
    if (status !== 'active') conditions.push((q) => q.where(sql<boolean>`1 = 0`));
  }
  const outcome = single(s, 'outcome');
  if (outcome !== undefined) {
    if (outcome !== 'queued' && outcome !== 'complete') throw invalid('outcome', 'must be queued or complete');
    conditions.push((q) => q.where('c.status', outcome === 'queued' ? '=' : '!=', 'review'));
  }
  const disposition = single(s, 'disposition');
  if (disposition !== undefined) {
    if (!(disposition in DISPOSITION)) {
      throw invalid('disposition', 'must be approved, partly_approved, rejected or review');
    }
    conditions.push((q) => q.where('c.status', '=', disposition as View['status']));
  }
  if (kind === 'ExplanationOfBenefit') {
    conditions.push((q) =>
      q.where('c.payment_run_id', 'in', (eb) =>
        eb
          .selectFrom('payment_run')
          .select('id')
          .where('scheme_id', '=', ctx.scope.schemeId)
          .where('status', '=', 'paid'),
      ),
    );
  }
  return (q: ClaimsQuery) => conditions.reduce((acc, f) => f(acc), q);
}

export async function searchClaims(ctx: FhirContext, s: Search, kind: Kind) {
  need(ctx, 'claim.read');
  const after = decodeCursor(s.cursor, 1)?.[0];
  const { items, nextCursor } = await claimsById(
    ctx.db,
    ctx.scope,
    narrowed(ctx, s, kind),
    after === undefined ? undefined : String(after),
    s.count,
  );
  const paid = kind === 'Claim' ? new Map<string, Paid>() : await paidOf(ctx, items);
  const resources = items.map((v) => {
    const p = v.paymentRunId ? paid.get(v.paymentRunId) : undefined;
    return kind === 'Claim'
      ? claimOf(ctx, v)
      : kind === 'ClaimResponse'
        ? claimResponseOf(ctx, v, p)
        : explanationOf(ctx, v, p!);
  });
  return { resources, nextCursor };
}

export async function readClaim(ctx: FhirContext, id: string, kind: Kind) {
  need(ctx, 'claim.read');
  const v = await getClaim(ctx.db, ctx.scope, id).catch((err: unknown) => {
    throw err instanceof Problem && err.status === 404 ? notFound(`${kind}/${id}`) : err;
  });
  if (kind === 'Claim') return claimOf(ctx, v);
  const paid = (await paidOf(ctx, [v])).get(v.paymentRunId ?? '');
  if (kind === 'ClaimResponse') return claimResponseOf(ctx, v, paid);
  // Only a paid claim has an explanation of what was paid.
  if (!paid) throw notFound(`ExplanationOfBenefit/${id}`);
  return explanationOf(ctx, v, paid);
}
