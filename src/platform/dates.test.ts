import { describe, expect, it } from 'vitest';
import { addDays, dayNumber, dayOf, daysBetween } from './dates.js';

const viaDate = (day: string, n: number) =>
  new Date(Date.parse(`${day}T00:00:00Z`) + n * 86_400_000).toISOString().slice(0, 10);

describe('days', () => {
  it('numbers every day from 1900 to 2200 as the calendar does', () => {
    const first = Date.parse('1900-01-01T00:00:00Z') / 86_400_000;
    const wrong: string[] = [];
    for (let n = first; n < first + 300 * 366; n++) {
      const day = new Date(n * 86_400_000).toISOString().slice(0, 10);
      if (dayNumber(day) !== n || dayOf(n) !== day) wrong.push(day);
    }
    expect(wrong).toEqual([]);
  });

  it('adds and counts days across months, leap days and centuries', () => {
    for (const [day, n] of [
      ['2024-02-28', 1],
      ['2024-02-29', 1],
      ['2023-02-28', 1],
      ['2100-02-28', 1],
      ['2000-02-28', 1],
      ['2026-12-31', 1],
      ['2026-01-01', -1],
      ['2026-03-31', 270],
      ['1970-01-01', -1],
    ] as const) {
      expect(addDays(day, n)).toBe(viaDate(day, n));
      expect(daysBetween(day, addDays(day, n))).toBe(n);
    }
  });
});
