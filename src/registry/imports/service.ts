import type { Insertable } from 'kysely';
import type { Db } from '../../platform/db/database.js';
import { writeAtomically } from '../../platform/db/bulk.js';
import type { HouseholdTable, MemberNameTokenTable } from '../../platform/db/schema.js';
import type { Scope } from '../../platform/http/context.js';
import type { Actor } from '../../platform/audit/audit.js';
import { createJob, finishUpdate, getJob, progressUpdate, type Job } from '../../platform/jobs/jobs.js';
import { oneAtATime } from '../../platform/jobs/one-at-a-time.js';
import { newId, nowIso } from '../../platform/ids.js';
import { invalid, Problem } from '../../platform/http/problem.js';
import { findEmployer } from '../employers/service.js';
import { findGroup } from '../groups/service.js';
import { formatMemberNumber } from '../members/member-number.js';
import { reserveNumbers, type MemberRow } from '../members/repo.js';
import { importAuditInsert } from './audit.js';
import { InFlight, inFlightOf, type Registered } from './in-flight.js';
import { detectFormat, readRows, type FileFormat } from './files.js';
import { planImport, type PlannedRow } from './plan.js';
import { byLineAndColumn, checkRow, type ImportRow, type RowError } from './rows.js';

export const IMPORT_KIND = 'member-import';

export interface ImportOptions {
  fileName: string;
  format?: FileFormat;
  employerId?: string | null;
  groupId?: string | null;
  /** Register the valid rows even when others have errors; otherwise nothing is registered. */
  keepValid: boolean;
}

export interface ImportResult {
  total: number;
  created: number;
  alreadyRegistered: number;
  invalid: number;
  /** Every line with an error, with the field and the reason. */
  errors: RowError[];
  error?: string;
}

export type Progress = (done: number, total: number) => void;

/** Rows written per transaction at most: few enough to keep the server answering between them. */
const WRITE_CHUNK = 5000;
const CHUNKS_IN_FLIGHT = 2;

/** Checks options before a job exists, so a wrong employer is a 400 and not a failed job. */
export async function startImport(db: Db, actor: Actor, scope: Scope, options: ImportOptions) {
  if (options.employerId && !(await findEmployer(db.kysely, scope, options.employerId))) {
    throw invalid('employerId', `there is no employer "${options.employerId}" you can reach`);
  }
  if (options.groupId && !(await findGroup(db.kysely, scope, options.groupId))) {
    throw invalid('groupId', `there is no group "${options.groupId}" you can reach`);
  }
  return createJob(db, scope.schemeId, IMPORT_KIND, options, actor.username ?? 'system');
}

/**
 * Imports a worker list: every row checked, every error reported with its line, field and
 * reason; nothing registered when any row is wrong unless keepValid; people already registered
 * (by national ID, factory card, or an earlier import of the same row) are not registered again,
 * so running the same file twice, or again after an interruption, is safe.
 *
 * Reading and checking the file needs nothing of the database and runs at once. Planning (who is
 * already registered) and sending the rows to be written take turns with the scheme's other
 * imports; the next import plans while this one's rows are still being committed, and finds
 * them in the scheme's in-flight register meanwhile. So a list imported twice at the same
 * moment still registers nobody twice.
 */
export async function runImport(
  db: Db,
  actor: Actor,
  scope: Scope,
  job: Job,
  bytes: Uint8Array,
  options: ImportOptions,
  onProgress?: Progress,
): Promise<ImportResult> {
  try {
    const checked = await checkFile(db, scope, bytes, options);
    const key = `member-import:${scope.schemeId}`;
    // A server of several processes: the in-flight register is this process's own, so a scheme's
    // imports in different processes take turns from planning to the last commit.
    const result = await db.peers.exclusive(key, async () => {
      const { result, written } = await oneAtATime(db.kysely, key, () =>
        registerRows(db, actor, scope, job, checked, options, onProgress),
      );
      await written;
      return result;
    });
    await writeAtomically(db, [
      { table: 'import_row', rows: errorRows(job, result.errors) },
      {
        query: finishUpdate(db.kysely, job, result.invalid && !options.keepValid ? 'failed' : 'done', {
          ...result,
          errors: undefined,
        }).compile(),
      },
    ]);
    return result;
  } catch (err) {
    const message = err instanceof Problem ? (err.detail ?? err.title) : 'the import failed on our side';
    await writeAtomically(db, [{ query: finishUpdate(db.kysely, job, 'failed', { error: message }).compile() }]);
    throw err;
  }
}

interface CheckedFile {
  total: number;
  rows: ImportRow[];
  errors: RowError[];
  memberPrefix: string;
}

