import type { EpochMs, Frame } from '../protocol/index.ts';
import type { EmgEpoch, MotionEpoch } from './epoch.ts';

/** The EMG stage as the event logic uses it (implemented in `emg/`). */
export interface EmgStage {
  push(uv: Float32Array, hz: number, t0: EpochMs): EmgEpoch[];
  reset(): void;
  /** The mains hum being removed (0 for none). */
  readonly mainsHz: number;
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
  /** `initialMainsHz`: hum to notch from the start (another detector's decision for the band). */
  emg(initialMainsHz?: number): EmgStage;
  motion(): MotionStage;
}
