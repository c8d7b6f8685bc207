import type { Insertable } from 'kysely';
import type { Db } from '../../platform/db/database.js';
import { bulkInsert } from '../../platform/db/bulk.js';
import type { HouseholdTable } from '../../platform/db/schema.js';
import type { Scope } from '../../platform/http/context.js';
import type { Actor } from '../../platform/audit/audit.js';
import { createJob, finishJob, getJob, setProgress, type Job } from '../../platform/jobs/jobs.js';
import { newId, nowIso } from '../../platform/ids.js';
import { invalid, Problem } from '../../platform/http/problem.js';
import { findEmployer } from '../employers/service.js';
import { findGroup } from '../groups/service.js';
import { formatMemberNumber } from '../members/member-number.js';
import { reserveSequence, type MemberRow } from '../members/repo.js';
import { memberView } from '../members/service.js';
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

/** Rows written per transaction: small enough to keep the server answering between them. */
const WRITE_CHUNK = 5000;

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
    const result = await importRows(db, actor, scope, job, bytes, options, onProgress);
    await db.kysely.transaction().execute(async (tx) => {
      await insertErrors(db, tx, job, result.errors);
      await finishJob(tx, job, result.invalid && !options.keepValid ? 'failed' : 'done', {
        ...result,
        errors: undefined,
      });
    });
    return result;
  } catch (err) {
    const message = err instanceof Problem ? (err.detail ?? err.title) : 'the import failed on our side';
    await finishJob(db.kysely, job, 'failed', { error: message });
    throw err;
  }
}

async function importRows(
  db: Db,
  actor: Actor,
  scope: Scope,
  job: Job,
  bytes: Uint8Array,
  options: ImportOptions,
  onProgress?: Progress,
): Promise<ImportResult> {
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
  const checked: ImportRow[] = [];
  const errors: RowError[] = [];
  for (const s of source) {
    const { row, errors: rowErrors } = checkRow(s, scheme.currency_minor_units);
    if (row) checked.push(row);
    errors.push(...rowErrors);
  }
  const plan = await planImport(db.kysely, scope, checked, {
    employerId: options.employerId ?? null,
    groupId: options.groupId ?? null,
  });
  const allErrors = [...errors, ...plan.errors].sort(byLineAndColumn);
  const invalidLines = new Set(allErrors.map((e) => e.line)).size;
  const base = {
    total: source.length,
    alreadyRegistered: plan.alreadyRegistered,
    invalid: invalidLines,
    errors: allErrors,
  };
  await setProgress(db.kysely, job, 0, plan.rows.length);
  if (invalidLines && !options.keepValid) return { ...base, created: 0 };

  const rows = householdsFirst(plan.rows);
  const first = rows.length ? await reserveSequence(db.kysely, scope.schemeId, 'member_number', rows.length) : 0;
  const households = new Map(plan.existingHouseholds);
  for (let i = 0; i < rows.length; i += WRITE_CHUNK) {
    const chunk = rows.slice(i, i + WRITE_CHUNK);
    await db.kysely.transaction().execute(async (tx) => {
      const now = nowIso();
      const householdRows: Insertable<HouseholdTable>[] = [];
      const memberRows: MemberRow[] = [];
      chunk.forEach((r, j) => {
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
        memberRows.push(
          memberRowOf(r, id, householdId, formatMemberNumber(scheme.member_prefix, first + i + j), scope.schemeId, now),
        );
      });
      await bulkInsert(db, tx, 'household', householdRows);
      await bulkInsert(db, tx, 'member', memberRows);
      const tokens = chunk.flatMap((r, j) =>
        r.nameKeys.map((token) => ({ scheme_id: scope.schemeId, token, member_id: memberRows[j]!.id })),
      );
      await bulkInsert(db, tx, 'member_name_token', tokens);
      const vocabulary = [...new Set(tokens.map((t) => t.token))].map((token) => ({
        scheme_id: scope.schemeId,
        token,
      }));
      await bulkInsert(db, tx, 'name_token', vocabulary, { ignoreConflicts: true });
      const audits = memberRows.map((m) => ({
        id: newId(),
        scheme_id: scope.schemeId,
        user_id: actor.userId,
        username: actor.username,
        at: now,
        action: 'import',
        entity: 'member',
        entity_id: m.id,
        before_json: null,
        after_json: JSON.stringify({ ...memberView(m), importJobId: job.id }),
        request_id: actor.requestId ?? null,
      }));
      await bulkInsert(db, tx, 'audit_entry', audits);
      await setProgress(tx, job, i + chunk.length, rows.length);
    });
    onProgress?.(i + chunk.length, rows.length);
    // Let the server answer other requests (and progress polls) between chunks.
    await new Promise((resolve) => setImmediate(resolve));
  }
  return { ...base, created: rows.length };
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
    status: 'active',
    has_photo: 0,
    version: 1,
    created_at: now,
    updated_at: now,
  };
}

async function insertErrors(db: Db, tx: Parameters<typeof setProgress>[0], job: Job, errors: RowError[]) {
  const rows = errors.map((e) => ({
    scheme_id: job.scheme_id,
    job_id: job.id,
    line: e.line,
    field: e.field,
    reason: e.reason,
  }));
  await bulkInsert(db, tx, 'import_row', rows);
}

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
