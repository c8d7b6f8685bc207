import type { CapabilityStatement } from '@medplum/fhirtypes';
import { RESOURCE_TYPES } from './resources.js';

/** What this server does, made from the same list the routes are made from. */
export function capabilityStatement(base: string, version: string): CapabilityStatement {
  return {
    resourceType: 'CapabilityStatement',
    status: 'active',
    date: '2026-12-01',
    publisher: 'riskpool',
    kind: 'instance',
    software: { name: 'riskpool', version },
    implementation: { description: 'riskpool FHIR R4 server', url: base },
    fhirVersion: '4.0.1',
    format: ['json'],
    rest: [
      {
        mode: 'server',
        documentation:
          "Each scheme's own data only: the caller's scheme and, for users limited to areas, those areas. Rights as in the rest of the API.",
        security: {
          cors: false,
          description:
            'Authorization: Bearer with a session token from POST /api/v1/auth/login or an API token made by an administrator.',
        },
        resource: [
          ...RESOURCE_TYPES.map((r) => ({
            type: r.type,
            documentation: r.documentation,
            interaction: [
              { code: 'read' as const },
              { code: 'search-type' as const },
              ...(r.create ? [{ code: 'create' as const, documentation: r.create }] : []),
            ],
            searchParam: [
              { name: '_id', type: 'token' as const, documentation: 'The id; several separated by commas' },
              ...r.params.map((p) => ({ name: p.name, type: p.type, documentation: p.documentation })),
            ],
          })),
          {
            type: 'CoverageEligibilityRequest' as const,
            documentation:
              'POSTed and answered at once with a CoverageEligibilityResponse: the same answer as GET /api/v1/eligibility. Not stored.',
            interaction: [{ code: 'create', documentation: 'answered with a CoverageEligibilityResponse (200)' }],
          },
          {
            type: 'CoverageEligibilityResponse' as const,
            documentation: 'Only as the answer to a CoverageEligibilityRequest.',
          },
        ],
        interaction: [
          {
            code: 'batch',
            documentation:
              'A batch Bundle of up to 500 entries: POST Claim, POST CoverageEligibilityRequest, or GET a read or a search',
          },
        ],
      },
    ],
  };
}
