import type { Executor } from '../../platform/db/database.js';
import type { Scope } from '../../platform/http/context.js';
import { pathInScope } from '../areas/limits.js';
import { nameKeys } from '../members/names.js';
import type { InFlight, Registered } from './in-flight.js';
import type { ImportRow, RowError } from './rows.js';

/** A checked row with everything it points at resolved to ids. */
export interface PlannedRow extends ImportRow {
  employerId: string | null;
  groupId: string | null;
  areaId: string | null;
  sourceKey: string;
  /** The name's word keys and whole key, worked out once for the lookups and the writes. */
  nameKeys: string[];
  nameKey: string;
}

export interface Plan {
  rows: PlannedRow[];
  errors: RowError[];
  /** Rows whose person is already registered: importing the same file twice creates nobody twice. */
  alreadyRegistered: number;
  /** Households of rows already registered, for dependants new in this file. */
  existingHouseholds: Map<string, string>;
}

const CHUNK = 500;

async function inChunks<T, R>(items: T[], fn: (chunk: T[]) => Promise<R[]>): Promise<R[]> {
  const out: R[] = [];
  for (let i = 0; i < items.length; i += CHUNK) out.push(...(await fn(items.slice(i, i + CHUNK))));
  return out;
}

async function codeMap(
  db: Executor,
  table: 'employer' | 'member_group' | 'area',
  schemeId: string,
  codes: Set<string>,
) {
  const rows = await inChunks([...codes], (chunk) =>
    db
      .selectFrom(table)
      .select(['id', 'code', 'area_id' as never])
      .where('scheme_id', '=', schemeId)
      .where('code', 'in', chunk)
      .execute(),
  );
  return new Map(rows.map((r) => [r.code, r as unknown as { id: string; area_id: string | null }]));
}

/** The person a row stands for, the same on every import of the same list. */
export const sourceKeyOf = (key: string, birthDate: string, employerId: string | null, groupId: string | null) =>
  [employerId ?? '', groupId ?? '', key, birthDate].join('|');

/**
 * Members registered before with the same birth date and name key, in the same employer and
 * group, as any of the rows: one indexed probe a row (an OR of whole keys), which both engines
 * plan as index lookups, never as a scan of the members: the employer's, the group's or the
 * unattached members' index by birth date (0022).
 */
export function importedBefore(
  db: Executor,
  schemeId: string,
  rows: Pick<PlannedRow, 'employerId' | 'groupId' | 'fields' | 'nameKey'>[],
) {
  return (
    db
      .selectFrom('member')
      .select(['id', 'household_id', 'employer_id', 'group_id', 'name_key', 'birth_date'])
      // scheme_id inside every term: with it outside, SQLite scans the scheme's members.
      .where((eb) =>
        eb.or(
          rows.map((r) =>
            eb.and([
              eb('scheme_id', '=', schemeId),
              r.employerId ? eb('employer_id', '=', r.employerId) : eb('employer_id', 'is', null),
              r.groupId ? eb('group_id', '=', r.groupId) : eb('group_id', 'is', null),
              eb('birth_date', '=', r.fields.birthDate),
              eb('name_key', '=', r.nameKey),
            ]),
          ),
        ),
      )
  );
}

/**
 * Resolves codes, households and identities of checked rows against the database and within the
 * file, adding an error for every row that cannot be registered as it stands.
 */
