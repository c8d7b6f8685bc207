import type { Context } from 'hono';
import { HTTPException } from 'hono/http-exception';
import type { ZodError } from 'zod';
import type { Logger } from 'pino';
import { Problem, type FieldError } from './problem.js';
import { isBusy } from '../db/sqlite-dialect.js';

export function problemResponse(c: Context, problem: Problem): Response {
  const body = {
    type: 'about:blank',
    title: problem.title,
    status: problem.status,
    ...(problem.detail ? { detail: problem.detail } : {}),
    ...(problem.errors.length ? { errors: problem.errors } : {}),
    ...problem.extra,
    requestId: c.get('requestId') as string | undefined,
  };
  return new Response(JSON.stringify(body), {
    status: problem.status,
    headers: {
      'content-type': 'application/problem+json; charset=utf-8',
      ...(body.requestId ? { 'x-request-id': body.requestId } : {}),
    },
  });
}

export function fieldErrorsOf(error: ZodError): FieldError[] {
  return error.issues.map((issue) => ({
    field: issue.path.length ? issue.path.join('.') : '(body)',
    reason: issue.message,
  }));
}

export function validationProblem(error: ZodError, where: string): Problem {
  const errors = fieldErrorsOf(error);
  return new Problem(
    400,
    'Invalid input',
    `The ${where} is not valid: ` + errors.map((e) => `${e.field}: ${e.reason}`).join('; '),
    errors,
  );
}

/** The app's one error mapper: a Problem as it is, a fault of ours as a bare 500. */
export const errorMapper = (logger: Logger) => (err: Error, c: Context) => {
  if (err instanceof Problem) return problemResponse(c, err);
  if (err instanceof HTTPException) {
    // Hono throws these for bodies it cannot read (malformed JSON and the like).
    return problemResponse(c, new Problem(err.status, 'Bad request', err.message || 'The request could not be read'));
  }
  if (isUniqueViolation(err)) {
    return problemResponse(c, new Problem(409, 'Conflict', 'A record with the same unique value already exists'));
  }
  if (isBusy(err)) {
    // Not a fault: another connection (a payment run, an import's chunk, another server process)
    // held SQLite's write lock longer than a transaction waits for it. The client may try again.
    logger.warn({ err, requestId: c.get('requestId') }, 'database busy');
    const res = problemResponse(
      c,
      new Problem(
        503,
        'Busy',
        'The database is busy with a long write (a payment run or an import): try again shortly',
      ),
    );
    res.headers.set('retry-after', '5');
    return res;
  }
  logger.error({ err, requestId: c.get('requestId') }, 'request failed');
  return problemResponse(c, new Problem(500, 'Internal server error', 'Something went wrong on our side'));
};

/** A unique constraint refused a write that raced past the service's own check. */
export function isUniqueViolation(err: unknown): boolean {
  const e = err as { code?: string };
  return e?.code === '23505' || e?.code === 'SQLITE_CONSTRAINT_UNIQUE' || e?.code === 'SQLITE_CONSTRAINT_PRIMARYKEY';
}
