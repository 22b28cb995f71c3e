/**
 * Helpers for the simulator's tests: run a night into memory, decode its frames with the
 * protocol's own validators, and measure signals with filters written here (independent of the
 * simulator's DSP, so a bug there cannot hide itself).
 */
import { decodeFrame, decodeStatus, type Frame } from '../../protocol/index.ts';
import { type BandTraits, createBandTraits } from '../../simulator/band/traits.ts';
import {
  resolveSimulationOptions,
  type SimMessage,
  type SimulationInput,
  type SimulationTruth,
  simulateNight,
} from '../../simulator/index.ts';
import type { NightPlan } from '../../simulator/plan/night-plan.ts';
import { planNight } from '../../simulator/plan/plan-night.ts';

export interface Night {
  readonly messages: SimMessage[];
  readonly truth: SimulationTruth;
}

/** Runs a whole night into memory (tests use short nights). */
export function runNight(input: SimulationInput): Night {
  const gen = simulateNight(input);
  const messages: SimMessage[] = [];
  for (;;) {
    const r = gen.next();
    if (r.done) return { messages, truth: r.value };
    messages.push(r.value);
  }
}

/**
 * The first seed whose band-1 plan has what a test needs, found from plans alone (cheap: no
 * samples), so the test keeps finding a night with, say, a lead-off when the generator changes.
 */
export function findSeed(
  base: SimulationInput,
  wanted: (plan: NightPlan, traits: BandTraits) => boolean,
): number {
  for (let seed = 1; seed < 2000; seed++) {
    const options = resolveSimulationOptions({ ...base, seed });
    const traits = createBandTraits(options, 0);
    if (wanted(planNight(options, traits), traits)) return seed;
  }
  throw new Error('no seed in 1-1999 gives the night this test needs');
}

export function payloadBytes(m: { payload: Uint8Array | string }): Uint8Array {
  return typeof m.payload === 'string' ? Buffer.from(m.payload) : m.payload;
}

export function deviceOf(topic: string): string {
  return topic.split('/').at(-2) ?? '';
}

/** Every frame of a device, decoded (throws on a payload the protocol refuses), keyed by boot:seq. */
export function decodedFrames(messages: readonly SimMessage[], device: string): Map<string, Frame> {
  const frames = new Map<string, Frame>();
  for (const m of messages) {
    if (m.kind !== 'frame' || m.device !== device) continue;
    const d = decodeFrame(payloadBytes(m));
    if (!d.ok) throw new Error(`${m.topic}: ${d.error.code}: ${d.error.message}`);
    frames.set(`${d.value.boot}:${d.value.seq}`, d.value);
  }
  return frames;
}

export interface StatusAt {
  readonly t: number | undefined;
  readonly online: boolean;
  readonly leadOff: boolean | undefined;
}

export function statuses(messages: readonly SimMessage[], device: string): StatusAt[] {
  return messages
    .filter((m) => m.kind === 'status' && m.device === device)
    .map((m) => {
      const d = decodeStatus(payloadBytes(m));
      if (!d.ok) throw new Error(`${m.topic}: ${d.error.message}`);
      return { t: d.value.t, online: d.value.online, leadOff: d.value.leadOff };
    });
}

/** A device's frames in time order, one per boot:seq. */
export function framesByTime(frames: Map<string, Frame>): Frame[] {
  return [...frames.values()].sort((a, b) => a.t0 - b.t0);
}

/** The EMG samples between two times, from frames sorted by time (gaps simply skipped). */
export function emgBetween(frames: readonly Frame[], fromMs: number, toMs: number): Float64Array {
  const out: number[] = [];
  for (const f of frames) {
    const per = 1000 / f.emg.hz;
    if (f.t0 + f.emg.uv.length * per <= fromMs || f.t0 >= toMs) continue;
    for (let i = 0; i < f.emg.uv.length; i++) {
      const t = f.t0 + i * per;
      if (t >= fromMs && t < toMs) out.push(f.emg.uv[i]!);
    }
  }
  return Float64Array.from(out);
}

