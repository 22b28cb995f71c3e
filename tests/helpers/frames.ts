/**
 * A tiny factory of valid frames (band protocol, "Frame") for tests of the stages after the
 * decoder: every stream covers exactly `spanMs`, the shank reads standing (1000, 0, 0) mg and the
 * foot (0, 0, 1000) mg.
 */
import type { Frame } from '../../protocol/index.ts';

/** 2025-11-27T00:00:00Z, a night the tests pretend to record. */
export const T0 = 1_764_201_600_000;

export interface FrameSpec {
  readonly boot: number;
  readonly seq: number;
  readonly t0: number;
  readonly spanMs?: number;
  readonly emgHz?: number;
  readonly accelHz?: number;
  readonly foot?: boolean;
  /** EMG microvolts: one value for every sample, or one per sample index. Default 0. */
  readonly fill?: number | ((i: number) => number);
}

export function makeFrame(spec: FrameSpec): Frame {
  const { boot, seq, t0, spanMs = 200, emgHz = 1000, accelHz = 50, foot = true, fill = 0 } = spec;
  const emgSamples = Math.round((spanMs * emgHz) / 1000);
  const accelSamples = Math.round((spanMs * accelHz) / 1000);
  const uv = new Float32Array(emgSamples);
  for (let i = 0; i < emgSamples; i++) uv[i] = typeof fill === 'number' ? fill : fill(i);
  const frame: Frame = {
    v: 1,
    boot,
    seq,
    t0,
    emg: { hz: emgHz, uv },
    shank: { hz: accelHz, mg: resting(accelSamples, [1000, 0, 0]) },
  };
  return foot ? { ...frame, foot: { hz: accelHz, mg: resting(accelSamples, [0, 0, 1000]) } } : frame;
}

export interface ContiguousSpec extends Omit<FrameSpec, 'seq' | 't0'> {
  readonly startSeq: number;
  readonly startT0: number;
}

/** `n` frames of one boot, each starting where the previous ended; `seq` wraps at 2^32. */
export function contiguousFrames(n: number, spec: ContiguousSpec): Frame[] {
  const { startSeq, startT0, spanMs = 200, ...rest } = spec;
  return Array.from({ length: n }, (_, i) =>
    makeFrame({ ...rest, spanMs, seq: (startSeq + i) % 2 ** 32, t0: startT0 + i * spanMs }),
  );
}

function resting(samples: number, xyz: readonly [number, number, number]): Float32Array {
  const mg = new Float32Array(samples * 3);
  for (let i = 0; i < mg.length; i++) mg[i] = xyz[i % 3]!;
  return mg;
}
