/**
 * The URIs riskpool's FHIR resources name their identifiers and codes by. They are stable: a
 * facility's system that stores `system|value` today finds the same record next year. Numbers a
 * scheme gives out (member numbers, claim numbers, employer and facility codes) are unique only
 * within the scheme, so their systems carry the scheme's id; a national ID is the country's.
 */
const BASE = 'https://riskpool.org/fhir';

export const system = {
  memberNumber: (schemeId: string) => `${BASE}/sid/scheme/${schemeId}/member-number`,
  factoryCard: (schemeId: string, employerId: string) => `${BASE}/sid/scheme/${schemeId}/employer/${employerId}/card`,
  nationalId: (country: string) => `${BASE}/sid/national-id/${country.toLowerCase()}`,
  claimNumber: (schemeId: string) => `${BASE}/sid/scheme/${schemeId}/claim-number`,
  /** The facility's own number for a claim: unique per facility. */
  facilityClaim: (schemeId: string, facilityId: string) =>
    `${BASE}/sid/scheme/${schemeId}/facility/${facilityId}/claim`,
  employerCode: (schemeId: string) => `${BASE}/sid/scheme/${schemeId}/employer-code`,
  facilityCode: (schemeId: string) => `${BASE}/sid/scheme/${schemeId}/facility-code`,
  areaCode: (schemeId: string) => `${BASE}/sid/scheme/${schemeId}/area-code`,
  productCode: (schemeId: string) => `${BASE}/sid/scheme/${schemeId}/product-code`,
  visitNumber: (schemeId: string) => `${BASE}/sid/scheme/${schemeId}/visit-number`,
  /** A scheme's care categories (consultation, surgery, delivery…): the claim's subType. */
  careCategory: (schemeId: string) => `${BASE}/CodeSystem/scheme/${schemeId}/care-category`,
  serviceCode: (schemeId: string) => `${BASE}/CodeSystem/scheme/${schemeId}/service`,
  caseCode: (schemeId: string) => `${BASE}/CodeSystem/scheme/${schemeId}/case`,
  /** The rules' reason codes (not_covered, over_ceiling…), the same as the claims API gives. */
  reason: `${BASE}/CodeSystem/claim-reason`,
  supportingInfo: `${BASE}/CodeSystem/supporting-info`,
  // HL7's own.
  icd10: 'http://hl7.org/fhir/sid/icd-10',
  identifierType: 'http://terminology.hl7.org/CodeSystem/v2-0203',
  organizationType: 'http://terminology.hl7.org/CodeSystem/organization-type',
  roleCode: 'http://terminology.hl7.org/CodeSystem/v3-RoleCode',
  subscriberRelationship: 'http://terminology.hl7.org/CodeSystem/subscriber-relationship',
  coverageClass: 'http://terminology.hl7.org/CodeSystem/coverage-class',
  claimType: 'http://terminology.hl7.org/CodeSystem/claim-type',
  processPriority: 'http://terminology.hl7.org/CodeSystem/processpriority',
  adjudication: 'http://terminology.hl7.org/CodeSystem/adjudication',
  paymentType: 'http://terminology.hl7.org/CodeSystem/ex-paymenttype',
  benefitType: 'http://terminology.hl7.org/CodeSystem/benefit-type',
  locationPhysicalType: 'http://terminology.hl7.org/CodeSystem/location-physical-type',
  insurancePlanType: 'http://terminology.hl7.org/CodeSystem/insurance-plan-type',
} as const;

export const coding = (sys: string, code: string, display?: string) => ({
  coding: [{ system: sys, code, ...(display ? { display } : {}) }],
});