/** The accelerometer samples (shank and foot, x y z) between two times. */
export function accelBetween(
  frames: readonly Frame[],
  fromMs: number,
  toMs: number,
): { t: number; shank: number[]; foot?: number[] }[] {
  const out: { t: number; shank: number[]; foot?: number[] }[] = [];
  for (const f of frames) {
    const per = 1000 / f.shank.hz;
    const n = f.shank.mg.length / 3;
    if (f.t0 + n * per <= fromMs || f.t0 >= toMs) continue;
    for (let i = 0; i < n; i++) {
      const t = f.t0 + i * per;
      if (t < fromMs || t >= toMs) continue;
      const shank = [f.shank.mg[3 * i]!, f.shank.mg[3 * i + 1]!, f.shank.mg[3 * i + 2]!];
      out.push(
        f.foot
          ? { t, shank, foot: [f.foot.mg[3 * i]!, f.foot.mg[3 * i + 1]!, f.foot.mg[3 * i + 2]!] }
          : { t, shank },
      );
    }
  }
  return out;
}

/** The signal after a high-pass (20 Hz unless told) and notches at the mains frequency and its harmonics. */
export function clean(x: Float64Array, sampleHz: number, mainsHz: number, highpassHz = 20): Float64Array {
  const filters = [highpass(highpassHz, sampleHz)];
  for (let h = mainsHz; h < 0.45 * sampleHz; h += mainsHz) filters.push(notch(h, sampleHz));
  return x.map((v) => filters.reduce((y, f) => f(y), v));
}

/** RMS of {@link clean}, once the filters have settled (the first 200 ms left out). */
export function cleanRms(x: Float64Array, sampleHz: number, mainsHz: number): number {
  const y = clean(x, sampleHz, mainsHz);
  const settle = Math.floor(Math.min(y.length / 4, sampleHz / 5));
  return rms(y.subarray(settle));
}

/** RMS of what lies below `hz` (a low-pass), once settled: motion artifact lives there. */
export function lowRms(x: Float64Array, sampleHz: number, hz: number): number {
  const f = lowpass(hz, sampleHz);
  const y = x.map((v) => f(v));
  return rms(y.subarray(Math.floor(y.length / 5)));
}

export function rms(x: ArrayLike<number>): number {
  let s = 0;
  for (let i = 0; i < x.length; i++) s += x[i]! * x[i]!;
  return Math.sqrt(s / x.length);
}

/** The protocol's ankle angle ("Axes"), written out again here. */
export function ankleAngle(shank: readonly number[], foot: readonly number[]): number {
  const pitch = (v: readonly number[]) => (Math.atan2(v[2]!, v[0]!) * 180) / Math.PI;
  let a = pitch(foot) - pitch(shank);
  while (a > 180) a -= 360;
  while (a <= -180) a += 360;
  return a;
}

type Step = (x: number) => number;

// RBJ cookbook biquads (https://www.w3.org/TR/audio-eq-cookbook/).
function biquad(b0: number, b1: number, b2: number, a0: number, a1: number, a2: number): Step {
  let x1 = 0;
  let x2 = 0;
  let y1 = 0;
  let y2 = 0;
  return (x) => {
    const y = (b0 * x + b1 * x1 + b2 * x2 - a1 * y1 - a2 * y2) / a0;
    x2 = x1;
    x1 = x;
    y2 = y1;
    y1 = y;
    return y;
  };
}

function highpass(hz: number, fs: number): Step {
  const w = (2 * Math.PI * hz) / fs;
  const alpha = Math.sin(w) / (2 * Math.SQRT1_2);
  const c = Math.cos(w);
  return biquad((1 + c) / 2, -(1 + c), (1 + c) / 2, 1 + alpha, -2 * c, 1 - alpha);
}

function lowpass(hz: number, fs: number): Step {
  const w = (2 * Math.PI * hz) / fs;
  const alpha = Math.sin(w) / (2 * Math.SQRT1_2);
  const c = Math.cos(w);
  return biquad((1 - c) / 2, 1 - c, (1 - c) / 2, 1 + alpha, -2 * c, 1 - alpha);
}

function notch(hz: number, fs: number): Step {
  const w = (2 * Math.PI * hz) / fs;
  const alpha = Math.sin(w) / (2 * 8);
  const c = Math.cos(w);
  return biquad(1, -2 * c, 1, 1 + alpha, -2 * c, 1 - alpha);
}
