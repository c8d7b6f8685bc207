/** Counts a phone's questions: a PhoneLimit in this process, or the one all the server's processes share. */
export interface PhoneCounter {
  tooMany(key: string): boolean | Promise<boolean>;
}

/**
 * How often one phone may ask: ten questions a minute, more are answered with a request to wait.
 * One per app (createApp makes it), shared by SMS and USSD, so a phone cannot double its share by
 * switching channel. Kept in memory, nothing written per question to keep it; a server of several
 * processes keeps one in its first process, which they all ask (`countedBy`).
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

/** The counter of this app: the server's shared one when its processes share one, else its own. */
export const countedBy = (peers: { tooMany?(key: string): Promise<boolean> }): PhoneCounter =>
  peers.tooMany ? { tooMany: (key) => peers.tooMany!(key) } : new PhoneLimit();
