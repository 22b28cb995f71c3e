import type { EpochMs, Frame } from '../protocol/index.ts';
import type { EmgEpoch, MotionEpoch } from './epoch.ts';

/** The EMG stage as the event logic uses it (implemented in `emg/`). */
export interface EmgStage {
  push(uv: Float32Array, hz: number, t0: EpochMs): EmgEpoch[];
  reset(): void;
}

/** The accelerometer stage as the event logic uses it (implemented in `motion/`). */
export interface MotionStage {
  push(frame: Frame): MotionEpoch[];
  reset(): void;
  /** The band's calibrated neutral ankle angle, degrees. */
  readonly neutralDeg: number;
}

/** Makes the stages of one band's pipeline. */
export interface StageFactory {
  emg(): EmgStage;
  motion(): MotionStage;
}
