/**
 * Latin names of Khmer and Vietnamese people are romanised in more than one way: "Chhorn" and
 * "Chorn", "Sreymom" and "Sreymoom", "Srey" and "Srei", family name first or last. A name's key
 * folds those differences away so the variants meet; ranking then puts the closest first.
 */

export function nameTokens(name: string): string[] {
  return name
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[đĐ]/g, 'd')
    .toLowerCase()
    .split(/[^a-z0-9]+/)
    .filter(Boolean);
}

/** One word folded: no h, y as i, no doubled letters ("Chhoeurn" → "coeurn"). */
export function tokenKey(token: string): string {
  const folded = token
    .replace(/h/g, '')
    .replace(/y/g, 'i')
    .replace(/(.)\1+/g, '$1');
  return folded || token;
}

export const nameKeys = (name: string): string[] => [...new Set(nameTokens(name).map(tokenKey))];

/** The key of a whole name: its word keys sorted, so word order does not matter. */
export const nameKey = (name: string): string => nameKeys(name).sort().join(' ');

export function levenshtein(a: string, b: string): number {
  if (a === b) return 0;
  let prev = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    const cur = [i];
    for (let j = 1; j <= b.length; j++) {
      cur[j] = Math.min(prev[j]! + 1, cur[j - 1]! + 1, prev[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1));
    }
    prev = cur;
  }
  return prev[b.length]!;
}

/**
 * How far candidates' names are from what was searched: lower is closer. Whole-key matches
 * come first, then names whose words were all found, then fewer spelling differences. The
 * query's side is worked out once for all the candidates.
 */
export function nameDistanceFrom(query: string) {
  const qKeys = nameKeys(query);
  const qKey = [...qKeys].sort().join(' ');
  const qSpelling = nameTokens(query).sort().join(' ');
  return (candidate: string): number => {
    const cKeys = nameKeys(candidate);
    const missing = qKeys.filter((k) => !cKeys.some((c) => c === k || c.startsWith(k))).length;
    const extra = cKeys.filter((c) => !qKeys.some((k) => c === k || c.startsWith(k))).length;
    const spelling = levenshtein(qSpelling, nameTokens(candidate).sort().join(' '));
    const keyMismatch = qKey === [...cKeys].sort().join(' ') ? 0 : 1;
    return keyMismatch * 1000 + missing * 100 + extra * 10 + spelling;
  };
}

export const nameDistance = (query: string, candidate: string) => nameDistanceFrom(query)(candidate);

/** Two names that are probably the same person's, written two ways. */
export function namesAlike(a: string, b: string): boolean {
  const ka = nameKey(a);
  const kb = nameKey(b);
  if (ka === kb) return true;
  return levenshtein(ka, kb) <= Math.max(1, Math.floor(Math.min(ka.length, kb.length) / 8));
}
