/**
 * Event-level matching and scores, as leg-movement detectors are measured (detector notes,
 * "Cramps": event-level sensitivity, precision, F1, onset error).
 */
import type { Interval } from './detections.ts';

/** Milliseconds two intervals share, 0 when they are apart. */
export function overlapMs(a: Interval, b: Interval): number {
  return Math.max(0, Math.min(a.end, b.end) - Math.max(a.start, b.start));
}

export interface Match<T, D> {
  readonly truth: T;
  readonly detected: D;
  readonly overlapMs: number;
}

export interface MatchResult<T, D> {
  readonly matches: readonly Match<T, D>[];
  readonly unmatchedTruth: readonly T[];
  readonly unmatchedDetected: readonly D[];
}

/**
 * One-to-one matching, greedy by overlap: of all overlapping (truth, detection) pairs, the one
 * sharing the most time is matched first, then the next among those left, and so on; so a
 * detection matches the truth episode it overlaps most unless a better-overlapping detection
 * took it. Ties go to the earlier truth, then the earlier detection, so results are stable.
 */
export function matchByOverlap<T, D>(
  truth: readonly T[],
  detected: readonly D[],
  truthInterval: (t: T) => Interval,
  detectedInterval: (d: D) => Interval,
): MatchResult<T, D> {
  const pairs: { ti: number; di: number; ms: number }[] = [];
  truth.forEach((t, ti) => {
    const a = truthInterval(t);
    detected.forEach((d, di) => {
      const ms = overlapMs(a, detectedInterval(d));
      if (ms > 0) pairs.push({ ti, di, ms });
    });
  });
  pairs.sort((x, y) => y.ms - x.ms || x.ti - y.ti || x.di - y.di);
  const truthUsed = new Set<number>();
  const detUsed = new Set<number>();
  const matches: Match<T, D>[] = [];
  for (const { ti, di, ms } of pairs) {
    if (truthUsed.has(ti) || detUsed.has(di)) continue;
    truthUsed.add(ti);
    detUsed.add(di);
    matches.push({ truth: truth[ti]!, detected: detected[di]!, overlapMs: ms });
  }
  return {
    matches,
    unmatchedTruth: truth.filter((_, i) => !truthUsed.has(i)),
    unmatchedDetected: detected.filter((_, i) => !detUsed.has(i)),
  };
}

/** True positives (matched pairs), false positives (unmatched detections), false negatives. */
export interface Counts {
  readonly tp: number;
  readonly fp: number;
  readonly fn: number;
}

export interface Scores {
  readonly precision: number;
  readonly recall: number;
  readonly f1: number;
}

export function countsOf(result: MatchResult<unknown, unknown>): Counts {
  return {
    tp: result.matches.length,
    fp: result.unmatchedDetected.length,
    fn: result.unmatchedTruth.length,
  };
}

export function addCounts(a: Counts, b: Counts): Counts {
  return { tp: a.tp + b.tp, fp: a.fp + b.fp, fn: a.fn + b.fn };
}

export const NO_COUNTS: Counts = Object.freeze({ tp: 0, fp: 0, fn: 0 });

/**
 * Precision tp/(tp+fp), recall tp/(tp+fn), F1 2tp/(2tp+fp+fn) (the harmonic mean of the two);
 * NaN where the denominator is 0 (nothing detected, nothing to find).
 */
export function scoresOf(c: Counts): Scores {
  return {
    precision: ratio(c.tp, c.tp + c.fp),
    recall: ratio(c.tp, c.tp + c.fn),
    f1: ratio(2 * c.tp, 2 * c.tp + c.fp + c.fn),
  };
}

function ratio(a: number, b: number): number {
  return b === 0 ? Number.NaN : a / b;
}
