/**
 * Reading a posted resource element by element: what a client sent is not trusted to have the
 * shape its type says, so each element is taken only if it is what it should be.
 */
export type Json = Record<string, unknown>;
export const obj = (v: unknown): Json | undefined =>
  v && typeof v === 'object' && !Array.isArray(v) ? (v as Json) : undefined;
export const arr = (v: unknown): unknown[] => (Array.isArray(v) ? v : []);
export const str = (v: unknown): string | undefined => (typeof v === 'string' ? v : undefined);
