import { z } from '@hono/zod-openapi';
import { invalid } from './problem.js';

/** A JSON request body or response for createRoute. */
export const json = <T extends z.ZodType>(schema: T, description: string) => ({
  content: { 'application/json': { schema } },
  description,
});

export const noContent = { 204: { description: 'Done' } } as const;

/** Every list answers a page and, when there is more, the cursor that fetches the next one. */
export const pageOf = <T extends z.ZodType>(item: T, name: string) =>
  z.object({ items: z.array(item), nextCursor: z.string().nullable() }).openapi(name);

export const PageQuery = z.object({
  limit: z.coerce.number().int().min(1).max(500).default(50).openapi({ description: 'Items per page (1-500)' }),
  cursor: z.string().max(500).optional().openapi({ description: 'The nextCursor of the previous page' }),
});

/** Cursors are opaque to callers: the sort key of the last item, base64url JSON. */
export const encodeCursor = (key: unknown[]): string => Buffer.from(JSON.stringify(key)).toString('base64url');

export function decodeCursor(cursor: string | undefined, length: number): unknown[] | undefined {
  if (cursor === undefined) return undefined;
  try {
    const key = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    if (
      Array.isArray(key) &&
      key.length === length &&
      key.every((k) => typeof k === 'string' || typeof k === 'number')
    ) {
      return key;
    }
  } catch {
    // fall through to the error below
  }
  throw invalid('cursor', 'is not a cursor this list gave out');
}

/** Fetches one row more than asked, to know whether a next page exists. */
export function page<T>(rows: T[], limit: number, keyOf: (row: T) => unknown[]) {
  const items = rows.slice(0, limit);
  const last = items[items.length - 1];
  return { items, nextCursor: rows.length > limit && last !== undefined ? encodeCursor(keyOf(last)) : null };
}

export const IdParam = z.object({ id: z.string().min(1).max(100) });

/** An ISO date, optionally within bounds (`today` for the current day); one reason at a time. */
export const isoDate = (bounds: { min?: string; max?: string | 'today' } = {}) =>
  z.string().superRefine((s, ctx) => {
    const max = bounds.max === 'today' ? new Date().toISOString().slice(0, 10) : bounds.max;
    const reason = !/^\d{4}-\d{2}-\d{2}$/.test(s)
      ? 'must be a date as YYYY-MM-DD'
      : !isRealDate(s)
        ? 'is not a real date'
        : (bounds.min && s < bounds.min) || (max && s > max)
          ? `must lie between ${bounds.min ?? 'any date'} and ${bounds.max ?? 'any date'}`
          : null;
    if (reason) ctx.addIssue({ code: 'custom', message: reason });
  });

export function isRealDate(s: string): boolean {
  const d = new Date(`${s}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === s;
}
