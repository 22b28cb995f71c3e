/**
 * Frames built from accelerometer vectors for the motion stage's tests: a pose function gives
 * the noise-free shank (and foot) readings at each sample time; seeded Gaussian noise is added.
 */
import type { Frame } from '../../../protocol/index.ts';

export type Vec3 = readonly [number, number, number];
export interface AccelPose {
  readonly shank: Vec3;
  readonly foot?: Vec3;
}

/** 2025-11-27T00:00:00Z plus a little, so frames do not start on an epoch boundary. */
export const T0 = 1_764_201_600_037;
const DEG = Math.PI / 180;

/** A vector of length `mg` in the x-z plane at pitch `pitchDeg` (atan2(z, x)), y = 0. */
export function sagittal(pitchDeg: number, mg = 1000): Vec3 {
  return [mg * Math.cos(pitchDeg * DEG), 0, mg * Math.sin(pitchDeg * DEG)];
}

/**
 * Readings for a leg lying with roll `rollDeg` (0 supine, 90 left side, 180 prone, −90 right)
 * and the foot at `ankleDeg` (protocol angle): "up" is (0, −sin r, −cos r) in the shank frame
 * (the simulator's convention), the foot's x-z part turned by the ankle angle.
 */
export function lying(rollDeg: number, ankleDeg = 90): AccelPose {
  const upY = -Math.sin(rollDeg * DEG) * 1000;
  const upZ = -Math.cos(rollDeg * DEG) * 1000;
  const xz = Math.abs(upZ);
  const legPitch = Math.atan2(upZ, 0) / DEG;
  const foot = sagittal(legPitch + ankleDeg, xz);
  return { shank: [0, upY, upZ], foot: [foot[0], upY, foot[2]] };
}

/** Seeded standard normal numbers (mulberry32 and Box-Muller). */
export function gaussian(seed: number): () => number {
  let s = seed >>> 0;
  const uniform = () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return (((t ^ (t >>> 14)) >>> 0) + 0.5) / 4294967296;
  };
  return () => Math.sqrt(-2 * Math.log(uniform())) * Math.cos(2 * Math.PI * uniform());
}

export interface AccelRun {
  readonly hz: number;
  /** Accelerometer samples in each frame, in order. */
  readonly frameSamples: readonly number[];
  readonly pose: (tMs: number) => AccelPose;
  readonly noiseMg?: number;
  readonly seed?: number;
  readonly t0?: number;
  readonly foot?: boolean;
}

/** Contiguous frames (EMG at 1000 Hz, zeros) carrying the pose's readings plus noise. */
export function accelFrames(run: AccelRun): Frame[] {
  const { hz, frameSamples, pose, noiseMg = 0, seed = 1, t0 = T0, foot = true } = run;
  const noise = gaussian(seed);
  const periodMs = 1000 / hz;
  const frames: Frame[] = [];
  let sample = 0;
  for (const [seq, n] of frameSamples.entries()) {
    const shank = new Float32Array(3 * n);
    const footMg = new Float32Array(3 * n);
    for (let i = 0; i < n; i++) {
      const p = pose((sample + i) * periodMs);
      const f = p.foot ?? [0, 0, 1000];
      for (let k = 0; k < 3; k++) {
        shank[3 * i + k] = p.shank[k]! + noiseMg * noise();
        footMg[3 * i + k] = f[k]! + noiseMg * noise();
      }
    }
    const frame: Frame = {
      v: 1,
      boot: 7,
      seq,
      t0: t0 + sample * periodMs,
      emg: { hz: 1000, uv: new Float32Array(Math.round(n * periodMs)) },
      shank: { hz, mg: shank },
    };
    frames.push(foot ? { ...frame, foot: { hz, mg: footMg } } : frame);
    sample += n;
  }
  return frames;
}

/** `count` frames of `n` samples each. */
export function evenFrames(count: number, n: number): number[] {
  return Array.from({ length: count }, () => n);
}
