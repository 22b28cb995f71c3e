/**
 * Second-by-second agreement of the detector's `plantar_flexion` events with the simulator's
 * 1 Hz truth series of the foot's anatomical angle beyond neutral.
 */
import type { TruthSeries } from '../simulator/index.ts';

/**
 * The truth threshold when the detector's events do not carry their own (`thresholdDeg`): the
 * middle of the 20-30° the detector notes suggest ("Plantar flexion").
 */
export const DEFAULT_FLEXION_THRESHOLD_DEG = 25;

export interface FootAgreement {
  /** Seconds where the truth says the foot angle could be seen. */
  readonly observable: number;
  /** Observable seconds where the detector's claim equals the truth (flexed or not). */
  readonly agree: number;
  /** Observable seconds truly flexed, claimed flexed, and both. */
  readonly truthFlexed: number;
  readonly claimedFlexed: number;
  readonly bothFlexed: number;
  /** Seconds where it could not be seen, and those the detector still claimed flexed. */
  readonly unobservable: number;
  readonly unobservableClaimed: number;
}

export const NO_FOOT: FootAgreement = Object.freeze({
  observable: 0,
  agree: 0,
  truthFlexed: 0,
  claimedFlexed: 0,
  bothFlexed: 0,
  unobservable: 0,
  unobservableClaimed: 0,
});

/** The threshold a detector's events state (`thresholdDeg` on its first event that has one), else 25°. */
export function flexionThresholdDeg(events: readonly { readonly [k: string]: unknown }[]): number {
  for (const e of events) if (typeof e.thresholdDeg === 'number') return e.thresholdDeg;
  return DEFAULT_FLEXION_THRESHOLD_DEG;
}

/**
 * Second `i` of the series (at `startMs + i·stepMs`) is claimed flexed when one of `events`
 * (one device's `plantar_flexion` events) covers it: `start ≤ t < end`, an open end running on.
 * The truth is flexed when `plantarFlexionDeg ≥ thresholdDeg`, judged on observable seconds only.
 */
export function footAgreement(
  series: TruthSeries,
  events: readonly { start: number; end: number | null }[],
  thresholdDeg: number,
): FootAgreement {
  const spans = events
    .map((e) => ({ start: e.start, end: e.end ?? Number.POSITIVE_INFINITY }))
    .sort((a, b) => a.start - b.start);
  const r = { ...NO_FOOT };
  let next = 0;
  let coverEnd = Number.NEGATIVE_INFINITY;
  for (let i = 0; i < series.plantarFlexionDeg.length; i++) {
    const t = series.startMs + i * series.stepMs;
    while (next < spans.length && spans[next]!.start <= t) coverEnd = Math.max(coverEnd, spans[next++]!.end);
    const claimed = t < coverEnd;
    if (series.observable[i] !== true) {
      r.unobservable++;
      if (claimed) r.unobservableClaimed++;
      continue;
    }
    const flexed = series.plantarFlexionDeg[i]! >= thresholdDeg;
    r.observable++;
    if (claimed === flexed) r.agree++;
    if (flexed) r.truthFlexed++;
    if (claimed) r.claimedFlexed++;
    if (flexed && claimed) r.bothFlexed++;
  }
  return r;
}

export function addFoot(a: FootAgreement, b: FootAgreement): FootAgreement {
  return {
    observable: a.observable + b.observable,
    agree: a.agree + b.agree,
    truthFlexed: a.truthFlexed + b.truthFlexed,
    claimedFlexed: a.claimedFlexed + b.claimedFlexed,
    bothFlexed: a.bothFlexed + b.bothFlexed,
    unobservable: a.unobservable + b.unobservable,
    unobservableClaimed: a.unobservableClaimed + b.unobservableClaimed,
  };
}
