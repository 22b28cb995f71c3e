import type { EpochMs } from '../protocol/index.ts';

/** The event logic works on epochs of this many milliseconds of band time. */
export const EPOCH_MS = 100;

/**
 * What the EMG stage reports for each 100 ms epoch of samples, after mains-hum removal and a
 * high-pass against motion artifact (see `emg/`).
 */
export interface EmgEpoch {
  /** Band time of the epoch's first sample. */
  readonly startMs: EpochMs;
  /** RMS of the conditioned EMG over the epoch, µV: the amplitude envelope. */
  readonly rmsUv: number;
  /** RMS of the raw signal's content below about 20 Hz, µV: motion artifact, electrode movement. */
  readonly lowFreqUv: number;
  /** Amplitude of the mains hum removed (50 or 60 Hz and harmonics), µV RMS. */
  readonly humUv: number;
  /** Largest absolute raw sample, µV (rails, pops). */
  readonly peakUv: number;
  /** True while the raw signal sits at the ADC rails or is flat (a lost electrode). */
  readonly leadOffLike: boolean;
}

/** Lying posture from the shank's gravity vector (band protocol, "Axes"). */
export type Posture = 'supine' | 'prone' | 'left' | 'right' | 'upright' | 'unknown';

/** What the accelerometer stage reports for each 100 ms epoch. */
export interface MotionEpoch {
  readonly startMs: EpochMs;
  /** How much the leg moves: deviation of the shank (and foot) acceleration from rest, mg. */
  readonly movementMg: number;
  /**
   * The shank's movement alone: a cramp forces the foot down (it moves) while the leg stays
   * still, so "leg still at onset" asks the shank.
   */
  readonly shankMovementMg: number;
  readonly posture: Posture;
  /**
   * Ankle angle in degrees (90 neutral, larger is plantar flexion) from shank and foot pitch,
   * or null where it is not observable: no foot clip, flexion axis near vertical, leg moving.
   */
  readonly ankleDeg: number | null;
}
