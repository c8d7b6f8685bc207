import type { z } from '@hono/zod-openapi';
import type { Db } from '../platform/db/database.js';
import type { Scope } from '../platform/http/context.js';
import { audit, type Actor } from '../platform/audit/audit.js';
import { today } from '../platform/dates.js';
import { createJob, finishUpdate, getJob, progressUpdate, type Job } from '../platform/jobs/jobs.js';
import { findMember } from '../registry/members/service.js';
import { hotRead } from '../platform/db/hot.js';
import { keptProductNames } from '../schemes/products/service.js';
import { rebuildMonth, type MonthRun } from './rebuild.js';
import { coverageOn, type MemberStanding } from './state.js';
import type { MemberCoverage, Run } from './schemas.js';

export const RUN_KIND = 'coverage-run';

/** A member's periods of cover and their state on a day, each with its reason. */
export async function memberCoverage(
  db: Db,
  scope: Scope,
  memberId: string,
  date?: string,
): Promise<z.infer<typeof MemberCoverage>> {
  return coverageOf(db, scope, await findMember(db.kysely, scope, memberId), date);
}

/** A member's periods, each with the day it was paid: a premium's says so itself, a declared month's invoice when settled. */
const coverageRows = hotRead((k, schemeId: string, memberId: string) =>
  k
    .selectFrom('coverage_period as c')
    .select(['c.starts_on', 'c.ends_on', 'c.source', 'c.source_id', 'c.product_id', 'c.grace_days'])
    .select((eb) =>
      eb.fn
        .coalesce(
          'c.paid_on',
          // A subquery rather than a join: SQLite answers it faster for one member's few rows.
          eb
            .selectFrom('invoice as i')
            .select('i.settled_on')
            .whereRef('i.scheme_id', '=', 'c.scheme_id')
            .whereRef('i.id', '=', 'c.source_id'),
        )
        .as('paid_on'),
    )
    .where('c.scheme_id', '=', schemeId)
    .where('c.member_id', '=', memberId)
    .orderBy('c.starts_on'),
);

/** The cover of a member already found (and so already known to be within the caller's reach). */
export async function coverageOf(
  db: Db,
  scope: Scope,
  member: { id: string; status: string },
  date?: string,
): Promise<z.infer<typeof MemberCoverage>> {
  const memberId = member.id;
  const [rows, names] = await Promise.all([
    coverageRows(db, scope.schemeId, memberId),
    keptProductNames(db, scope.schemeId),
  ]);
  const day = date ?? today();
  const c = coverageOn(
    rows.map((r) => ({
      startsOn: r.starts_on,
      endsOn: r.ends_on,
      source: r.source,
      sourceId: r.source_id,
      productId: r.product_id,
      paidOn: r.paid_on,
      graceDays: r.grace_days,
    })),
    member.status as MemberStanding,
    day,
  );
  return {
    memberId,
    ...c,
    periods: c.periods.map((p) => ({
      ...p,
      productName: names.get(p.productId) ?? null,
      reason: p.reason as { code: string },
    })),
  };
}

export const runView = (job: Job): z.infer<typeof Run> => {
  const result = job.result_json ? JSON.parse(job.result_json) : null;
  return {
    id: job.id,
    state: job.state,
    period: JSON.parse(job.params_json).period,
    done: job.done,
    total: job.total,
    result:
      result && !result.error
        ? {
            invoices: result.invoices,
            settled: result.settled,
            members: result.members,
            paidMembers: result.paidMembers,
          }
        : null,
    error: result?.error ?? null,
    createdAt: job.created_at,
    updatedAt: job.updated_at,
  };
};

/** Starts the monthly run as a job; the promise it answers ends when the run does. */
export async function startMonthRun(db: Db, actor: Actor, scope: Scope, period: string) {
  const job = await createJob(db, scope.schemeId, RUN_KIND, { period }, actor.username ?? 'system');
  const running = (async (): Promise<MonthRun> => {
    try {
      const run = await rebuildMonth(db, scope, period, (done, total) =>
        progressUpdate(db.kysely, job, done, total)
          .execute()
          .then(() => undefined),
      );
      await db.kysely.transaction().execute(async (tx) => {
        await finishUpdate(tx, job, 'done', run).execute();
        await audit(tx, actor, { action: 'run', entity: 'coverage_month', entityId: job.id, after: run });
      });
      return run;
    } catch (err) {
      await finishUpdate(db.kysely, job, 'failed', { error: String((err as Error)?.message ?? err) }).execute();
      throw err;
    }
  })();
  return { job, running };
}

export async function getRun(db: Db, scope: Scope, id: string) {
  return runView(await getJob(db.kysely, scope.schemeId, id, RUN_KIND));
}
