/**
 * Exponential reconnect delays with jitter: `initialMs`, doubling up to `maxMs`, each scaled by
 * a random factor in [0.75, 1.25) so that many services do not reconnect in lockstep.
 */
export class ReconnectBackoff {
  private attempt = 0;

  constructor(
    private readonly initialMs: number,
    private readonly maxMs: number,
    private readonly random: () => number = Math.random,
  ) {}

  /** The delay before the next attempt; each call doubles the base until `maxMs`. */
  nextDelayMs(): number {
    const base = Math.min(this.maxMs, this.initialMs * 2 ** this.attempt);
    this.attempt = Math.min(this.attempt + 1, 30);
    return Math.round(base * (0.75 + 0.5 * this.random()));
  }

  reset(): void {
    this.attempt = 0;
  }
}
