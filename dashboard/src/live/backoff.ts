export interface BackoffOptions {
  readonly initialMs: number;
  readonly maxMs: number;
}

export const LIVE_BACKOFF: BackoffOptions = { initialMs: 1000, maxMs: 30_000 };

/**
 * Delay before reconnect attempt `attempt` (0 for the first): doubling from `initialMs` up to
 * `maxMs`, with "equal jitter" (half fixed, half random) so that many pages reconnecting after a
 * service restart do not all come back in the same instant.
 */
export function backoffDelayMs(attempt: number, options: BackoffOptions, random: () => number): number {
  const ceiling = Math.min(options.maxMs, options.initialMs * 2 ** Math.min(attempt, 30));
  return Math.round(ceiling / 2 + (ceiling / 2) * random());
}
