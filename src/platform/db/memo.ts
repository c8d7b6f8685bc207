/**
 * Small things read on almost every request and seldom changed (who holds a session, a scheme's
 * member-number prefix, the product version in force) kept in memory for a few seconds.
 *
 * The desk check is answered thousands of times a second; without this, half of its work is
 * reading the same caller, settings and product again. Writes in this process forget what they
 * change at once (`forget`), and the other processes of the same server are told (`share`, wired
 * by `riskpool serve` when it runs several). Any other process on the same database (a `riskpool`
 * command, a second server) sees such a change when the entry expires, at most `ttlMs` later: a
 * logout, a revoked token or a changed product takes effect everywhere within seconds.
 */
export class Memo {
  private readonly entries = new Map<string, { expires: number; value: Promise<unknown> }>();
  private tell: (prefix: string) => void = () => undefined;

  constructor(
    private readonly ttlMs = 10_000,
    private readonly capacity = 20_000,
    private readonly now: () => number = Date.now,
  ) {}

  /** The value kept under the key, or the one `load` gives (kept only if it loads without error). */
  get<T>(key: string, load: () => Promise<T>): Promise<T> {
    const at = this.now();
    const kept = this.entries.get(key);
    if (kept && kept.expires > at) return kept.value as Promise<T>;
    if (kept) this.entries.delete(key);
    // Oldest first: a full memo drops the entry kept longest.
    if (this.entries.size >= this.capacity) this.entries.delete(this.entries.keys().next().value!);
    const value = load();
    this.entries.set(key, { expires: at + this.ttlMs, value });
    // A failed load is not kept: the next caller tries again (and sees the error itself).
    value.catch(() => {
      if (this.entries.get(key)?.value === value) this.entries.delete(key);
    });
    return value;
  }

  /**
   * Drops every entry whose key starts with the prefix (after a write that changes them), here
   * and in the processes this memo shares with.
   */
  forget(prefix: string): void {
    this.drop(prefix);
    this.tell(prefix);
  }

  /** Drops the entries under the prefix in this process only: what another process forgot. */
  drop(prefix: string): void {
    for (const key of [...this.entries.keys()]) if (key.startsWith(prefix)) this.entries.delete(key);
  }

  /** Tells `tell` each prefix this process forgets, for it to pass on to the others. */
  share(tell: (prefix: string) => void): void {
    this.tell = tell;
  }

  get size(): number {
    return this.entries.size;
  }
}
