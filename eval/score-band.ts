/**
 * Scores one system's detections on one band-night against the simulator's truth, and sums
 * such scores. Everything the report prints is derived from these sums.
 */
import type { BandTruth, TruthEvent } from '../simulator/index.ts';
import { alertDelaysMs } from './alert-delay.ts';
import { type Detections, eventInterval } from './detections.ts';
import { type FalseAlerts, falseAlerts, MUST_NOT_KINDS } from './false-alerts.ts';
import { addFoot, type FootAgreement, flexionThresholdDeg, footAgreement } from './foot-agreement.ts';
import { addCounts, type Counts, countsOf, matchByOverlap, NO_COUNTS } from './match-events.ts';

/** A live alert within this long of onset counts as timely (detector notes: alert about 10-15 s in). */
export const TIMELY_ALERT_MS = 15_000;

export interface BandScore {
  readonly hours: number;
  readonly cramps: Counts;
  /** Truth cramps marked `weak` (near the noise floor): found (tp) or missed (fn); fp unused. */
  readonly weakCramps: Counts;
  readonly spasms: Counts;
  /** Detected start − truth start of each matched cramp, ms. */
  readonly onsetErrorsMs: readonly number[];
  /** Live alert delays of the truth cramps that got one, ms. */
  readonly alertDelaysMs: readonly number[];
  readonly truthCramps: number;
  readonly timelyAlerts: number;
  readonly falseAlerts: FalseAlerts;
  /** Null for a system that says nothing about the foot. */
  readonly foot: FootAgreement | null;
}

const ofKind = (kind: string) => (e: { kind: string }) => e.kind === kind;

/** Scores `detections` (all devices; only `truth.device`'s are used) against one band's truth. */
export function scoreBand(
  truth: BandTruth,
  detections: Detections,
  hours: number,
  withFoot: boolean,
): BandScore {
  const mine = detections.events.filter((e) => e.device === truth.device);
  const truthCramps = truth.events.filter(ofKind('cramp'));
  const cramps = matchByOverlap(truthCramps, mine.filter(ofKind('cramp')), (t) => t, eventInterval);
  const spasms = matchByOverlap(
    truth.events.filter(ofKind('spasm')),
    mine.filter(ofKind('spasm')),
    (t) => t,
    eventInterval,
  );
  const found = new Set<TruthEvent>(cramps.matches.map((m) => m.truth));
  const weak = truthCramps.filter((t) => t.weak === true);
  const weakFound = weak.filter((t) => found.has(t)).length;
  const delays = alertDelaysMs(truthCramps, detections.phases, truth.device).filter(
    (d): d is number => d !== null,
  );
  const flexion = mine.filter(ofKind('plantar_flexion'));
  return {
    hours,
    cramps: countsOf(cramps),
    weakCramps: { tp: weakFound, fp: 0, fn: weak.length - weakFound },
    spasms: countsOf(spasms),
    onsetErrorsMs: cramps.matches.map((m) => m.detected.start - m.truth.start),
    alertDelaysMs: delays,
    truthCramps: truthCramps.length,
    timelyAlerts: delays.filter((d) => d <= TIMELY_ALERT_MS).length,
    falseAlerts: falseAlerts(cramps.unmatchedDetected, truth.events),
    foot: withFoot ? footAgreement(truth.series, flexion, flexionThresholdDeg(flexion)) : null,
  };
}

export const EMPTY_SCORE: BandScore = Object.freeze({
  hours: 0,
  cramps: NO_COUNTS,
  weakCramps: NO_COUNTS,
  spasms: NO_COUNTS,
  onsetErrorsMs: [],
  alertDelaysMs: [],
  truthCramps: 0,
  timelyAlerts: 0,
  falseAlerts: { byCause: {}, during: { lead_off: 0, turn: 0, plm_series: 0 } },
  foot: null,
});

/** The sum of two scores: counts added, error lists joined. */
export function addScores(a: BandScore, b: BandScore): BandScore {
  const byCause: Record<string, number> = { ...a.falseAlerts.byCause };
  for (const [k, v] of Object.entries(b.falseAlerts.byCause)) byCause[k] = (byCause[k] ?? 0) + v;
  const during = { ...a.falseAlerts.during };
  for (const k of MUST_NOT_KINDS) during[k] += b.falseAlerts.during[k];
  return {
    hours: a.hours + b.hours,
    cramps: addCounts(a.cramps, b.cramps),
    weakCramps: addCounts(a.weakCramps, b.weakCramps),
    spasms: addCounts(a.spasms, b.spasms),
    onsetErrorsMs: [...a.onsetErrorsMs, ...b.onsetErrorsMs],
    alertDelaysMs: [...a.alertDelaysMs, ...b.alertDelaysMs],
    truthCramps: a.truthCramps + b.truthCramps,
    timelyAlerts: a.timelyAlerts + b.timelyAlerts,
    falseAlerts: { byCause, during },
    foot: a.foot && b.foot ? addFoot(a.foot, b.foot) : (a.foot ?? b.foot),
  };
}

export function sumScores(scores: readonly BandScore[]): BandScore {
  return scores.reduce(addScores, EMPTY_SCORE);
}
