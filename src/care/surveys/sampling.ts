import { seeded } from '../../platform/random.js';

/**
 * How many to draw from each stratum: in proportion to its size, the remainders going to the
 * largest fractions (ties to the first stratum in key order), never more than a stratum holds.
 * Pure; the same populations and size give the same allocation.
 */
export function allocate(strata: { key: string; population: number }[], size: number): Map<string, number> {
  const sorted = [...strata]
    .filter((s) => s.population > 0)
    .sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
  const total = sorted.reduce((n, s) => n + s.population, 0);
  const want = Math.min(size, total);
  const out = new Map<string, number>();
  if (!want) return out;
  const shares = sorted.map((s) => {
    const exact = (s.population * want) / total;
    return { key: s.key, population: s.population, n: Math.floor(exact), rest: exact - Math.floor(exact) };
  });
  let left = want - shares.reduce((n, s) => n + s.n, 0);
  for (const s of [...shares].sort((a, b) => b.rest - a.rest)) {
    if (!left) break;
    if (s.n < s.population) {
      s.n += 1;
      left -= 1;
    }
  }
  for (const s of shares) if (s.n) out.set(s.key, s.n);
  return out;
}

/**
 * Picks `count` of `items` at random, reproducibly: a partial Fisher-Yates shuffle driven by the
 * seeded generator. The caller passes the items in a fixed order (member numbers), so the same
 * seed draws the same members from the same register.
 */
export function pick<T>(items: readonly T[], count: number, random: ReturnType<typeof seeded>): T[] {
  const a = [...items];
  const n = Math.min(count, a.length);
  for (let i = 0; i < n; i++) {
    const j = i + Math.floor(random.next() * (a.length - i));
    [a[i], a[j]] = [a[j]!, a[i]!];
  }
  return a.slice(0, n);
}

export { seeded };
