import type { z } from '@hono/zod-openapi';
import type { Db } from '../../platform/db/database.js';
import type { Scope } from '../../platform/http/context.js';
import { nowIso } from '../../platform/ids.js';
import { invalid } from '../../platform/http/problem.js';
import { withinScope } from '../../registry/areas/limits.js';
import { ticketCategories } from './categories.js';
import { hoursBetween, isOverdue } from './deadlines.js';
import type { FiguresQuery, TicketFigures } from './schemas.js';

export interface FigureRow {
  category: string;
  facility_id: string | null;
  employer_id: string | null;
  opened_at: string;
  due_at: string;
  resolved_at: string | null;
  within_deadline: number | null;
}

const round = (n: number, places: number) => Math.round(n * 10 ** places) / 10 ** places;
const perThousand = (count: number, members: number) => (members > 0 ? round((count * 1000) / members, 2) : null);

export function median(values: number[]) {
  if (!values.length) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid]! : round((sorted[mid - 1]! + sorted[mid]!) / 2, 1);
}

/** Counts, time to resolve and share within the deadline of a set of tickets. Pure. */
export function summarise(rows: FigureRow[], members: number, now: string) {
  const resolved = rows.filter((r) => r.resolved_at !== null);
  const hours = resolved.map((r) => hoursBetween(r.opened_at, r.resolved_at!));
  const within = resolved.filter((r) => r.within_deadline === 1).length;
  return {
    tickets: rows.length,
    perThousandMembers: perThousand(rows.length, members),
    resolved: resolved.length,
    unresolved: rows.length - resolved.length,
    overdue: rows.filter((r) => r.resolved_at === null && isOverdue(r.due_at, now)).length,
    meanHoursToResolve: hours.length ? round(hours.reduce((a, b) => a + b, 0) / hours.length, 1) : null,
    medianHoursToResolve: median(hours),
    withinDeadlineShare: resolved.length ? round(within / resolved.length, 4) : null,
  };
}

function breakdown(
  rows: FigureRow[],
  keyOf: (r: FigureRow) => string | null,
  nameOf: (key: string | null) => string,
  membersOf: (key: string | null) => number,
  now: string,
) {
  const groups = new Map<string | null, FigureRow[]>();
  for (const r of rows) {
    const k = keyOf(r);
    groups.set(k, [...(groups.get(k) ?? []), r]);
  }
  return [...groups]
    .map(([key, group]) => {
      const s = summarise(group, membersOf(key), now);
      return {
        key,
        name: nameOf(key),
        tickets: s.tickets,
        perThousandMembers: s.perThousandMembers,
        resolved: s.resolved,
        meanHoursToResolve: s.meanHoursToResolve,
        withinDeadlineShare: s.withinDeadlineShare,
      };
    })
    .sort((a, b) => b.tickets - a.tickets);
}

/**
 * The care figures of a period (tickets opened in it): tickets per 1,000 active members, time to
 * resolve, the share resolved within the deadline; by category, facility and employer (an
 * employer's per 1,000 counts its own members). No personal data.
 */
export async function ticketFigures(
  db: Db,
  scope: Scope,
  q: z.infer<typeof FiguresQuery>,
): Promise<z.infer<typeof TicketFigures>> {
  if (q.to < q.from) throw invalid('to', 'must not be before from');
  const k = db.kysely;
  const sid = scope.schemeId;
  let query = k
    .selectFrom('ticket')
    .select(['category', 'facility_id', 'employer_id', 'opened_at', 'due_at', 'resolved_at', 'within_deadline'])
    .where('scheme_id', '=', sid)
    .where('opened_at', '>=', q.from)
    .where('opened_at', '<', `${q.to}T99`);
  if (scope.areaPaths.length) query = query.where(withinScope(scope, 'ticket'));
  const rows = await query.execute();
  let members = k
    .selectFrom('member')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('scheme_id', '=', sid)
    .where('status', '=', 'active');
  if (scope.areaPaths.length) members = members.where(withinScope(scope, 'member'));
  const memberCount = Number((await members.executeTakeFirstOrThrow()).n);
  const employerIds = [...new Set(rows.map((r) => r.employer_id).filter((e): e is string => e !== null))];
  const facilityIds = [...new Set(rows.map((r) => r.facility_id).filter((e): e is string => e !== null))];
  const [categories, facilities, employers, perEmployer] = await Promise.all([
    ticketCategories(k, sid),
    facilityIds.length
      ? k
          .selectFrom('facility')
          .select(['id', 'name'])
          .where('scheme_id', '=', sid)
          .where('id', 'in', facilityIds)
          .execute()
      : [],
    employerIds.length
      ? k
          .selectFrom('employer')
          .select(['id', 'name'])
          .where('scheme_id', '=', sid)
          .where('id', 'in', employerIds)
          .execute()
      : [],
    employerIds.length
      ? k
          .selectFrom('member')
          .select(['employer_id', (eb) => eb.fn.countAll<number>().as('n')])
          .where('scheme_id', '=', sid)
          .where('status', '=', 'active')
          .where('employer_id', 'in', employerIds)
          .groupBy('employer_id')
          .execute()
      : [],
  ]);
  const now = nowIso();
  const none = 'none';
  const all = summarise(rows, memberCount, now);
  return {
    from: q.from,
    to: q.to,
    members: memberCount,
    ...all,
    byCategory: breakdown(
      rows,
      (r) => r.category,
      (key) => categories.find((c) => c.code === key)?.name ?? key ?? none,
      () => memberCount,
      now,
    ),
    byFacility: breakdown(
      rows,
      (r) => r.facility_id,
      (key) => (key ? (facilities.find((f) => f.id === key)?.name ?? key) : 'No facility'),
      () => memberCount,
      now,
    ),
    byEmployer: breakdown(
      rows,
      (r) => r.employer_id,
      (key) => (key ? (employers.find((e) => e.id === key)?.name ?? key) : 'No employer'),
      (key) => (key ? Number(perEmployer.find((p) => p.employer_id === key)?.n ?? 0) : memberCount),
      now,
    ),
  };
}
