/**
 * Time already taken by an episode, so that episodes which must not overlap (a turn in the
 * middle of a cramp, two leg movements at once) are placed apart. Intervals are kept sorted.
 */
export interface Occupancy {
  isFree(startMs: number, endMs: number): boolean;
  reserve(startMs: number, endMs: number): void;
  /** The earliest start at or after `fromMs` where `lengthMs` fits without overlap. */
  nextFree(fromMs: number, lengthMs: number): number;
}

export function createOccupancy(): Occupancy {
  const starts: number[] = [];
  const ends: number[] = [];
  /** Index of the first interval ending after `t`. */
  const firstEndingAfter = (t: number): number => {
    let lo = 0;
    let hi = ends.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (ends[mid]! <= t) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  };
  const isFree = (startMs: number, endMs: number): boolean => {
    const i = firstEndingAfter(startMs);
    return i >= starts.length || starts[i]! >= endMs;
  };
  return {
    isFree,
    reserve(startMs, endMs) {
      if (!isFree(startMs, endMs)) throw new RangeError(`${startMs}-${endMs} ms is already taken`);
      const i = firstEndingAfter(startMs);
      starts.splice(i, 0, startMs);
      ends.splice(i, 0, endMs);
    },
    nextFree(fromMs, lengthMs) {
      let t = fromMs;
      for (let i = firstEndingAfter(t); i < starts.length && starts[i]! < t + lengthMs; i++) t = ends[i]!;
      return t;
    },
  };
}
