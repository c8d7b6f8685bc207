/**
 * How often one phone may ask: ten questions a minute, more are answered with a request to wait.
 * One per app (createApp makes it), shared by SMS and USSD, so a phone cannot double its share by
 * switching channel. Kept in memory: a limit per process is enough to stop a phone flooding the
 * scheme, and nothing is written per question to keep it.
 */
export class PhoneLimit {
  private readonly recent = new Map<string, number[]>();

  constructor(
    private readonly perWindow = 10,
    private readonly windowMs = 60_000,
    private readonly capacity = 100_000,
  ) {}

  /** Counts a question from the phone; true when it is one too many. */
  tooMany(key: string, now = Date.now()): boolean {
    const times = (this.recent.get(key) ?? []).filter((t) => now - t < this.windowMs);
    times.push(now);
    // The oldest phones make room when the map is full; they have waited longest anyway.
    if (!this.recent.has(key) && this.recent.size >= this.capacity) {
      this.recent.delete(this.recent.keys().next().value!);
    }
    this.recent.set(key, times);
    return times.length > this.perWindow;
  }
}
