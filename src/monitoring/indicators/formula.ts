import { isFigureCode } from '../figures/codes.js';

/**
 * An indicator's numerator or denominator: a sum of stored figures, each with an optional
 * coefficient: `claims_approved_amount + running_costs`, `contributions_due - 1.5 * cost.delivery`.
 * Only sums of figures, and no constants: a sum of figures added up over months, areas or schemes
 * is still the same sum, so indicators summed across them stay right. Pure.
 */
export interface Term {
  coefficient: number;
  code: string;
}

const CODE = /^[a-z][a-z0-9_]*(\.[a-z0-9_]+)?$/;

export function parseFormula(text: string): { ok: true; terms: Term[] } | { ok: false; reason: string } {
  const source = text.trim();
  if (!source) return { ok: false, reason: 'is empty' };
  if (source.length > 500) return { ok: false, reason: 'is longer than 500 characters' };
  const terms: Term[] = [];
  // Spaces around the operators go; a space left inside a term joins two names without one.
  const compact = source.replace(/\s*([+*-])\s*/g, '$1');
  if (/\s/.test(compact)) return { ok: false, reason: `"${compact.split(/\s/)[0]}…": join figures with + or -` };
  // Split before each + or - that starts a term.
  const parts = compact.split(/(?=[+-])/);
  for (const raw of parts) {
    const sign = raw.startsWith('-') ? -1 : 1;
    const body = raw.replace(/^[+-]/, '');
    if (!body) return { ok: false, reason: `has a sign with nothing after it in "${raw}"` };
    const [a, b, ...rest] = body.split('*');
    if (rest.length) return { ok: false, reason: `"${body}": a term is a figure, or a number times a figure` };
    const coefficient = b === undefined ? 1 : Number(a);
    const code = b === undefined ? a! : b;
    if (b !== undefined && !Number.isFinite(coefficient)) return { ok: false, reason: `"${a}" is not a number` };
    if (!CODE.test(code)) {
      return {
        ok: false,
        reason: /^[\d.]+$/.test(code)
          ? `"${code}": constants are not allowed (they would not add up across areas)`
          : `"${code}" is not a figure code (lower-case letters, digits, _ and one dot)`,
      };
    }
    if (!isFigureCode(code)) {
      return { ok: false, reason: `"${code}" is not one of the figures kept (docs/monitoring.md lists them)` };
    }
    terms.push({ coefficient: sign * coefficient, code });
  }
  return { ok: true, terms };
}

export const evaluate = (terms: Term[], value: (code: string) => number) =>
  terms.reduce((sum, t) => sum + t.coefficient * value(t.code), 0);
