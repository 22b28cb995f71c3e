/** Anything that lasts from `startMs` to `endMs`, in milliseconds since the start of the night. */
export interface Timed {
  readonly startMs: number;
  readonly endMs: number;
}

/** The items of a list sorted by start that overlap a window moving forward in time. */
export interface ActiveWindow<T extends Timed> {
  /**
   * Items with `startMs <= toMs` and `endMs > fromMs`. Call with non-decreasing `fromMs`; a
   * point query is `overlapping(t, t)`. The returned array is reused: do not keep it.
   */
  overlapping(fromMs: number, toMs: number): readonly T[];
}

export function createActiveWindow<T extends Timed>(sortedByStart: readonly T[]): ActiveWindow<T> {
  let next = 0;
  const active: T[] = [];
  return {
    overlapping(fromMs, toMs) {
      while (next < sortedByStart.length && sortedByStart[next]!.startMs <= toMs) {
        active.push(sortedByStart[next]!);
        next++;
      }
      for (let i = active.length - 1; i >= 0; i--) if (active[i]!.endMs <= fromMs) active.splice(i, 1);
      return active;
    },
  };
}

export function byStart(a: Timed, b: Timed): number {
  return a.startMs - b.startMs;
}

/**
 * Weight of a trapezoid at `tMs`: 0 outside the item, rising over `rampInMs` from its start and
 * falling over `rampOutMs` to its end, 1 between; smoothstep-shaped so movements have no kinks.
 */
export function trapezoid(
  tMs: number,
  item: Timed & { readonly rampInMs: number; readonly rampOutMs: number },
): number {
  if (tMs <= item.startMs || tMs >= item.endMs) return 0;
  const rise = item.rampInMs > 0 ? (tMs - item.startMs) / item.rampInMs : 1;
  const fall = item.rampOutMs > 0 ? (item.endMs - tMs) / item.rampOutMs : 1;
  return smoothstep(Math.min(1, rise, fall));
}

export function smoothstep(x: number): number {
  const c = Math.min(1, Math.max(0, x));
  return c * c * (3 - 2 * c);
}
