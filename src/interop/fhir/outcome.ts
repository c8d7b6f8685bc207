import type { OperationOutcome, OperationOutcomeIssue } from '@medplum/fhirtypes';
import { HTTPException } from 'hono/http-exception';
import { isUniqueViolation } from '../../platform/http/errors.js';
import { Problem, type FieldError } from '../../platform/http/problem.js';

/** The issue type FHIR names for each status the rest of the API answers with. */
const CODE: Record<number, OperationOutcomeIssue['code']> = {
  400: 'invalid',
  401: 'login',
  403: 'forbidden',
  404: 'not-found',
  405: 'not-supported',
  409: 'conflict',
  413: 'too-costly',
  422: 'processing',
  429: 'throttled',
};

/**
 * An error as FHIR clients read it: an OperationOutcome with one issue per field at fault, each
 * naming the field by its FHIPath in `expression` and the reason in `diagnostics`.
 */
export function outcomeOf(status: number, detail: string, errors: FieldError[] = []): OperationOutcome {
  const code = CODE[status] ?? (status >= 500 ? 'exception' : 'processing');
  const issues: OperationOutcomeIssue[] = errors.length
    ? errors.map((e) => ({ severity: 'error', code, diagnostics: e.reason, expression: [e.field] }))
    : [{ severity: 'error', code, diagnostics: detail }];
  return { resourceType: 'OperationOutcome', issue: issues };
}

export const FHIR_JSON = 'application/fhir+json; charset=utf-8';

export const fhirResponse = (body: unknown, status = 200, headers: Record<string, string> = {}) =>
  new Response(JSON.stringify(body), { status, headers: { 'content-type': FHIR_JSON, ...headers } });

/** Whatever a FHIR route throws, answered as an OperationOutcome with the status the rest of the API would give. */
export function problemAsOutcome(err: unknown, log: (err: unknown) => void): Response {
  if (err instanceof Problem)
    return fhirResponse(outcomeOf(err.status, err.detail ?? err.title, err.errors), err.status);
  if (err instanceof HTTPException)
    return fhirResponse(outcomeOf(err.status, err.message || 'The request could not be read'), err.status);
  if (isUniqueViolation(err))
    return fhirResponse(outcomeOf(409, 'A record with the same unique value already exists'), 409);
  log(err);
  return fhirResponse(outcomeOf(500, 'Something went wrong on our side'), 500);
}