export async function planImport(
  db: Executor,
  scope: Scope,
  rows: ImportRow[],
  defaults: { employerId: string | null; groupId: string | null },
  /** Earlier imports whose people may not be committed yet. */
  inFlight: Iterable<InFlight> = [],
): Promise<Plan> {
  const errors: RowError[] = [];
  const fail = (line: number, field: string, reason: string) => errors.push({ line, field, reason });
  const sid = scope.schemeId;

  const employers = await codeMap(
    db,
    'employer',
    sid,
    new Set(rows.flatMap((r) => (r.employerCode ? [r.employerCode] : []))),
  );
  const groups = await codeMap(
    db,
    'member_group',
    sid,
    new Set(rows.flatMap((r) => (r.groupCode ? [r.groupCode] : []))),
  );
  const areas = await codeMap(db, 'area', sid, new Set(rows.flatMap((r) => (r.areaCode ? [r.areaCode] : []))));
  const defaultEmployer = defaults.employerId
    ? await db
        .selectFrom('employer')
        .select(['id', 'area_id'])
        .where('scheme_id', '=', sid)
        .where('id', '=', defaults.employerId)
        .executeTakeFirst()
    : undefined;
  const defaultGroup = defaults.groupId
    ? await db
        .selectFrom('member_group')
        .select(['id', 'area_id'])
        .where('scheme_id', '=', sid)
        .where('id', '=', defaults.groupId)
        .executeTakeFirst()
    : undefined;

  const planned: PlannedRow[] = [];
  for (const r of rows) {
    const before = errors.length;
    const employer = r.employerCode ? employers.get(r.employerCode) : defaultEmployer;
    if (r.employerCode && !employer) fail(r.line, 'employer_code', `there is no employer "${r.employerCode}"`);
    const group = r.groupCode ? groups.get(r.groupCode) : defaultGroup;
    if (r.groupCode && !group) fail(r.line, 'group_code', `there is no group "${r.groupCode}"`);
    const area = r.areaCode ? areas.get(r.areaCode) : undefined;
    if (r.areaCode && !area) fail(r.line, 'area_code', `there is no area "${r.areaCode}"`);
    if (r.fields.factoryCardNumber && !employer) {
      fail(
        r.line,
        'factory_card_number',
        'needs the employer that issued the card (employer_code, or import for an employer)',
      );
    }
    if (errors.length > before) continue;
    const employerId = employer?.id ?? null;
    const groupId = group?.id ?? null;
    const keys = nameKeys(r.fields.nameLatin);
    const key = [...keys].sort().join(' ');
    // Every field named rather than spread: the same shape for every row, and no copy of a copy.
    planned.push({
      line: r.line,
      fields: r.fields,
      relation: r.relation,
      householdRef: r.householdRef,
      employerCode: r.employerCode,
      groupCode: r.groupCode,
      areaCode: r.areaCode,
      employerId,
      groupId,
      areaId: area?.id ?? employer?.area_id ?? group?.area_id ?? null,
      sourceKey: sourceKeyOf(key, r.fields.birthDate, employerId, groupId),
      nameKeys: keys,
      nameKey: key,
    });
  }

  // Area limits: a district's officer imports into their district only.
  if (scope.areaPaths.length) {
    const ids = [...new Set(planned.flatMap((r) => (r.areaId ? [r.areaId] : [])))];
    const paths = new Map(
      (
        await inChunks(ids, (chunk) =>
          db.selectFrom('area').select(['id', 'path']).where('scheme_id', '=', sid).where('id', 'in', chunk).execute(),
        )
      ).map((a) => [a.id, a.path]),
    );
    for (const r of planned) {
      if (!pathInScope(scope, r.areaId ? paths.get(r.areaId) : null)) {
        fail(
          r.line,
          'area_code',
          r.areaId ? 'lies outside the areas you are limited to' : 'is required: you are limited to some areas',
        );
      }
    }
  }

  // The same person twice in one file.
  const seen = new Map<string, number>();
  for (const r of planned) {
    const keys = [
      r.fields.nationalId && `nid:${r.fields.nationalId}`,
      r.fields.factoryCardNumber && `fid:${r.employerId}:${r.fields.factoryCardNumber}`,
    ].filter(Boolean) as string[];
    for (const key of keys) {
      const first = seen.get(key);
      const field = key.startsWith('nid') ? 'national_id' : 'factory_card_number';
      if (first !== undefined) fail(r.line, field, `is the same as on line ${first}`);
      else seen.set(key, r.line);
    }
  }

  // Who is already registered, by national ID, factory card or an earlier import of the same row.
  const existing = new Map<number, Registered>();
  const nids = planned.flatMap((r) => (r.fields.nationalId ? [r.fields.nationalId] : []));
  const byNid = new Map(
    (
      await inChunks(nids, (c) =>
        db
          .selectFrom('member')
          .select(['id', 'household_id', 'national_id'])
          .where('scheme_id', '=', sid)
          .where('national_id', 'in', c)
          .execute(),
      )
    ).map((m) => [m.national_id!, m]),
  );
  const cards = planned.flatMap((r) => (r.fields.factoryCardNumber ? [r.fields.factoryCardNumber] : []));
  const byCard = new Map(
    (
      await inChunks(cards, (c) =>
        db
          .selectFrom('member')
          .select(['id', 'household_id', 'employer_id', 'factory_card_number'])
          .where('scheme_id', '=', sid)
          .where('factory_card_number', 'in', c)
          .execute(),
      )
    ).map((m) => [`${m.employer_id}:${m.factory_card_number}`, m]),
  );
  // The same person imported before, for rows with neither a national ID nor a factory card.
  const anonymous = planned.filter((r) => !r.fields.nationalId && !r.fields.factoryCardNumber);
  const bySource = new Map(
    (await inChunks(anonymous, (c) => importedBefore(db, sid, c).execute())).map((m) => [
      sourceKeyOf(m.name_key, m.birth_date, m.employer_id, m.group_id),
      m,
    ]),
  );
  const pending = [...inFlight];
  const inPending = (pick: (p: InFlight) => Map<string, Registered>, key: string) => {
    for (const p of pending) {
      const found = pick(p).get(key);
      if (found) return found;
    }
    return undefined;
  };
  for (const r of planned) {
    const nid = r.fields.nationalId;
    const card = r.fields.factoryCardNumber && `${r.employerId}:${r.fields.factoryCardNumber}`;
    const found =
      (nid && (byNid.get(nid) ?? inPending((p) => p.byNationalId, nid))) ||
      (card && (byCard.get(card) ?? inPending((p) => p.byCard, card))) ||
      (!nid && !card ? (bySource.get(r.sourceKey) ?? inPending((p) => p.bySource, r.sourceKey)) : undefined);
    if (found) existing.set(r.line, found);
  }

  // Households: the rows sharing a household_ref, with exactly one head among them.
  const heads = new Map<string, PlannedRow>();
  for (const r of planned) {
    if (r.relation !== 'head' || !r.householdRef) continue;
    const other = heads.get(r.householdRef);
    if (other) fail(r.line, 'relation', `household ${r.householdRef} already has its head on line ${other.line}`);
    else heads.set(r.householdRef, r);
  }
  const existingHouseholds = new Map<string, string>();
  for (const r of planned) {
    if (r.relation === 'head') continue;
    const head = heads.get(r.householdRef!);
    if (!head) fail(r.line, 'household_ref', `no row of this file is the head of household ${r.householdRef}`);
    else if (existing.has(head.line)) existingHouseholds.set(r.householdRef!, existing.get(head.line)!.household_id);
  }

  const bad = new Set(errors.map((e) => e.line));
  // A dependant cannot join a household whose head's row is refused.
  for (const r of planned) {
    const head = r.relation === 'head' ? undefined : heads.get(r.householdRef!);
    if (head && bad.has(head.line) && !bad.has(r.line)) {
      fail(r.line, 'household_ref', `the head of household ${r.householdRef} on line ${head.line} has errors`);
      bad.add(r.line);
    }
  }
  const toCreate = planned.filter((r) => !bad.has(r.line) && !existing.has(r.line));
  const alreadyRegistered = planned.filter((r) => !bad.has(r.line) && existing.has(r.line)).length;
  errors.sort((a, b) => a.line - b.line);
  return { rows: toCreate, errors, alreadyRegistered, existingHouseholds };
}
