/**
 * Builds band recordings for detector scenarios from segments (what the muscle does, where the
 * leg lies), with real EMG from `simulator/real-emg/` (da Silva et al. 2024, CC0; Santuz et al.
 * 2019, MIT — see that folder's README) for contractions and walking bursts.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { Frame } from '../../protocol/index.ts';
import { createRng } from '../../simulator/index.ts';

export type Vec = readonly [number, number, number];

/** Gravity as the sensors read it (band protocol, "Axes"). */
export const SUPINE = { shank: [0, 0, -1000] as Vec, foot: [1000, 0, 0] as Vec };
export const LEFT_SIDE = { shank: [0, -1000, 0] as Vec, foot: [0, -1000, 0] as Vec };

export interface Segment {
  readonly seconds: number;
  /** EMG microvolts at time `tS` into the segment (resting noise is added on top). */
  readonly emg?: (tS: number) => number;
  readonly shank?: Vec;
  readonly foot?: Vec | null;
  /** Peak leg movement, mg, as a 1.5 Hz swing on every axis. */
  readonly movingMg?: number;
}

const REAL_EMG_DIR = fileURLToPath(new URL('../../simulator/real-emg/', import.meta.url));

function column(file: string, name: string): Float64Array {
  const [header, ...rows] = readFileSync(REAL_EMG_DIR + file, 'utf8')
    .trim()
    .split('\n');
  const index = header!.split(',').indexOf(name);
  return Float64Array.from(rows, (r) => Number(r.split(',')[index]));
}

/** A real 10 s isometric hold (tibialis anterior, 2 kHz), looped at 1 kHz, scaled to `rmsUv`. */
export function realContraction(rmsUv: number): (tS: number) => number {
  const x = column('elderly-id01-isometric-holds-2khz.csv', 'TA_during_TA_hold_uV');
  const rms = Math.sqrt(x.reduce((s, v) => s + v * v, 0) / x.length);
  return (tS) => (x[Math.floor(tS * 2000) % x.length]! * rmsUv) / rms;
}

/** Real walking EMG of the gastrocnemius (1 kHz, phasic bursts each step), looped. */
export function realWalking(scale = 1): (tS: number) => number {
  const x = column('santuz-walking-calf-1khz.csv', 'GM_uV');
  return (tS) => x[Math.floor(tS * 1000) % x.length]! * scale;
}

export const silent = () => 0;

export interface ScenarioOptions {
  readonly t0?: number;
  readonly restingUv?: number;
  readonly humUv?: number;
  readonly seed?: number;
}

/** The frames of the segments, one after another: 200 ms frames, EMG 1 kHz, accelerometers 50 Hz. */
export function scenarioFrames(segments: readonly Segment[], options: ScenarioOptions = {}): Frame[] {
  const { t0 = 1_764_201_600_000, restingUv = 3, humUv = 15, seed = 1 } = options;
  const rng = createRng(seed, 'scenario');
  const noise = () => rng.normal();
  const frames: Frame[] = [];
  let tS = 0;
  let seq = 0;
  for (const seg of segments) {
    const { emg = silent, shank = SUPINE.shank, movingMg = 0 } = seg;
    const foot = seg.foot === undefined ? SUPINE.foot : seg.foot;
    for (let f = 0; f < Math.round(seg.seconds * 5); f++) {
      const uv = new Float32Array(200);
      for (let i = 0; i < 200; i++) {
        const segT = f * 0.2 + i / 1000;
        const t = tS + segT;
        uv[i] = emg(segT) + restingUv * noise() + humUv * Math.sin(2 * Math.PI * 50 * t);
      }
      const accel = (v: Vec) => {
        const mg = new Float32Array(30);
        for (let i = 0; i < 10; i++) {
          const swing = movingMg * Math.sin(2 * Math.PI * 1.5 * (tS + f * 0.2 + i / 50));
          for (let a = 0; a < 3; a++) mg[i * 3 + a] = Math.round(v[a]! + swing + 5 * noise());
        }
        return mg;
      };
      const frame: Frame = {
        v: 1,
        boot: 1,
        seq: seq++,
        t0: t0 + Math.round((tS + f * 0.2) * 1000),
        emg: { hz: 1000, uv },
        shank: { hz: 50, mg: accel(shank) },
      };
      frames.push(foot ? { ...frame, foot: { hz: 50, mg: accel(foot) } } : frame);
    }
    tS += Math.round(seg.seconds * 5) * 0.2;
  }
  return frames;
}
