import type { TimelineBucket } from '../api/types.ts';

/**
 * The night's buckets as uPlot's columnar data (x in seconds), with a null row wherever buckets
 * are missing, so that lines break over gaps instead of bridging them (the store leaves a
 * stretch without data out: absence, never a zero).
 */
export interface TimelineColumns {
  readonly x: number[];
  readonly envMin: Array<number | null>;
  readonly envMean: Array<number | null>;
  readonly envMax: Array<number | null>;
  readonly movementMax: Array<number | null>;
  readonly flexionMin: Array<number | null>;
  readonly flexionMean: Array<number | null>;
  readonly flexionMax: Array<number | null>;
}

/** Width of the buckets: they are equal (a whole number of seconds), so the smallest step between two is it. */
export function bucketWidthMs(buckets: readonly TimelineBucket[]): number {
  let width = Number.POSITIVE_INFINITY;
  for (let i = 1; i < buckets.length; i++) width = Math.min(width, buckets[i]!.t - buckets[i - 1]!.t);
  return Number.isFinite(width) && width > 0 ? width : 1000;
}

export function timelineColumns(buckets: readonly TimelineBucket[]): TimelineColumns {
  const c: TimelineColumns = {
    x: [],
    envMin: [],
    envMean: [],
    envMax: [],
    movementMax: [],
    flexionMin: [],
    flexionMean: [],
    flexionMax: [],
  };
  const widthMs = bucketWidthMs(buckets);
  let previous: TimelineBucket | undefined;
  for (const b of buckets) {
    if (previous && b.t - previous.t > widthMs * 1.5) pushGap(c, (previous.t + widthMs) / 1000);
    c.x.push(b.t / 1000);
    c.envMin.push(b.envUv.min);
    c.envMean.push(b.envUv.mean);
    c.envMax.push(b.envUv.max);
    c.movementMax.push(b.movementMg.max);
    c.flexionMin.push(b.flexionDeg?.min ?? null);
    c.flexionMean.push(b.flexionDeg?.mean ?? null);
    c.flexionMax.push(b.flexionDeg?.max ?? null);
    previous = b;
  }
  return c;
}

function pushGap(c: TimelineColumns, xS: number): void {
  c.x.push(xS);
  for (const column of [
    c.envMin,
    c.envMean,
    c.envMax,
    c.movementMax,
    c.flexionMin,
    c.flexionMean,
    c.flexionMax,
  ])
    column.push(null);
}
