import type { Clock } from './clock.ts';

/** Holds messages back until their time comes on a clock running `speed` times real time. */
export interface Pacer {
  /** Resolves when band time `atMs` is due (at once for a time already past, or at speed Infinity). */
  waitFor(atMs: number): Promise<void>;
}

export interface PacerOptions {
  /** 1 is real time, 60 a minute a second; Infinity never waits. */
  readonly speed: number;
  readonly clock: Clock;
  readonly signal?: AbortSignal;
  /** A jump forward in band time longer than this is shortened to it (a recording's long silence). */
  readonly maxGapMs?: number;
}

/** The first time seen is the anchor: it is due now, and every later one relative to it. */
export function createPacer(options: PacerOptions): Pacer {
  const { speed, clock, signal, maxGapMs = Number.POSITIVE_INFINITY } = options;
  let anchor: { wallMs: number; bandMs: number } | undefined;
  let lastMs = Number.NEGATIVE_INFINITY;
  return {
    async waitFor(atMs) {
      if (!Number.isFinite(speed)) return;
      if (!anchor) {
        anchor = { wallMs: clock.nowMs(), bandMs: atMs };
        lastMs = atMs;
        return;
      }
      if (atMs - lastMs > maxGapMs) anchor.bandMs += atMs - lastMs - maxGapMs;
      lastMs = Math.max(lastMs, atMs);
      const dueMs = anchor.wallMs + (atMs - anchor.bandMs) / speed;
      const waitMs = dueMs - clock.nowMs();
      if (waitMs > 0) await clock.sleep(waitMs, signal);
    },
  };
}
