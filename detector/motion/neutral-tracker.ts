import type { Posture } from '../epoch.ts';

/** Where the neutral calibration starts, and what the protocol calls neutral ("Axes"). */
export const NOMINAL_NEUTRAL_DEG = 90;
/** Mounting offsets stay within this of 90° (band ±5°, foot clip ±6° plus slack). */
export const NEUTRAL_LIMIT_DEG = 15;
/**
 * The neutral estimate is the lower mode of the still, observable supine and upright angles: the
 * angle below which {@link NEUTRAL_SUPPORT_EPOCHS} of them lie (2 min), or below which
 * {@link NEUTRAL_PERCENTILE} of them lie while there are fewer than 10 min. Why low: a relaxed
 * foot rests at or beyond neutral (gravity and bedding tip it into plantar flexion); holding it
 * dorsiflexed takes the tibialis anterior, which sleep relaxes, so dorsiflexion comes only in
 * leg movements, and those are moving (null). The lowest angle held for minutes is therefore
 * the best bound on neutral, while the median carries the typical resting flexion (on simulated
 * nights a time-weighted 20th percentile was off by more than 3° on 5 of 20 nights, the 2-min
 * lower mode on none). Prone angles are left out: prone sleepers point their feet 20-45° for
 * hours. Side angles are unobservable anyway. Cramps and pointed-foot holds only add angles
 * above neutral.
 */
export const NEUTRAL_SUPPORT_EPOCHS = 1200;
export const NEUTRAL_PERCENTILE = 0.2;
/** Evidence, in epochs (100 ms), at which the estimate has moved fully off its start: 10 min. */
const FULL_EVIDENCE_EPOCHS = 6000;
/**
 * Old evidence halves every 6 h of new evidence (about two nights' supine time), so a band put
 * on differently is learned again: at once if it now reads lower, within a night or two if higher.
 */
const DECAY_EVERY_EPOCHS = 600;
const HALF_LIFE_EPOCHS = 216_000;
const DECAY = 2 ** (-DECAY_EVERY_EPOCHS / HALF_LIFE_EPOCHS);
/** The percentile is recomputed every 10 s of evidence. */
const UPDATE_EVERY_EPOCHS = 100;
/** Histogram of angles: 0.5° bins from 60° to 150°; angles outside count in the end bins. */
const LOW_DEG = 60;
const BIN_DEG = 0.5;
const BINS = 180;

/**
 * A slow, robust estimate of the ankle angle this band reads with the foot neutral (mounting
 * offsets make it, say, 84° or 97°): the lower mode ({@link NEUTRAL_SUPPORT_EPOCHS}) of the
 * angles seen while still, supine or upright, over a decaying histogram (180 bins, O(1) per
 * epoch, the quantile rescanned every 10 s).
 * Starts at `initialDeg`, blends toward the percentile as evidence accumulates, and stays within
 * {@link NEUTRAL_LIMIT_DEG} of 90°.
 */
export class NeutralTracker {
  private readonly bins = new Float64Array(BINS);
  private total = 0;
  private sinceUpdate = 0;
  private sinceDecay = 0;
  private estimate: number;

  constructor(private readonly initialDeg: number = NOMINAL_NEUTRAL_DEG) {
    this.estimate = initialDeg;
  }

  /** The band's neutral ankle angle, degrees. */
  get neutralDeg(): number {
    return this.estimate;
  }

  /** Feeds one epoch's angle (null when unobservable) and posture. */
  add(ankleDeg: number | null, posture: Posture): void {
    if (ankleDeg === null || (posture !== 'supine' && posture !== 'upright')) return;
    const bin = Math.min(BINS - 1, Math.max(0, Math.floor((ankleDeg - LOW_DEG) / BIN_DEG)));
    this.bins[bin]! += 1;
    this.total += 1;
    if (++this.sinceDecay >= DECAY_EVERY_EPOCHS) this.decay();
    if (++this.sinceUpdate >= UPDATE_EVERY_EPOCHS) this.update();
  }

  private decay(): void {
    this.sinceDecay = 0;
    for (let i = 0; i < BINS; i++) this.bins[i]! *= DECAY;
    this.total *= DECAY;
  }

  private update(): void {
    this.sinceUpdate = 0;
    const weight = Math.min(1, this.total / FULL_EVIDENCE_EPOCHS);
    const lowerMode = this.quantile(Math.min(NEUTRAL_PERCENTILE * this.total, NEUTRAL_SUPPORT_EPOCHS));
    const raw = this.initialDeg + weight * (lowerMode - this.initialDeg);
    const lo = NOMINAL_NEUTRAL_DEG - NEUTRAL_LIMIT_DEG;
    this.estimate = Math.min(NOMINAL_NEUTRAL_DEG + NEUTRAL_LIMIT_DEG, Math.max(lo, raw));
  }

  /** The angle with `target` epochs of evidence below it, linear within its bin. */
  private quantile(target: number): number {
    let below = 0;
    for (let i = 0; i < BINS; i++) {
      const c = this.bins[i]!;
      if (c > 0 && below + c >= target) return LOW_DEG + (i + (target - below) / c) * BIN_DEG;
      below += c;
    }
    return LOW_DEG + BINS * BIN_DEG;
  }
}
