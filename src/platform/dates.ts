/**
 * Days as the scheme keeps them: ISO dates (YYYY-MM-DD), counted in UTC so that a day is the
 * same day on every server whatever its time zone.
 */

export const today = (): string => new Date().toISOString().slice(0, 10);

const DAY_MS = 86_400_000;
const ms = (day: string) => Date.parse(`${day}T00:00:00Z`);

export const addDays = (day: string, n: number): string => new Date(ms(day) + n * DAY_MS).toISOString().slice(0, 10);

export const daysBetween = (from: string, to: string): number => (ms(to) - ms(from)) / DAY_MS;
