import type { Breakdown } from '../../platform/db/schema.js';

/** Where a figure falls: each breakdown it is counted under, besides the scheme's total. */
export interface Keys {
  employer?: string | null;
  group?: string | null;
  facility?: string | null;
  area?: string | null;
}

export interface FigureRow {
  month: string;
  code: string;
  breakdown: Breakdown;
  key: string;
  value: number;
}

/**
 * Adds figures up for a month: each value goes to the scheme's total and to every breakdown its
 * record names. Pure; what comes out can be summed again across months, areas and schemes.
 */
export class Tally {
  private readonly sums = new Map<string, FigureRow>();
  constructor(private readonly month: string) {}

  add(code: string, keys: Keys, value: number) {
    if (!value) return;
    this.put(code, 'scheme', '', value);
    for (const b of ['employer', 'group', 'facility', 'area'] as const) {
      const key = keys[b];
      if (key) this.put(code, b, key, value);
    }
  }

  /** A figure of one breakdown only (an area's population, a facility's payments). */
  put(code: string, breakdown: Breakdown, key: string, value: number) {
    if (!value) return;
    const id = `${code}\u0000${breakdown}\u0000${key}`;
    const row = this.sums.get(id);
    if (row) row.value += value;
    else this.sums.set(id, { month: this.month, code, breakdown, key, value });
  }

  rows(): FigureRow[] {
    return [...this.sums.values()].map((r) => ({ ...r, value: Math.round(r.value) }));
  }
}

export const monthStart = (month: string) => `${month}-01`;

export function monthEnd(month: string) {
  const [y, m] = month.split('-').map(Number) as [number, number];
  return new Date(Date.UTC(y, m, 0)).toISOString().slice(0, 10);
}

export function previousMonth(month: string) {
  const [y, m] = month.split('-').map(Number) as [number, number];
  return new Date(Date.UTC(y, m - 2, 1)).toISOString().slice(0, 7);
}

/** The months from one to another, both included. */
export function monthsBetween(from: string, to: string) {
  const out: string[] = [];
  for (let m = from; m <= to; m = nextMonth(m)) out.push(m);
  return out;
}

export function nextMonth(month: string) {
  const [y, m] = month.split('-').map(Number) as [number, number];
  return new Date(Date.UTC(y, m, 1)).toISOString().slice(0, 7);
}
