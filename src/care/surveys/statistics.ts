/**
 * The statistics of a survey round, pure: a mean with its 95 % confidence interval (Student's t),
 * a share with Wilson's 95 % interval (right even for small samples and shares near 0 or 1), and
 * whether two rounds' shares differ at 5 % (the two-proportion z test).
 */

// Student's t at 97.5 % for 1 to 30 degrees of freedom; beyond, the normal 1.96 is close enough.
const T975 = [
  12.706, 4.303, 3.182, 2.776, 2.571, 2.447, 2.365, 2.306, 2.262, 2.228, 2.201, 2.179, 2.16, 2.145, 2.131, 2.12, 2.11,
  2.101, 2.093, 2.086, 2.08, 2.074, 2.069, 2.064, 2.06, 2.056, 2.052, 2.048, 2.045, 2.042,
];
const Z = 1.96;
const round = (n: number, places = 3) => Math.round(n * 10 ** places) / 10 ** places;

export function meanInterval(values: number[]) {
  const n = values.length;
  if (!n) return { mean: null, interval: null };
  const mean = values.reduce((a, b) => a + b, 0) / n;
  if (n < 2) return { mean: round(mean), interval: null };
  const variance = values.reduce((a, v) => a + (v - mean) ** 2, 0) / (n - 1);
  const t = n - 1 <= 30 ? T975[n - 2]! : Z;
  const half = (t * Math.sqrt(variance)) / Math.sqrt(n);
  return { mean: round(mean), interval: { low: round(mean - half), high: round(mean + half) } };
}

export function wilson(successes: number, n: number) {
  if (!n) return { share: null, interval: null };
  const p = successes / n;
  const denominator = 1 + (Z * Z) / n;
  const centre = (p + (Z * Z) / (2 * n)) / denominator;
  const half = (Z * Math.sqrt((p * (1 - p)) / n + (Z * Z) / (4 * n * n))) / denominator;
  return {
    share: round(p, 4),
    interval: { low: round(Math.max(0, centre - half), 4), high: round(Math.min(1, centre + half), 4) },
  };
}

/** Do two shares differ at 5 %? The pooled two-proportion z test. */
export function sharesDiffer(a: { successes: number; n: number }, b: { successes: number; n: number }) {
  if (!a.n || !b.n) return false;
  const pooled = (a.successes + b.successes) / (a.n + b.n);
  const se = Math.sqrt(pooled * (1 - pooled) * (1 / a.n + 1 / b.n));
  if (se === 0) return false;
  return Math.abs(a.successes / a.n - b.successes / b.n) / se > Z;
}

export interface Respondent {
  /** Each scored answer: its dimension and its score on 1-5. */
  scores: { dimension: string; score: number }[];
}

/**
 * Per dimension: each respondent's score is the mean of their scored answers in it (their answers
 * to one dimension's questions go together, so they are not counted as independent); the mean of
 * those with its interval, and the share of respondents satisfied (a score of 4 or more).
 */
export function byDimension(respondents: Respondent[]) {
  const per = new Map<string, number[]>();
  for (const r of respondents) {
    const mine = new Map<string, number[]>();
    for (const s of r.scores) mine.set(s.dimension, [...(mine.get(s.dimension) ?? []), s.score]);
    for (const [d, scores] of mine) {
      per.set(d, [...(per.get(d) ?? []), scores.reduce((a, b) => a + b, 0) / scores.length]);
    }
  }
  return new Map(
    [...per].map(([dimension, scores]) => {
      const satisfied = scores.filter((s) => s >= 4).length;
      const { mean, interval } = meanInterval(scores);
      const share = wilson(satisfied, scores.length);
      return [
        dimension,
        {
          respondents: scores.length,
          satisfied,
          meanScore: mean,
          meanInterval: interval,
          satisfiedShare: share.share,
          satisfiedInterval: share.interval,
        },
      ];
    }),
  );
}
