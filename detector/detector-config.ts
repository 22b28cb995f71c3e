/**
 * Every threshold of the event logic, named, with its reason. Sources: `shared/spec/detector-notes.md`
 * (its "Suggested rules" and the published leg-movement practice); "estimate" marks engineering
 * judgement tuned on the simulator's tuning seeds (see docs/detector.md).
 */
export interface DetectorConfig {
  /** Envelope smoothing for the event logic: 0.5 s (Moore et al. 2014, Stanford LM detector). */
  readonly smoothingMs: number;
  /** Activity: envelope ≥ this many times the resting baseline… (detector notes: ≥ 2×). */
  readonly activeRatio: number;
  /** …and ≥ baseline plus this (AASM 2018 LM onset: 8 µV above resting). */
  readonly activeAboveUv: number;
  /** A cramp lasts past this (longer than any single leg movement, 10 s: AASM/WASM). */
  readonly crampMinMs: number;
  /**
   * A cramp's onset is a step: the envelope's biggest 3 s step up must be at least this fraction
   * of the level reached above baseline, else the climb is the tension rise before a cramp
   * (+100-500% over 41 ± 11 s, Chaney & Sherman) and the detector waits for the step (estimate).
   */
  readonly onsetStepFraction: number;
  /** …for at most this long past `crampMinMs`: a climb sustained longer is taken as the cramp (41 + 2.5 × 11 s ≈ 70 s). */
  readonly tensionRiseMaxMs: number;
  /** Below the end level this long ends a burst (AASM: ≥ 0.5 s near resting; longer for cramps' irregular firing: estimate). */
  readonly crampEndQuietMs: number;
  readonly burstEndQuietMs: number;
  /** Leg movement above this (mg of deviation from gravity) means the leg moves (estimate: still noise ≈ 5-15 mg). */
  readonly movingMg: number;
  /** "Leg still at onset": no movement this long before… */
  readonly stillBeforeOnsetMs: number;
  /** …nor this long after the cramp's onset (estimate). */
  readonly stillAfterOnsetMs: number;
  /** Short bursts: a spasm lasts at least this (detector notes: 0.5-10 s; twitches, under 0.5-2 s, are shorter: estimate). */
  readonly spasmMinMs: number;
  /** A spasm has the leg still: shank movement under this (sensor noise ≈ 3-5 mg; a leg movement 10-50 mg: estimate). */
  readonly spasmStillMg: number;
  /** PLM series: ≥ 4 movements, onset to onset 10-90 s (WASM 2016, Ferri 2006). */
  readonly plmMinCount: number;
  readonly plmMinIntervalMs: number;
  readonly plmMaxIntervalMs: number;
  /** Plantar flexion: ≥ this many degrees beyond neutral (detector notes: 20-30°)… */
  readonly plantarFlexionDeg: number;
  /** …held this long (detector notes: ≥ 60 s)… */
  readonly plantarFlexionMinMs: number;
  /** …and ends once below this many degrees (hysteresis against sensor noise: estimate). */
  readonly plantarFlexionEndDeg: number;
  /** Unobservable time shorter than this does not break a plantar-flexion interval (estimate). */
  readonly plantarFlexionBridgeMs: number;
  /** The resting baseline: this percentile of per-second envelope medians… */
  readonly baselinePercentile: number;
  /** …over this much quiet history (detector notes: tens of seconds to minutes). */
  readonly baselineWindowMs: number;
  /** A gap longer than this ends an ongoing cramp at the gap's start (shorter ones are bridged: estimate). */
  readonly maxBridgedGapMs: number;
  /** Live updates of an ongoing cramp, at most this often. */
  readonly updateEveryMs: number;
}

export const DEFAULT_DETECTOR_CONFIG: DetectorConfig = Object.freeze({
  smoothingMs: 500,
  activeRatio: 2,
  activeAboveUv: 8,
  crampMinMs: 10_000,
  onsetStepFraction: 0.5,
  tensionRiseMaxMs: 60_000,
  crampEndQuietMs: 3_000,
  burstEndQuietMs: 500,
  movingMg: 60,
  stillBeforeOnsetMs: 1_000,
  stillAfterOnsetMs: 3_000,
  spasmMinMs: 2_000,
  spasmStillMg: 10,
  plmMinCount: 4,
  plmMinIntervalMs: 10_000,
  plmMaxIntervalMs: 90_000,
  plantarFlexionDeg: 20,
  plantarFlexionMinMs: 60_000,
  plantarFlexionEndDeg: 15,
  plantarFlexionBridgeMs: 30_000,
  baselinePercentile: 0.2,
  baselineWindowMs: 10 * 60_000,
  maxBridgedGapMs: 5 * 60_000,
  updateEveryMs: 5_000,
});
