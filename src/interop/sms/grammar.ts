/**
 * What a text to the scheme's number asks. Pure. Seed 000's grammar: the member number alone,
 * `FID <card number>` (or `FID <employer code> <card number>` where cards repeat), or
 * `NAME <Latin name>`; in any case, with any spaces.
 */

export type SmsQuery =
  | { kind: 'member'; number: string }
  | { kind: 'fid'; card: string; employer?: string }
  | { kind: 'name'; name: string }
  | { kind: 'help' };

/** Longer texts are not queries: answered with the help, not searched. */
export const MAX_QUERY_LENGTH = 160;

export function parseSms(text: string): SmsQuery {
  const words = text.trim().split(/\s+/).filter(Boolean);
  if (!words.length || text.length > MAX_QUERY_LENGTH) return { kind: 'help' };
  const keyword = words[0]!.toUpperCase();
  if (keyword === 'FID') {
    if (words.length === 2) return { kind: 'fid', card: words[1]! };
    if (words.length === 3) return { kind: 'fid', employer: words[1]!.toUpperCase(), card: words[2]! };
    return { kind: 'help' };
  }
  if (keyword === 'NAME') return words.length > 1 ? { kind: 'name', name: words.slice(1).join(' ') } : { kind: 'help' };
  if (words.length === 1 && /^[A-Za-z]*\d{4,}$/.test(words[0]!))
    return { kind: 'member', number: words[0]!.toUpperCase() };
  return { kind: 'help' };
}
