import { setTimeout as delay } from 'node:timers/promises';

/** The wall clock, injectable so that pacing can be tested without waiting. */
export interface Clock {
  nowMs(): number;
  /** Resolves after `ms`, or at once when `signal` aborts (never rejects). */
  sleep(ms: number, signal?: AbortSignal): Promise<void>;
}

export const systemClock: Clock = {
  nowMs: () => Date.now(),
  async sleep(ms, signal) {
    if (signal?.aborted) return;
    try {
      await delay(ms, undefined, signal ? { signal } : {});
    } catch (err) {
      if (!(err instanceof Error && err.name === 'AbortError')) throw err;
    }
  },
};
