/**
 * Member numbers end in a Damm check digit. Damm's table catches every single wrong digit and
 * every swap of two neighbouring digits, so a mistyped number is recognised as invalid rather
 * than found as somebody else (Luhn, by contrast, misses 09 ↔ 90).
 */
const DAMM = [
  [0, 3, 1, 7, 5, 9, 8, 6, 4, 2],
  [7, 0, 9, 2, 1, 5, 4, 8, 6, 3],
  [4, 2, 0, 6, 8, 7, 1, 3, 5, 9],
  [1, 7, 5, 0, 9, 8, 3, 4, 2, 6],
  [6, 1, 2, 3, 0, 4, 5, 9, 7, 8],
  [3, 6, 7, 4, 2, 0, 9, 5, 8, 1],
  [5, 8, 6, 9, 7, 2, 0, 1, 3, 4],
  [8, 9, 4, 5, 3, 6, 2, 0, 1, 7],
  [9, 4, 3, 8, 6, 1, 7, 2, 0, 5],
  [2, 5, 8, 1, 4, 3, 6, 7, 9, 0],
];

export function dammDigit(digits: string): number {
  let interim = 0;
  for (const ch of digits) interim = DAMM[interim]![ch.charCodeAt(0) - 48]!;
  return interim;
}

/** Digits of the sequence number; padded so numbers of a scheme have one length for years. */
const SEQUENCE_DIGITS = 8;

export function formatMemberNumber(prefix: string, sequence: number): string {
  const digits = String(sequence).padStart(SEQUENCE_DIGITS, '0');
  return `${prefix}${digits}${dammDigit(digits)}`;
}

export type ParsedNumber = { ok: true; number: string } | { ok: false; reason: string };

/**
 * Reads a member number as a person typed it: spaces and dashes dropped, letters in either
 * case. Says why it is not a member number when it is not.
 */
export function parseMemberNumber(prefix: string, input: string): ParsedNumber {
  const text = input.replace(/[\s-]/g, '').toUpperCase();
  if (!text.startsWith(prefix)) return { ok: false, reason: `must start with ${prefix || 'a digit'}` };
  const digits = text.slice(prefix.length);
  if (!/^\d+$/.test(digits)) return { ok: false, reason: `must be ${prefix} followed by digits` };
  if (digits.length < SEQUENCE_DIGITS + 1) {
    return { ok: false, reason: `must have at least ${SEQUENCE_DIGITS + 1} digits` };
  }
  if (dammDigit(digits) !== 0) return { ok: false, reason: 'has a wrong check digit: a digit is mistyped' };
  return { ok: true, number: text };
}
