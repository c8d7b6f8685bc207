import type { Bundle, BundleEntry, Resource } from '@medplum/fhirtypes';
import { invalid } from '../../platform/http/problem.js';

/** A search parameter a resource type answers to, as the CapabilityStatement lists it. */
export interface SearchParam {
  name: string;
  type: 'token' | 'string' | 'date' | 'reference';
  documentation: string;
}

export interface Search {
  /** Each parameter's values; a parameter given twice (a date range) has two. */
  values: Map<string, string[]>;
  count: number;
  cursor: string | undefined;
}

export const DEFAULT_COUNT = 20;
export const MAX_COUNT = 200;
const CONTROL = new Set(['_count', '_cursor', '_format']);

/**
 * The query string of a search, checked against what the type supports. A parameter we do not
 * support is refused by name rather than ignored: a client that filters by it would otherwise
 * get everyone back and believe the list filtered.
 */
export function parseSearch(type: string, query: Record<string, string[]>, params: SearchParam[]): Search {
  const known = new Map([['_id', 'token'], ...params.map((p) => [p.name, p.type] as const)]);
  const values = new Map<string, string[]>();
  for (const [name, given] of Object.entries(query)) {
    if (CONTROL.has(name)) continue;
    if (name.includes(':')) throw invalid(name, 'search modifiers are not supported');
    if (!known.has(name)) {
      throw invalid(
        name,
        `is not a search parameter of ${type}; these are: ${['_id', ...params.map((p) => p.name)].join(', ')}`,
      );
    }
    const kept = given.map((v) => v.trim()).filter((v) => v !== '');
    if (!kept.length) throw invalid(name, 'is empty');
    if (kept.some((v) => v.length > 200)) throw invalid(name, 'is longer than 200 characters');
    values.set(name, kept);
  }
  const format = query._format?.[0];
  if (format !== undefined && !['json', 'application/json', 'application/fhir+json'].includes(format)) {
    throw invalid('_format', 'only JSON is served');
  }
  const countText = query._count?.[0];
  const count = countText === undefined ? DEFAULT_COUNT : Number(countText);
  if (!Number.isInteger(count) || count < 1 || count > MAX_COUNT) {
    throw invalid('_count', `must be a whole number from 1 to ${MAX_COUNT}`);
  }
  const cursor = query._cursor?.[0];
  if (cursor !== undefined && !/^[A-Za-z0-9_-]{1,500}$/.test(cursor))
    throw invalid('_cursor', 'is not a page of this search');
  return { values, count, cursor };
}

/** The ids `_id` asks for: several may be given, separated by commas or as repeated parameters. */
export const idsOf = (s: Search) => s.values.get('_id')?.flatMap((v) => v.split(','));

/** One value of a parameter that takes one. */
export function single(s: Search, name: string): string | undefined {
  const v = s.values.get(name);
  if (v && v.length > 1) throw invalid(name, 'may be given once');
  return v?.[0];
}

/** A token, `system|value`, `|value` (no system) or `value` (any system). */
export function token(text: string): { system: string | undefined; value: string } {
  const bar = text.indexOf('|');
  if (bar < 0) return { system: undefined, value: text };
  return { system: text.slice(0, bar), value: text.slice(bar + 1) };
}

/** The id a reference parameter names: `Patient/123` or `123`; another type is refused. */
export function referenceId(name: string, text: string, type: string): string {
  const m = /^(?:(?:.*\/)?([A-Za-z]+)\/)?([A-Za-z0-9\-.]{1,64})$/.exec(text);
  if (!m) throw invalid(name, `must be a ${type} reference such as ${type}/<id>`);
  if (m[1] && m[1] !== type) throw invalid(name, `must name a ${type}, not a ${m[1]}`);
  return m[2]!;
}

export interface Bound {
  op: '>=' | '<';
  value: string;
}

const PREFIXES = ['eq', 'ge', 'gt', 'le', 'lt'] as const;

/**
 * A date parameter as bounds on an ISO date or timestamp column: `2026-03` is the whole of
 * March, `ge2026-03-01` from the 1st on, `lt2026-04` before April. ISO text sorts as time, so the
 * bounds compare as strings on either engine.
 */
export function dateBounds(name: string, texts: string[]): Bound[] {
  return texts.flatMap((text) => {
    const prefix = PREFIXES.find((p) => text.startsWith(p));
    const day = prefix ? text.slice(2) : text;
    const m = /^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$/.exec(day);
    const month = m?.[2] ? Number(m[2]) : 1;
    const date = m?.[3] ? Number(m[3]) : 1;
    const valid =
      m && month >= 1 && month <= 12 && date >= 1 && date <= new Date(Date.UTC(Number(m[1]), month, 0)).getUTCDate();
    if (!valid) {
      throw invalid(name, 'must be a date (YYYY, YYYY-MM or YYYY-MM-DD), optionally after eq, ge, gt, le or lt');
    }
    const start = day;
    const next = nextOf(day);
    switch (prefix ?? 'eq') {
      case 'eq':
        return [
          { op: '>=', value: start },
          { op: '<', value: next },
        ];
      case 'ge':
        return [{ op: '>=', value: start }];
      case 'gt':
        return [{ op: '>=', value: next }];
      case 'le':
        return [{ op: '<', value: next }];
      default:
        return [{ op: '<', value: start }];
    }
  });
}

/** The first instant after a year, month or day, as ISO text of the same precision. */
function nextOf(day: string): string {
  const [y, m, d] = day.split('-').map(Number) as [number, number?, number?];
  if (m === undefined) return String(y + 1);
  if (d === undefined) return m === 12 ? `${y + 1}-01` : `${y}-${String(m + 1).padStart(2, '0')}`;
  return new Date(Date.UTC(y, m - 1, d + 1)).toISOString().slice(0, 10);
}

/** A page of matches as a searchset Bundle, with the link to the next page when there is one. */
export function searchset(url: URL, base: string, resources: Resource[], nextCursor: string | null): Bundle {
  const next = new URL(url);
  next.searchParams.delete('_cursor');
  if (nextCursor) next.searchParams.set('_cursor', nextCursor);
  return {
    resourceType: 'Bundle',
    type: 'searchset',
    link: [
      { relation: 'self', url: url.toString() },
      ...(nextCursor ? [{ relation: 'next', url: next.toString() }] : []),
    ],
    entry: resources.map((resource): BundleEntry => ({
      fullUrl: `${base}/${resource.resourceType}/${resource.id}`,
      resource,
      search: { mode: 'match' },
    })),
  };
}
