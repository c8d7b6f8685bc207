import type { CoverageEligibilityResponse } from '@medplum/fhirtypes';
import { newId, nowIso } from '../../platform/ids.js';
import { invalidFields, notFound, type FieldError } from '../../platform/http/problem.js';
import { checkEligibility } from '../../eligibility/service.js';
import { keptCategoryCodes } from '../../schemes/products/categories.js';
import { money, need, ref, type FhirContext } from './context.js';
import { memberRow } from './patients.js';
import { coding, system } from './systems.js';
import { obj, type Json } from './json.js';

const PURPOSES = ['auth-requirements', 'benefits', 'discovery', 'validation'];

/**
 * A CoverageEligibilityRequest answered as the eligibility API answers: covered on the day of
 * care or not, until when, and for each care category asked (all the product's when none is)
 * whether it is covered, the waiting period still running and the ceiling left this year.
 */
export async function answerEligibility(ctx: FhirContext, body: unknown): Promise<CoverageEligibilityResponse> {
  need(ctx, 'member.read');
  const r = obj(body);
  const errors: FieldError[] = [];
  if (!r || r.resourceType !== 'CoverageEligibilityRequest') {
    throw invalidFields([
      { field: 'CoverageEligibilityRequest.resourceType', reason: 'must be CoverageEligibilityRequest' },
    ]);
  }
  const purpose = Array.isArray(r.purpose) ? r.purpose : ['benefits'];
  if (!purpose.length || purpose.some((p) => !PURPOSES.includes(p as string))) {
    errors.push({ field: 'CoverageEligibilityRequest.purpose', reason: `each must be one of ${PURPOSES.join(', ')}` });
  }
  const date = r.servicedDate === undefined ? undefined : String(r.servicedDate);
  if (date !== undefined && !/^\d{4}-\d{2}-\d{2}$/.test(date)) {
    errors.push({ field: 'CoverageEligibilityRequest.servicedDate', reason: 'must be a date as YYYY-MM-DD' });
  }
  const known = await keptCategoryCodes(ctx.db, ctx.scheme.id);
  const categories: string[] = [];
  (Array.isArray(r.item) ? r.item : []).forEach((item, i) => {
    const code = (obj(obj(item)?.category)?.coding as Json[] | undefined)?.find(
      (c) => c.system === undefined || c.system === system.careCategory(ctx.scheme.id),
    )?.code;
    if (typeof code !== 'string' || !known.has(code)) {
      errors.push({
        field: `CoverageEligibilityRequest.item[${i}].category`,
        reason: 'is not a care category of the scheme',
      });
    } else categories.push(code);
  });

  // The patient, by reference or by member number (a mistyped one is refused, never read as someone else).
  const patient = obj(r.patient);
  const reference = typeof patient?.reference === 'string' ? patient.reference : undefined;
  const identifier = obj(patient?.identifier);
  let memberNumber: string | undefined;
  if (reference && /^Patient\/[^/]+$/.test(reference)) {
    memberNumber = (await memberRow(ctx, reference.slice('Patient/'.length))).member_number;
  } else if (
    identifier &&
    typeof identifier.value === 'string' &&
    (identifier.system === undefined || identifier.system === system.memberNumber(ctx.scheme.id))
  ) {
    memberNumber = identifier.value;
  } else {
    errors.push({
      field: 'CoverageEligibilityRequest.patient',
      reason: 'give a Patient/<id> reference, or an identifier with the member number',
    });
  }
  if (errors.length) throw invalidFields(errors);

  const answer = await checkEligibility(ctx.db, ctx.scope, { member: memberNumber!, date }).catch((err) => {
    // The eligibility API names its own query fields; here they are the request's elements.
    if (err?.errors?.[0]?.field === 'member') {
      throw invalidFields([{ field: 'CoverageEligibilityRequest.patient.identifier', reason: err.errors[0].reason }]);
    }
    throw err;
  });
  const m = answer.matches[0];
  if (!m) throw notFound(`Patient with the member number ${memberNumber}`);
  const asked = m.categories.filter((c) => !categories.length || categories.includes(c.category));
  return {
    resourceType: 'CoverageEligibilityResponse',
    id: newId(),
    ...(Array.isArray(r.identifier) ? { identifier: r.identifier as never } : {}),
    status: 'active',
    purpose: purpose as CoverageEligibilityResponse['purpose'],
    patient: ref('Patient', m.memberId, m.nameLatin),
    servicedDate: m.date,
    created: nowIso(),
    request:
      Array.isArray(r.identifier) && r.identifier[0]
        ? { identifier: r.identifier[0] as never }
        : { display: 'The request posted' },
    outcome: 'complete',
    disposition: m.covered
      ? `Covered on ${m.date}${m.coveredUntil ? ` until ${m.coveredUntil}` : ''}`
      : `Not covered on ${m.date}: ${m.state.replace(/_/g, ' ')}`,
    insurer: ref('Organization', ctx.scheme.id, ctx.scheme.name),
    insurance: [
      {
        coverage: ref('Coverage', m.memberId),
        inforce: m.covered,
        ...(m.coveredSince
          ? { benefitPeriod: { start: m.coveredSince, ...(m.coveredUntil ? { end: m.coveredUntil } : {}) } }
          : {}),
        item: asked.map((c) => ({
          category: coding(system.careCategory(ctx.scheme.id), c.category),
          excluded: !c.covered,
          ...(c.waitingUntil ? { description: `Waiting period until ${c.waitingUntil}` } : {}),
          // What may still be paid this year under the ceilings that apply, as the eligibility API's ceilingLeft.
          ...(c.ceilingLeft !== null
            ? { benefit: [{ type: coding(system.benefitType, 'benefit'), allowedMoney: money(ctx, c.ceilingLeft) }] }
            : {}),
        })),
      },
    ],
  };
}
