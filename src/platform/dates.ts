/**
 * Days as the scheme keeps them: ISO dates (YYYY-MM-DD), counted in UTC so that a day is the
 * same day on every server whatever its time zone.
 *
 * Day arithmetic is done on day numbers (days since 1970-01-01) with the civil-calendar
 * formulas of Howard Hinnant's "chrono-compatible low-level date algorithms", not through Date
 * objects: the desk check adds days several times per answer, and parsing and printing a Date
 * each time cost more than the rest of the arithmetic.
 */

export const today = (): string => new Date().toISOString().slice(0, 10);

const digit = (s: string, i: number) => s.charCodeAt(i) - 48;

/** Days since 1970-01-01 of an ISO day. */
export function dayNumber(day: string): number {
  let y = digit(day, 0) * 1000 + digit(day, 1) * 100 + digit(day, 2) * 10 + digit(day, 3);
  const m = digit(day, 5) * 10 + digit(day, 6);
  const d = digit(day, 8) * 10 + digit(day, 9);
  if (m <= 2) y -= 1;
  const era = Math.floor(y / 400);
  const yoe = y - era * 400;
  const doy = Math.floor((153 * (m > 2 ? m - 3 : m + 9) + 2) / 5) + d - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  return era * 146097 + doe - 719468;
}

const pad2 = (n: number) => (n < 10 ? `0${n}` : `${n}`);

/** The ISO day of a day number. */
export function dayOf(n: number): string {
  const z = n + 719468;
  const era = Math.floor(z / 146097);
  const doe = z - era * 146097;
  const yoe = Math.floor((doe - Math.floor(doe / 1460) + Math.floor(doe / 36524) - Math.floor(doe / 146096)) / 365);
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const d = doy - Math.floor((153 * mp + 2) / 5) + 1;
  const m = mp < 10 ? mp + 3 : mp - 9;
  const y = yoe + era * 400 + (m <= 2 ? 1 : 0);
  return `${String(y).padStart(4, '0')}-${pad2(m)}-${pad2(d)}`;
}

export const addDays = (day: string, n: number): string => dayOf(dayNumber(day) + n);

export const daysBetween = (from: string, to: string): number => dayNumber(to) - dayNumber(from);
