import { MIN_SAGITTAL_MG } from './ankle-angle.ts';
import { NEUTRAL_LIMIT_DEG, NOMINAL_NEUTRAL_DEG } from './neutral-tracker.ts';

/**
 * Movement above this, mg, means the leg moves: posture is `unknown` and the ankle angle null.
 * A still sensor reads its noise, ≈ 1.6 σ per sample for σ mg per axis: 3-16 mg for σ = 2-10 mg;
 * even a single 10 Hz sample of σ = 10 mg noise exceeds 40 mg only 0.1% of the time. Leg
 * movements in sleep carry tens to hundreds of mg; turning over, hundreds to over a thousand.
 */
export const MOVING_MG = 40;

/** What a motion analyzer may be told; everything left out takes its default. */
export interface MotionOptions {
  /** Neutral ankle angle to start calibrating from, e.g. kept from an earlier night. Default 90. */
  readonly initialNeutralDeg?: number;
  /** Movement above which the leg counts as moving, mg. Default {@link MOVING_MG}. */
  readonly movingMg?: number;
  /** Shortest x-z projection for a sensor's pitch to count, mg. Default {@link MIN_SAGITTAL_MG}. */
  readonly minSagittalMg?: number;
}

export type ResolvedMotionOptions = Readonly<Required<MotionOptions>>;

/** Fills in defaults and checks the values once; throws RangeError naming the bad option. */
export function resolveMotionOptions(options: MotionOptions = {}): ResolvedMotionOptions {
  const resolved = {
    initialNeutralDeg: options.initialNeutralDeg ?? NOMINAL_NEUTRAL_DEG,
    movingMg: options.movingMg ?? MOVING_MG,
    minSagittalMg: options.minSagittalMg ?? MIN_SAGITTAL_MG,
  };
  const n = resolved.initialNeutralDeg;
  if (!(Math.abs(n - NOMINAL_NEUTRAL_DEG) <= NEUTRAL_LIMIT_DEG)) {
    throw new RangeError(`initialNeutralDeg must be within ${NEUTRAL_LIMIT_DEG}° of 90, got ${n}`);
  }
  if (!(resolved.movingMg > 0 && Number.isFinite(resolved.movingMg))) {
    throw new RangeError(`movingMg must be a positive number, got ${resolved.movingMg}`);
  }
  if (!(resolved.minSagittalMg > 0 && resolved.minSagittalMg < 1000)) {
    throw new RangeError(`minSagittalMg must be between 0 and 1000, got ${resolved.minSagittalMg}`);
  }
  return Object.freeze(resolved);
}