/** Reads the file and checks each row on its own: what needs no other row and no lookup. */
async function checkFile(db: Db, scope: Scope, bytes: Uint8Array, options: ImportOptions): Promise<CheckedFile> {
  const scheme = await db.kysely
    .selectFrom('scheme')
    .select(['member_prefix', 'currency_minor_units'])
    .where('id', '=', scope.schemeId)
    .executeTakeFirstOrThrow();
  const source = await readRows(bytes, options.format ?? detectFormat(bytes, options.fileName));
  if (source.length === 0) throw invalid('file', 'has no rows under its header');
  if (!source.some((s) => Object.keys(s.values).some((k) => ['name_latin', 'latin_name', 'name'].includes(k)))) {
    throw invalid('file', 'has no name_latin column: see the import docs for the columns');
  }
  const rows: ImportRow[] = [];
  const errors: RowError[] = [];
  for (const s of source) {
    const { row, errors: rowErrors } = checkRow(s, scheme.currency_minor_units);
    if (row) rows.push(row);
    for (const e of rowErrors) errors.push(e);
  }
  return { total: source.length, rows, errors, memberPrefix: scheme.member_prefix };
}

/**
 * Plans the rows and sends them to be written, chunk by chunk; answers once all are sent, with
 * `written`, which settles when they are committed (or one chunk is refused).
 */
async function registerRows(
  db: Db,
  actor: Actor,
  scope: Scope,
  job: Job,
  file: CheckedFile,
  options: ImportOptions,
  onProgress?: Progress,
): Promise<{ result: ImportResult; written: Promise<void> }> {
  const inFlight = inFlightOf(db.kysely, scope.schemeId);
  const before = [...inFlight];
  const plan = await planImport(
    db.kysely,
    scope,
    file.rows,
    { employerId: options.employerId ?? null, groupId: options.groupId ?? null },
    before,
  );
  const allErrors = [...file.errors, ...plan.errors].sort(byLineAndColumn);
  const invalidLines = new Set(allErrors.map((e) => e.line)).size;
  const base = {
    total: file.total,
    alreadyRegistered: plan.alreadyRegistered,
    invalid: invalidLines,
    errors: allErrors,
  };
  if ((invalidLines && !options.keepValid) || plan.rows.length === 0) {
    const written = writeAtomically(db, [{ query: progressUpdate(db.kysely, job, 0, plan.rows.length).compile() }]);
    return { result: { ...base, created: 0 }, written: afterEarlier(before, written) };
  }

  const rows = householdsFirst(plan.rows);
  const first = await reserveNumbers(db, scope.schemeId, 'member_number', rows.length);
  const households = new Map(plan.existingHouseholds);
  const mine = new InFlight();
  const chunks: Promise<void>[] = [];
  inFlight.add(mine);
  try {
    // Chunks of even size: a list of 11,000 as three of 3,667, not 5,000, 5,000 and 1,000, whose
    // short last commit left the writer waiting for the next list's first chunk.
    const size = Math.ceil(rows.length / Math.ceil(rows.length / WRITE_CHUNK));
    for (let i = 0; i < rows.length; i += size) {
      const chunk = rows.slice(i, i + size);
      const now = nowIso();
      const householdRows: Insertable<HouseholdTable>[] = [];
      const memberRows: MemberRow[] = [];
      const tokens: Insertable<MemberNameTokenTable>[] = [];
      const words = new Set<string>();
      for (let j = 0; j < chunk.length; j++) {
        const r = chunk[j]!;
        const id = newId();
        let householdId = r.householdRef ? households.get(r.householdRef) : undefined;
        if (!householdId) {
          householdId = newId();
          if (r.householdRef) households.set(r.householdRef, householdId);
          householdRows.push({
            id: householdId,
            scheme_id: scope.schemeId,
            head_member_id: id,
            address: null,
            area_id: r.areaId,
            created_at: now,
          });
        }
        const number = formatMemberNumber(file.memberPrefix, first + i + j);
        memberRows.push(memberRowOf(r, id, householdId, number, scope.schemeId, now));
        for (const token of r.nameKeys) {
          tokens.push({ scheme_id: scope.schemeId, token, member_id: id });
          words.add(token);
        }
        remember(mine, r, { id, household_id: householdId });
      }
      const done = i + chunk.length;
      const written = writeAtomically(db, [
        { table: 'household', rows: householdRows },
        { table: 'member', rows: memberRows },
        { table: 'member_name_token', rows: tokens },
        {
          table: 'name_token',
          rows: [...words].map((token) => ({ scheme_id: scope.schemeId, token })),
          ignoreConflicts: true,
        },
        {
          query: importAuditInsert(
            db,
            actor,
            scope.schemeId,
            job.id,
            now,
            memberRows.map((m) => [newId(), m.id]),
          ),
        },
        { query: progressUpdate(db.kysely, job, done, rows.length).compile() },
      ]).then(() => onProgress?.(done, rows.length));
      written.catch(() => undefined); // awaited through `written` below; not unhandled meanwhile
      chunks.push(written);
      // Two chunks at a time: one being committed while the next is built. More made no
      // import faster (docs/benchmarks.md) and would only hold more rows in memory. Not after
      // the last one: the next list is planned and its numbers reserved meanwhile, so that its
      // first chunk is ready before the writer has finished this list; waiting here left the
      // writer idle at the start of every list (docs/benchmarks.md).
      if (done < rows.length && chunks.length >= CHUNKS_IN_FLIGHT) await chunks[chunks.length - CHUNKS_IN_FLIGHT];
      // Let the server answer other requests (and progress polls) between chunks.
      await new Promise((resolve) => setImmediate(resolve));
    }
  } catch (err) {
    // Whatever was already sent is committed or refused before the job is marked failed.
    await Promise.allSettled(chunks);
    inFlight.delete(mine);
    throw err;
  }
  mine.written = afterEarlier(
    before,
    Promise.all(chunks).then(() => undefined),
  );
  void mine.written.then(
    () => inFlight.delete(mine),
    () => inFlight.delete(mine),
  );
  return { result: { ...base, created: rows.length }, written: mine.written };
}

