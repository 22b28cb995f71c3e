/**
 * The accelerometer stage: per 100 ms epoch of band time, leg movement, lying posture and ankle
 * angle from the shank and foot accelerometers, plus the band's calibrated neutral ankle angle.
 */
export {
  ankleAngleDeg,
  isPitchObservable,
  MIN_SAGITTAL_MG,
  pitchDeg,
  wrap180,
} from './ankle-angle.ts';
export type { MotionAnalyzer } from './motion-analyzer.ts';
export { createMotionAnalyzer } from './motion-analyzer.ts';
export type { MotionOptions } from './motion-options.ts';
export { MOVING_MG } from './motion-options.ts';
export {
  NEUTRAL_LIMIT_DEG,
  NEUTRAL_PERCENTILE,
  NeutralTracker,
  NOMINAL_NEUTRAL_DEG,
} from './neutral-tracker.ts';
export { classifyPosture } from './posture.ts';
export { GRAVITY_TAU_MS, NORM_TOLERANCE_MG, TILT_TAU_MS } from './sensor-tracker.ts';
