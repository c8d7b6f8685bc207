import { sql } from 'kysely';
import type { Executor } from '../platform/db/database.js';
import { addDays, daysBetween } from '../platform/dates.js';

/**
 * The claims counted by day (see migration 0015) that a batch compares its claims with: read once
 * for the batch's cases, diagnoses and facilities, counted on as each claim is decided (so a claim
 * sees the ones before it in the batch), and written back in the batch's transaction.
 */
export type TallyKind = 'case' | 'diagnosis' | 'facility';

/** Averages and daily rates are only trusted from this many claims. */
const ENOUGH = 5;
const CHUNK = 500;

interface Count {
  claims: number;
  claimed: number;
}

const key = (kind: TallyKind, code: string) => `${kind}\u0000${code}`;

export class Tallies {
  private readonly counts = new Map<string, Map<string, Count>>();
  private readonly added = new Map<string, Count>();

  private constructor(private readonly schemeId: string) {}

  /** The counts of some cases, diagnoses and facilities over the days the batch needs. */
  static async load(db: Executor, schemeId: string, wanted: { kind: TallyKind; code: string }[], days: string[]) {
    const t = new Tallies(schemeId);
    if (!wanted.length || !days.length) return t;
    const first = days.reduce((a, b) => (a < b ? a : b));
    const last = days.reduce((a, b) => (a > b ? a : b));
    const byKind = new Map<TallyKind, string[]>();
    for (const w of wanted) byKind.set(w.kind, [...new Set([...(byKind.get(w.kind) ?? []), w.code])]);
    for (const [kind, codes] of byKind) {
      for (let i = 0; i < codes.length; i += CHUNK) {
        const rows = await db
          .selectFrom('claim_tally')
          .select(['code', 'day', 'claims', 'claimed'])
          .where('scheme_id', '=', schemeId)
          .where('kind', '=', kind)
          .where('code', 'in', codes.slice(i, i + CHUNK))
          .where('day', '>=', addDays(first, kind === 'facility' ? -90 : -365))
          .where('day', '<=', last)
          .execute();
        for (const r of rows)
          t.countsOf(kind, r.code).set(r.day, { claims: Number(r.claims), claimed: Number(r.claimed) });
      }
    }
    return t;
  }

  private countsOf(kind: TallyKind, code: string) {
    let m = this.counts.get(key(kind, code));
    if (!m) this.counts.set(key(kind, code), (m = new Map()));
    return m;
  }

  private sum(kind: TallyKind, code: string, from: string, to: string): Count {
    const total = { claims: 0, claimed: 0 };
    for (const [day, c] of this.countsOf(kind, code)) {
      if (day >= from && day <= to) {
        total.claims += c.claims;
        total.claimed += c.claimed;
      }
    }
    return total;
  }

  /** The average claimed for the same case (or diagnosis) over the year before the day, from enough claims. */
  average(kind: 'case' | 'diagnosis', code: string, day: string): number | null {
    const s = this.sum(kind, code, addDays(day, -365), addDays(day, -1));
    return s.claims >= ENOUGH ? Math.round(s.claimed / s.claims) : null;
  }

  /**
   * A facility's claims on the day, and its daily average over the 90 days before, counted from its
   * first day of claims in them (a facility new to the scheme has fewer): only once it has a
   * history of its own, enough claims over two weeks at least.
   */
  facility(code: string, day: string) {
    const from = addDays(day, -90);
    let first: string | null = null;
    let before = 0;
    for (const [d, c] of this.countsOf('facility', code)) {
      if (d < from || d >= day) continue;
      before += c.claims;
      if (first === null || d < first) first = d;
    }
    const span = first === null ? 0 : daysBetween(first, day);
    return {
      today: this.countsOf('facility', code).get(day)?.claims ?? 0,
      dailyAverage: before >= ENOUGH * 6 && span >= 14 ? before / span : null,
    };
  }

  /** One more claim counted, here and for the write. */
  add(kind: TallyKind, code: string, day: string, claimed: number) {
    const counts = this.countsOf(kind, code);
    const c = counts.get(day) ?? { claims: 0, claimed: 0 };
    counts.set(day, { claims: c.claims + 1, claimed: c.claimed + claimed });
    const k = `${key(kind, code)}\u0000${day}`;
    const a = this.added.get(k) ?? { claims: 0, claimed: 0 };
    this.added.set(k, { claims: a.claims + 1, claimed: a.claimed + claimed });
  }

  /** What was counted, added to the table in the caller's transaction. */
  async write(tx: Executor) {
    const rows = [...this.added].map(([k, c]) => {
      const [kind, code, day] = k.split('\u0000') as [TallyKind, string, string];
      return { scheme_id: this.schemeId, kind, code, day, claims: c.claims, claimed: c.claimed };
    });
    for (let i = 0; i < rows.length; i += CHUNK) {
      await tx
        .insertInto('claim_tally')
        .values(rows.slice(i, i + CHUNK))
        .onConflict((oc) =>
          oc.columns(['scheme_id', 'kind', 'code', 'day']).doUpdateSet({
            claims: sql`claim_tally.claims + excluded.claims`,
            claimed: sql`claim_tally.claimed + excluded.claimed`,
          }),
        )
        .execute();
    }
  }
}
