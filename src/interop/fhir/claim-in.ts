import type { FieldError } from '../../platform/http/problem.js';
import type { FhirContext } from './context.js';
import { system } from './systems.js';
import { arr, obj, str, type Json } from './json.js';

/** Where each field of the claims API lies in a FHIR Claim, for naming the field at fault. */
const PATHS: Record<string, string> = {
  facilityId: 'Claim.provider',
  externalId: 'Claim.identifier',
  memberId: 'Claim.patient',
  memberNumber: 'Claim.patient',
  visitNumber: 'Claim.supportingInfo',
  category: 'Claim.subType',
  caseCode: 'Claim.supportingInfo',
  diagnosis: 'Claim.diagnosis[0].diagnosisCodeableConcept',
  admittedOn: 'Claim.billablePeriod.start',
  dischargedOn: 'Claim.billablePeriod.end',
  claimed: 'Claim.total',
  lines: 'Claim.item',
};
const LINE_PATHS: Record<string, string> = { code: 'productOrService', quantity: 'quantity', unitPrice: 'unitPrice' };

/** A field of the claims API as the FHIRPath of the element it came from. */
export function fhirPath(field: string): string {
  const line = /^lines\.(\d+)(?:\.(\w+))?/.exec(field);
  if (line) return `Claim.item[${line[1]}]${line[2] ? `.${LINE_PATHS[line[2]] ?? line[2]}` : ''}`;
  return PATHS[field.split('.')[0]!] ?? (field.startsWith('Claim') ? field : 'Claim');
}

export const asFhirErrors = (errors: FieldError[]) =>
  errors.map((e) => ({ field: fhirPath(e.field), reason: e.reason }));

/** The code of a CodeableConcept in the system asked for (or with no system). */
function codeIn(concept: unknown, sys: string): string | undefined {
  for (const c of arr(obj(concept)?.coding)) {
    const coding = obj(c);
    if (coding && (coding.system === undefined || coding.system === sys)) return str(coding.code);
  }
  return undefined;
}

/**
 * A FHIR Claim read into the claims API's own shape: what the Claim says is then checked and
 * decided by exactly the rules a claim sent to /api/v1/claims is. What cannot be read here
 * (an amount in another currency, a patient named in a way we do not give out) is refused with
 * the element it is in.
 */
export async function claimInput(
  ctx: FhirContext,
  resource: unknown,
  facilityByCode: (code: string) => Promise<string | undefined>,
): Promise<{ claim?: Json; errors: FieldError[] }> {
  const errors: FieldError[] = [];
  const c = obj(resource);
  if (!c || c.resourceType !== 'Claim') return { errors: [{ field: 'Claim.resourceType', reason: 'must be Claim' }] };
  const s = ctx.scheme.id;
  const out: Json = {};

  if (c.status !== undefined && c.status !== 'active') errors.push({ field: 'Claim.status', reason: 'must be active' });
  if (c.use !== undefined && c.use !== 'claim') {
    errors.push({ field: 'Claim.use', reason: 'only claims are taken, not preauthorizations or predeterminations' });
  }

  const own = arr(c.identifier)
    .map(obj)
    .find((i) => i && i.system !== system.claimNumber(s) && typeof i.value === 'string');
  if (own) out.externalId = own.value;
  else errors.push({ field: 'Claim.identifier', reason: "give the facility's own number for the claim" });

  const patient = obj(c.patient);
  const patientRef = str(patient?.reference);
  const patientId = obj(patient?.identifier);
  if (patientRef && /^Patient\/[^/]+$/.test(patientRef)) out.memberId = patientRef.slice('Patient/'.length);
  else if (
    patientId &&
    typeof patientId.value === 'string' &&
    [undefined, system.memberNumber(s)].includes(patientId.system as string)
  ) {
    out.memberNumber = patientId.value;
  } else if (!patient) errors.push({ field: 'Claim.patient', reason: 'is required' });
  else
    errors.push({
      field: 'Claim.patient',
      reason: 'give a Patient/<id> reference, or an identifier with the member number',
    });

  const provider = obj(c.provider);
  const providerRef = str(provider?.reference);
  const providerId = obj(provider?.identifier);
  if (providerRef && /^Organization\/[^/]+$/.test(providerRef))
    out.facilityId = providerRef.slice('Organization/'.length);
  else if (
    providerId &&
    typeof providerId.value === 'string' &&
    [undefined, system.facilityCode(s)].includes(providerId.system as string)
  ) {
    const id = await facilityByCode(providerId.value);
    if (id) out.facilityId = id;
    else errors.push({ field: 'Claim.provider', reason: `there is no facility with the code ${providerId.value}` });
  } else
    errors.push({
      field: 'Claim.provider',
      reason: "give an Organization/<id> reference, or an identifier with the facility's code",
    });

  const category = codeIn(c.subType, system.careCategory(s));
  if (category) out.category = category;
  else errors.push({ field: 'Claim.subType', reason: 'give the care category (consultation, delivery…) as a coding' });

  const period = obj(c.billablePeriod);
  if (typeof period?.start === 'string') out.admittedOn = period.start.slice(0, 10);
  else errors.push({ field: 'Claim.billablePeriod.start', reason: 'give the day of care, or of admission' });
  if (typeof period?.end === 'string') out.dischargedOn = period.end.slice(0, 10);

  const diagnosis = arr(c.diagnosis).map(obj)[0];
  if (diagnosis) {
    const code = codeIn(diagnosis.diagnosisCodeableConcept, system.icd10);
    if (code) out.diagnosis = code;
    else errors.push({ field: 'Claim.diagnosis[0].diagnosisCodeableConcept', reason: 'give an ICD-10 code' });
  }

  for (const [i, info] of arr(c.supportingInfo).map(obj).entries()) {
    const kind = codeIn(info?.category, system.supportingInfo);
    if (kind === 'case') out.caseCode = codeIn(info?.code, system.caseCode(s));
    else if (kind === 'visit')
      out.visitNumber = str(obj(obj(info?.valueReference)?.identifier)?.value) ?? str(info?.valueString);
    else errors.push({ field: `Claim.supportingInfo[${i}].category`, reason: 'must be case or visit' });
  }

  const amount = (field: string, value: unknown) => {
    const m = obj(value);
    if (m?.currency !== undefined && m.currency !== ctx.scheme.currency) {
      errors.push({ field, reason: `must be in ${ctx.scheme.currency}` });
      return undefined;
    }
    if (typeof m?.value !== 'number') {
      errors.push({ field, reason: 'give the amount as a number' });
      return undefined;
    }
    const minor = m.value * 10 ** ctx.scheme.minorUnits;
    if (Math.abs(minor - Math.round(minor)) > 1e-6) {
      errors.push({ field, reason: `has more than ${ctx.scheme.minorUnits} decimals` });
      return undefined;
    }
    return Math.round(minor);
  };
  out.claimed = amount('Claim.total', c.total);
  out.lines = arr(c.item).map((raw, i) => {
    const item = obj(raw);
    return {
      code: codeIn(item?.productOrService, system.serviceCode(s)),
      quantity: obj(item?.quantity)?.value ?? 1,
      unitPrice: amount(`Claim.item[${i}].unitPrice`, item?.unitPrice),
    };
  });
  return errors.length ? { errors } : { claim: out, errors };
}
