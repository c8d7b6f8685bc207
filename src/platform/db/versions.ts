import type { Selectable } from 'kysely';
import type { Executor } from './database.js';
import type { Database } from './schema.js';
import type { Scope } from '../http/context.js';
import { audit, type Actor } from '../audit/audit.js';
import { newId, nowIso } from '../ids.js';
import { conflict, invalid, notFound } from '../http/problem.js';
import { refuseTakenCode } from './records.js';

/**
 * Records that change over time by versions, each from an effective date (contribution rules,
 * products): a change applies from its day on, what was due or covered before stays as it
 * was, and a version is never edited: a correction is a version from another day.
 */
export interface Versioned {
  record: 'contribution_rule' | 'product';
  version: 'contribution_rule_version' | 'product_version';
  /** The version table's column naming its record. */
  parent: 'rule_id' | 'product_id';
  /** What a person calls the record, for messages. */
  what: string;
}

type VersionRow = Selectable<Database['contribution_rule_version']> & Record<string, unknown>;
type RecordRow = Selectable<Database['contribution_rule']>;

export interface VersionView<D> {
  id: string;
  effectiveFrom: string;
  definition: D;
  createdAt: string;
  createdBy: string | null;
}

const versionView = <D>(v: VersionRow): VersionView<D> => ({
  id: v.id,
  effectiveFrom: v.effective_from,
  definition: JSON.parse(v.definition_json) as D,
  createdAt: v.created_at,
  createdBy: v.created_by,
});

export const recordView = <D>(r: RecordRow, versions: VersionRow[]) => ({
  id: r.id,
  code: r.code,
  name: r.name,
  versions: versions.map((v) => versionView<D>(v)),
});

// The two pairs of tables have the same columns but for the parent's; Kysely cannot type a
// query over a table chosen at run time, so these helpers take it untyped and answer typed rows.
const untyped = (db: Executor) =>
  db as unknown as Executor & {
    selectFrom: (t: string) => any;
    insertInto: (t: string) => any;
    updateTable: (t: string) => any;
  };

/** The versions of some records, oldest first. */
export async function versionsOf(db: Executor, v: Versioned, schemeId: string, ids: string[]): Promise<VersionRow[]> {
  if (!ids.length) return [];
  return untyped(db)
    .selectFrom(v.version)
    .selectAll()
    .where('scheme_id', '=', schemeId)
    .where(v.parent, 'in', ids)
    .orderBy('effective_from')
    .execute();
}

/** A page of records, each with its versions. */
export async function withVersions<D>(db: Executor, v: Versioned, schemeId: string, records: RecordRow[]) {
  const versions = await versionsOf(
    db,
    v,
    schemeId,
    records.map((r) => r.id),
  );
  return records.map((r) =>
    recordView<D>(
      r,
      versions.filter((x) => x[v.parent] === r.id),
    ),
  );
}

export async function findRecord(db: Executor, v: Versioned, scope: Scope, id: string): Promise<RecordRow> {
  const row: RecordRow | undefined = await untyped(db)
    .selectFrom(v.record)
    .selectAll()
    .where('scheme_id', '=', scope.schemeId)
    .where('id', '=', id)
    .executeTakeFirst();
  if (!row) throw notFound(`${v.what[0]!.toUpperCase()}${v.what.slice(1)} ${id}`);
  return row;
}

/** The version in force on a day: the latest that took effect on or before it. */
export async function versionInForce<D>(db: Executor, v: Versioned, scope: Scope, id: string, date: string) {
  await findRecord(db, v, scope, id);
  const row: VersionRow | undefined = await untyped(db)
    .selectFrom(v.version)
    .selectAll()
    .where('scheme_id', '=', scope.schemeId)
    .where(v.parent, '=', id)
    .where('effective_from', '<=', date)
    .orderBy('effective_from', 'desc')
    .limit(1)
    .executeTakeFirst();
  if (!row) throw invalid('date', `is before the ${v.what}'s first version took effect`);
  return versionView<D>(row);
}

/** Adds a version inside the caller's transaction; two versions on one day are refused. */
export async function insertVersion<D>(
  tx: Executor,
  actor: Actor,
  v: Versioned,
  scope: Scope,
  id: string,
  input: { effectiveFrom: string; definition: D },
): Promise<VersionView<D>> {
  const taken = await untyped(tx)
    .selectFrom(v.version)
    .select('id')
    .where('scheme_id', '=', scope.schemeId)
    .where(v.parent, '=', id)
    .where('effective_from', '=', input.effectiveFrom)
    .executeTakeFirst();
  if (taken) {
    throw conflict(
      'effectiveFrom',
      `already has a version of this ${v.what}: a correction is a version from another day`,
    );
  }
  const row = {
    id: newId(),
    scheme_id: scope.schemeId,
    [v.parent]: id,
    effective_from: input.effectiveFrom,
    definition_json: JSON.stringify(input.definition),
    created_at: nowIso(),
    created_by: actor.username,
  } as unknown as VersionRow;
  await untyped(tx).insertInto(v.version).values(row).execute();
  await untyped(tx)
    .updateTable(v.record)
    .set({ updated_at: row.created_at })
    .where('scheme_id', '=', scope.schemeId)
    .where('id', '=', id)
    .execute();
  const view = versionView<D>(row);
  await audit(tx, actor, { action: 'create', entity: v.version, entityId: row.id, after: { [v.parent]: id, ...view } });
  return view;
}

/** A new record with its first version, inside the caller's transaction. */
export async function insertRecord<D>(
  tx: Executor,
  actor: Actor,
  v: Versioned,
  scope: Scope,
  input: { code: string; name: string; version: { effectiveFrom: string; definition: D } },
) {
  await refuseTakenCode(tx, v.record, scope.schemeId, input.code, v.what);
  const now = nowIso();
  const row = {
    id: newId(),
    scheme_id: scope.schemeId,
    code: input.code,
    name: input.name,
    created_at: now,
    updated_at: now,
  };
  await untyped(tx).insertInto(v.record).values(row).execute();
  await audit(tx, actor, {
    action: 'create',
    entity: v.record,
    entityId: row.id,
    after: { code: row.code, name: row.name },
  });
  const version = await insertVersion(tx, actor, v, scope, row.id, input.version);
  return { id: row.id, code: row.code, name: row.name, versions: [version] };
}