/** Keeps the keys the next import will look for this row by until it is committed. */
function remember(mine: InFlight, r: PlannedRow, registered: Registered) {
  const { nationalId, factoryCardNumber } = r.fields;
  if (nationalId) mine.byNationalId.set(nationalId, registered);
  if (factoryCardNumber) mine.byCard.set(`${r.employerId}:${factoryCardNumber}`, registered);
  if (!nationalId && !factoryCardNumber) mine.bySource.set(r.sourceKey, registered);
}

/**
 * This import's writing, failed if an import planned before it failed: this one may have counted
 * people of that one as registered, or put dependants in its households.
 */
async function afterEarlier(earlier: InFlight[], written: Promise<unknown>): Promise<void> {
  await written;
  const outcomes = await Promise.allSettled(earlier.map((p) => p.written));
  if (outcomes.some((o) => o.status === 'rejected')) {
    throw new Problem(
      409,
      'An earlier import failed',
      'an import of this scheme sent before this one failed while this one was being written; run this file again: it is safe to re-run',
    );
  }
}

/** Heads before their dependants, so a dependant's household exists when it is written. */
const householdsFirst = (rows: PlannedRow[]) =>
  [...rows].sort((a, b) => Number(a.relation !== 'head') - Number(b.relation !== 'head') || a.line - b.line);

function memberRowOf(
  r: PlannedRow,
  id: string,
  householdId: string,
  number: string,
  schemeId: string,
  now: string,
): MemberRow {
  const f = r.fields;
  return {
    id,
    scheme_id: schemeId,
    member_number: number,
    household_id: householdId,
    relation: r.relation,
    name_local: f.nameLocal,
    name_latin: f.nameLatin,
    name_key: r.nameKey,
    sex: f.sex,
    birth_date: f.birthDate,
    national_id: f.nationalId,
    phone: f.phone,
    employer_id: r.employerId,
    factory_card_number: f.factoryCardNumber,
    wage: f.wage,
    group_id: r.groupId,
    area_id: r.areaId,
    assigned_facility_id: null,
    status: 'active',
    has_photo: 0,
    version: 1,
    created_at: now,
    updated_at: now,
  };
}

const errorRows = (job: Job, errors: RowError[]) =>
  errors.map((e) => ({ scheme_id: job.scheme_id, job_id: job.id, line: e.line, field: e.field, reason: e.reason }));

export async function importView(db: Db, schemeId: string, id: string, errorLimit = 1000) {
  const job = await getJob(db.kysely, schemeId, id, IMPORT_KIND);
  const errors = await db.kysely
    .selectFrom('import_row')
    .select(['line', 'field', 'reason'])
    .where('scheme_id', '=', schemeId)
    .where('job_id', '=', id)
    .orderBy('line')
    .limit(errorLimit)
    .execute();
  const params = JSON.parse(job.params_json) as ImportOptions;
  const result = job.result_json ? (JSON.parse(job.result_json) as Partial<ImportResult>) : {};
  return {
    id: job.id,
    state: job.state,
    fileName: params.fileName,
    keepValid: params.keepValid,
    done: job.done,
    total: job.total,
    created: result.created ?? 0,
    alreadyRegistered: result.alreadyRegistered ?? 0,
    invalid: result.invalid ?? 0,
    rows: result.total ?? 0,
    error: result.error ?? null,
    errors: errors.sort(byLineAndColumn),
    createdAt: job.created_at,
    updatedAt: job.updated_at,
  };
}
