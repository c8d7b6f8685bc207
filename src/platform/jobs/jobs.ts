import type { Selectable } from 'kysely';
import type { Db, Executor } from '../db/database.js';
import type { JobTable } from '../db/schema.js';
import { newId, nowIso } from '../ids.js';
import { notFound } from '../http/problem.js';

/**
 * A bulk operation's record: what it was asked, how far it got and what it found. Progress is
 * written in the same transactions as the work, so it never claims more than was done.
 */
export type Job = Selectable<JobTable>;

export async function createJob(db: Db, schemeId: string, kind: string, params: unknown, createdBy: string) {
  const now = nowIso();
  const job: Job = {
    id: newId(),
    scheme_id: schemeId,
    kind,
    state: 'running',
    total: 0,
    done: 0,
    params_json: JSON.stringify(params),
    result_json: null,
    created_by: createdBy,
    created_at: now,
    updated_at: now,
  };
  // In a transaction like every write: on SQLite it then waits for the write lock without
  // holding the server's thread (platform/db/sqlite-dialect.ts).
  await db.kysely.transaction().execute((tx) => tx.insertInto('job').values(job).execute());
  return job;
}

/** The update of a job's progress, to run alone or in the transaction of the work it counts. */
export const progressUpdate = (db: Executor, job: Job, done: number, total: number) =>
  db
    .updateTable('job')
    .set({ done, total, updated_at: nowIso() })
    .where('scheme_id', '=', job.scheme_id)
    .where('id', '=', job.id);

/** The update that ends a job, to run alone or in the transaction of its last work. */
export const finishUpdate = (db: Executor, job: Job, state: 'done' | 'failed', result: unknown) =>
  db
    .updateTable('job')
    .set({ state, result_json: JSON.stringify(result), updated_at: nowIso() })
    .where('scheme_id', '=', job.scheme_id)
    .where('id', '=', job.id);

export async function getJob(db: Executor, schemeId: string, id: string, kind: string) {
  const job = await db
    .selectFrom('job')
    .selectAll()
    .where('scheme_id', '=', schemeId)
    .where('id', '=', id)
    .where('kind', '=', kind)
    .executeTakeFirst();
  if (!job) throw notFound(`Job ${id}`);
  return job;
}

/** Jobs that were running when the process stopped did not finish; say so rather than show them running forever. */
export const failInterruptedJobs = (db: Db) =>
  db.kysely
    .updateTable('job')
    .set({
      state: 'failed',
      result_json: JSON.stringify({ error: 'interrupted by a restart; run it again: it is safe to re-run' }),
      updated_at: nowIso(),
    })
    .where('state', '=', 'running')
    .execute();
