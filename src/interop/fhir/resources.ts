import type { Resource } from '@medplum/fhirtypes';
import type { FhirContext } from './context.js';
import type { Search, SearchParam } from './search.js';
import {
  PATIENT_PARAMS,
  RELATED_PERSON_PARAMS,
  readPatient,
  readRelatedPerson,
  searchPatients,
  searchRelatedPersons,
} from './patients.js';
import { COVERAGE_PARAMS, readCoverage, searchCoverage } from './coverage.js';
import { ORGANIZATION_PARAMS, readOrganization, searchOrganizations } from './organizations.js';
import { LOCATION_PARAMS, readLocation, searchLocations } from './locations.js';
import { PLAN_PARAMS, readPlan, searchPlans } from './plans.js';
import { CLAIM_PARAMS, CLAIM_RESPONSE_PARAMS, EOB_PARAMS, readClaim, searchClaims } from './claims.js';

type Found = { resources: Resource[]; nextCursor: string | null };

/** A resource type this server reads and searches: the routes and the CapabilityStatement both come from this list. */
export interface ResourceType {
  type: Resource['resourceType'];
  documentation: string;
  params: SearchParam[];
  read: (ctx: FhirContext, id: string) => Promise<Resource>;
  search: (ctx: FhirContext, s: Search) => Promise<Found>;
  /** Taken by POST: a Claim is decided, an eligibility request answered. */
  create?: string;
}

export const RESOURCE_TYPES: ResourceType[] = [
  {
    type: 'Patient',
    documentation:
      'Members and their dependants. A dependant links to the RelatedPerson that places them in the household.',
    params: PATIENT_PARAMS,
    read: readPatient,
    search: searchPatients,
  },
  {
    type: 'RelatedPerson',
    documentation:
      "A dependant as the head of household's spouse, child, parent or other relative; its id is the dependant's Patient id.",
    params: RELATED_PERSON_PARAMS,
    read: readRelatedPerson,
    search: searchRelatedPersons,
  },
  {
    type: 'Coverage',
    documentation: "A member's insurance with the scheme, its id the member's: active while covered today.",
    params: COVERAGE_PARAMS,
    read: readCoverage,
    search: searchCoverage,
  },
  {
    type: 'Organization',
    documentation: 'The scheme (type ins), its employers (bus) and its facilities (prov).',
    params: ORGANIZATION_PARAMS,
    read: readOrganization,
    search: searchOrganizations,
  },
  {
    type: 'Location',
    documentation:
      "Facilities' sites (managed by the facility's Organization) and the scheme's areas as jurisdictions.",
    params: LOCATION_PARAMS,
    read: readLocation,
    search: searchLocations,
  },
  {
    type: 'InsurancePlan',
    documentation: "The scheme's products, as the version in force today describes them.",
    params: PLAN_PARAMS,
    read: readPlan,
    search: searchPlans,
  },
  {
    type: 'Claim',
    documentation:
      'Claims as facilities sent them. POST a Claim (or a batch Bundle of them) to have it decided by the rules of the claims API; the answer is its ClaimResponse.',
    params: CLAIM_PARAMS,
    read: (ctx, id) => readClaim(ctx, id, 'Claim'),
    search: (ctx, s) => searchClaims(ctx, s, 'Claim'),
    create: 'decided at once; answered with the ClaimResponse (201, or 200 when the same claim was sent before)',
  },
  {
    type: 'ClaimResponse',
    documentation:
      "The decision on each claim, its id the claim's: amounts submitted, eligible and approved, with the reasons.",
    params: CLAIM_RESPONSE_PARAMS,
    read: (ctx, id) => readClaim(ctx, id, 'ClaimResponse'),
    search: (ctx, s) => searchClaims(ctx, s, 'ClaimResponse'),
  },
  {
    type: 'ExplanationOfBenefit',
    documentation:
      'Claims paid: those whose monthly payment run has been paid, with the day and the reference of the payment.',
    params: EOB_PARAMS,
    read: (ctx, id) => readClaim(ctx, id, 'ExplanationOfBenefit'),
    search: (ctx, s) => searchClaims(ctx, s, 'ExplanationOfBenefit'),
  },
];

export const resourceType = (type: string) => RESOURCE_TYPES.find((r) => r.type === type);
