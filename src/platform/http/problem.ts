/** One field that is wrong, and why, as a person can read it. */
export interface FieldError {
  field: string;
  reason: string;
}

/**
 * An error meant for the caller, turned into application/problem+json (RFC 9457) by the
 * app's one error mapper. Anything else thrown is a fault of ours and answers 500.
 */
export class Problem extends Error {
  constructor(
    readonly status: number,
    readonly title: string,
    readonly detail?: string,
    readonly errors: FieldError[] = [],
    /** Extra members of the problem document, such as the possible duplicates found. */
    readonly extra: Record<string, unknown> = {},
  ) {
    super(detail ?? title);
  }
}

export const invalid = (field: string, reason: string, extra?: Record<string, unknown>) =>
  new Problem(400, 'Invalid input', `${field}: ${reason}`, [{ field, reason }], extra);

export const invalidFields = (errors: FieldError[]) =>
  new Problem(400, 'Invalid input', errors.map((e) => `${e.field}: ${e.reason}`).join('; '), errors);

export const notFound = (what: string) => new Problem(404, 'Not found', `${what} was not found`);

export const conflict = (field: string, reason: string, extra?: Record<string, unknown>) =>
  new Problem(409, 'Conflict', `${field}: ${reason}`, [{ field, reason }], extra);

export const unauthorized = (detail = 'Log in first') => new Problem(401, 'Unauthorized', detail);

export const forbidden = (detail: string) => new Problem(403, 'Forbidden', detail);
