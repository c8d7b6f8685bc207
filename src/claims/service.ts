import type { z } from '@hono/zod-openapi';
import type { Db } from '../platform/db/database.js';
import type { Scope } from '../platform/http/context.js';
import type { Actor } from '../platform/audit/audit.js';
import { Problem } from '../platform/http/problem.js';
import { fieldErrorsOf } from '../platform/http/errors.js';
import { submitClaims, type ClaimResult } from './bulk.js';
import { NewClaim, type Claim, type NewClaimInput } from './schemas.js';

/**
 * Takes a facility's claim and decides it at once by the rules, with reasons: approved, partly
 * approved, rejected, or sent to a person with a risk score. The same external id sent again
 * answers the claim already made (`repeated`); with other content it is refused. One claim is a
 * batch of one: the rules and the writing are the batch's.
 */
export async function submitClaim(
  db: Db,
  actor: Actor,
  scope: Scope,
  input: NewClaimInput,
): Promise<{ claim: z.infer<typeof Claim>; repeated: boolean }> {
  const [result] = await submitClaims(db, actor, scope, [input]);
  if (result!.errors) {
    const errors = result!.errors;
    throw new Problem(
      result!.status,
      result!.status === 409 ? 'Conflict' : 'Invalid input',
      errors.map((e) => `${e.field}: ${e.reason}`).join('; '),
      errors,
    );
  }
  return { claim: result!.claim!, repeated: result!.status === 200 };
}

/**
 * Claims as sent (a batch, a file's rows), each checked against the claim's schema, then all the
 * valid ones taken together: one refused claim does not hold the others back.
 */
export async function submitEach(db: Db, actor: Actor, scope: Scope, raws: unknown[]): Promise<ClaimResult[]> {
  const results: ClaimResult[] = new Array(raws.length);
  const valid: { index: number; claim: NewClaimInput }[] = [];
  raws.forEach((raw, index) => {
    const parsed = NewClaim.safeParse(raw);
    if (parsed.success) valid.push({ index, claim: parsed.data });
    else results[index] = { status: 400, errors: fieldErrorsOf(parsed.error) };
  });
  const made = valid.length
    ? await submitClaims(
        db,
        actor,
        scope,
        valid.map((v) => v.claim),
      )
    : [];
  made.forEach((r, n) => (results[valid[n]!.index] = r));
  return results;
}

/** A batch of claims, answered in order, each on its own. */
export async function submitBatch(db: Db, actor: Actor, scope: Scope, claims: unknown[]) {
  return { results: (await submitEach(db, actor, scope, claims)).map((r, index) => ({ index, ...r })) };
}
