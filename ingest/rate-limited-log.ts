/**
 * Lets one message per key through every `intervalMs`, and tells how many were held back since
 * the last one, so a band spewing garbage cannot flood the log. Time is passed in.
 */
export class RateLimitedLog {
  private readonly last = new Map<string, { at: number; suppressed: number }>();

  constructor(
    private readonly intervalMs: number,
    private readonly maxKeys = 10_000,
  ) {}

  /** Returns how many were suppressed before this one when this one may be logged, else undefined. */
  allow(key: string, nowMs: number): number | undefined {
    const entry = this.last.get(key);
    if (entry && nowMs - entry.at < this.intervalMs) {
      entry.suppressed++;
      return undefined;
    }
    if (!entry && this.last.size >= this.maxKeys) this.last.clear();
    this.last.set(key, { at: nowMs, suppressed: 0 });
    return entry?.suppressed ?? 0;
  }
}
