/**
 * Retry delays for a store that fails: exponential, capped, with "equal jitter" (half the delay
 * fixed, half random; Brooker, "Exponential Backoff And Jitter", AWS Architecture Blog, 2015).
 * The fixed half means a retry never comes sooner than half its step, so a dead store is never
 * hammered; the random half keeps restarted services from retrying in lockstep.
 */
export interface Backoff {
  /** The delay before the next attempt, and counts the failure. */
  next(): number;
  /** After a success: the next failure starts from the initial delay again. */
  reset(): void;
  /** Failures since the last success. */
  readonly failures: number;
}

export interface BackoffOptions {
  readonly initialMs: number;
  readonly maxMs: number;
  /** Uniform in [0, 1); injectable so that tests see exact delays. */
  readonly random: () => number;
}

export function createBackoff(options: BackoffOptions): Backoff {
  let failures = 0;
  return {
    next() {
      const stepMs = Math.min(options.maxMs, options.initialMs * 2 ** Math.min(failures, 52));
      failures++;
      return stepMs / 2 + (options.random() * stepMs) / 2;
    },
    reset() {
      failures = 0;
    },
    get failures() {
      return failures;
    },
  };
}
