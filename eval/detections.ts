/**
 * What the evaluation reads from a cramp detector, whichever one it is (ours through the
 * `analyze` contract, or the naive baseline): final events and the live alert phases.
 */
import type { CrampWatchEvent } from '../protocol/index.ts';

/** A live alert phase as `analyze --phases` prints it: `at` is band time of emission, ms. */
export interface AlertPhase {
  readonly phase: 'start' | 'update' | 'end';
  readonly at: number;
  readonly event: CrampWatchEvent;
}

/** One system's output for one recording. */
export interface Detections {
  /** Final events (`analyze FILE`), every device. */
  readonly events: readonly CrampWatchEvent[];
  /** Live alert phases (`analyze FILE --phases`), in emission order. */
  readonly phases: readonly AlertPhase[];
}

/** A system that could not be run on a recording says why instead. */
export type DetectionsOrError = Detections | { readonly error: string };

export function isDetections(x: DetectionsOrError): x is Detections {
  return !('error' in x);
}

/** A half-open interval of band time, ms. */
export interface Interval {
  readonly start: number;
  readonly end: number;
}

/**
 * An event's interval for matching: an open end (`null`, still ongoing) is read as its start,
 * and an empty interval as 1 ms long, so a point inside a truth episode still overlaps it.
 */
export function eventInterval(e: { readonly start: number; readonly end: number | null }): Interval {
  const end = e.end ?? e.start;
  return { start: e.start, end: Math.max(end, e.start + 1) };
}
