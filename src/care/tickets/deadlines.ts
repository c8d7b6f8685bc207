/**
 * Deadlines and escalation, pure. A ticket starts with the care operators (level 0); each
 * deadline missed passes it one level up (1 the care supervisor, 2 the scheme's management), each
 * time with the category's deadline again.
 */
export const TOP_LEVEL = 2;

export const LEVEL_NAMES = ['care operators', 'care supervisor', 'management'] as const;

export const addHours = (iso: string, hours: number) => new Date(Date.parse(iso) + hours * 3_600_000).toISOString();

export const dueAfter = addHours;

export const isOverdue = (dueAt: string, now: string) => dueAt < now;

/** The level an overdue ticket passes to; null at the top, where it stays overdue. */
export const nextLevel = (level: number) => (level < TOP_LEVEL ? level + 1 : null);

/** Hours between two instants, to a tenth. */
export const hoursBetween = (from: string, to: string) =>
  Math.round((Date.parse(to) - Date.parse(from)) / 360_000) / 10;
