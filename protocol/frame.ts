import type { EpochMs } from './units.ts';

/** One accelerometer stream of a frame: samples interleaved `x, y, z, x, y, z, …`, in milli-g. */
export interface AccelStream {
  readonly hz: number;
  readonly mg: Float32Array;
}

/** The EMG stream of a frame, in microvolts, oldest first. */
export interface EmgStream {
  readonly hz: number;
  readonly uv: Float32Array;
}

/**
 * A decoded, validated band frame (band protocol, "Frame"). Both encodings decode to this one
 * shape; `encoding` says which one the band used.
 */
export interface Frame {
  readonly v: 1;
  readonly boot: number;
  readonly seq: number;
  readonly t0: EpochMs;
  readonly emg: EmgStream;
  readonly shank: AccelStream;
  /** Absent on bands without the foot clip. */
  readonly foot?: AccelStream;
}

/** How long a frame's samples last, in milliseconds, taken from its EMG stream. */
export function frameSpanMs(frame: Frame): number {
  return (frame.emg.uv.length * 1000) / frame.emg.hz;
}
