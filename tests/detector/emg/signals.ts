/**
 * Deterministic test signals for the EMG stage: seeded Gaussian noise (the simulator's generator),
 * mains hum with harmonics, sines, ECG-like QRS spikes.
 */
import { createRng } from '../../../simulator/index.ts';

/** Standard normal samples from the simulator's seeded generator. */
export function gaussian(seed: number): () => number {
  const rng = createRng(seed, 'test-signal');
  return () => rng.normal();
}

/** Relative amplitudes of mains harmonics 1-5, odd ones strong as in real hum. */
export const HUM_HARMONICS = [1, 0.2, 0.5, 0.1, 0.3] as const;

export interface EmgSignalSpec {
  readonly hz: number;
  readonly seconds: number;
  /** White Gaussian noise, µV RMS (resting EMG stand-in). */
  readonly noiseUv: number;
  /** Mains hum with {@link HUM_HARMONICS} below 0.45·hz, µV RMS of the whole hum. */
  readonly humUv?: number;
  readonly mainsHz?: number;
  readonly seed: number;
}

export function emgSignal(spec: EmgSignalSpec): Float32Array {
  const n = Math.round(spec.hz * spec.seconds);
  const out = new Float32Array(n);
  const g = gaussian(spec.seed);
  for (let i = 0; i < n; i++) out[i] = spec.noiseUv * g();
  if (spec.humUv && spec.mainsHz) addHum(out, spec.hz, spec.mainsHz, spec.humUv);
  return out;
}

/** Adds hum of total RMS `rmsUv` at `mainsHz` and its harmonics (below 0.45·hz), phases fixed. */
export function addHum(out: Float32Array, hz: number, mainsHz: number, rmsUv: number): void {
  const parts = HUM_HARMONICS.map((a, k) => ({ a, f: mainsHz * (k + 1), phase: 0.7 * (k + 1) })).filter(
    (p) => p.f < 0.45 * hz,
  );
  const norm = rmsUv / Math.sqrt(parts.reduce((s, p) => s + (p.a * p.a) / 2, 0));
  for (const p of parts) {
    for (let i = 0; i < out.length; i++) {
      out[i] = out[i]! + norm * p.a * Math.sin((2 * Math.PI * p.f * i) / hz + p.phase);
    }
  }
}

/** A sine of amplitude `amplitude` at `freqHz`, `n` samples at `hz`. */
export function sine(n: number, hz: number, freqHz: number, amplitude: number): Float64Array {
  const out = new Float64Array(n);
  for (let i = 0; i < n; i++) out[i] = amplitude * Math.sin((2 * Math.PI * freqHz * i) / hz);
  return out;
}

/**
 * ECG bleed: a QRS complex once a second, R wave `rUv` tall: small Q and S dips around a
 * Gaussian R whose width at half height is `widthMs` (Q and S as in a lead II trace).
 */
export function qrsTrain(n: number, hz: number, rUv: number, widthMs: number, firstMs = 300): Float64Array {
  const out = new Float64Array(n);
  const sigma = widthMs / 2.355;
  const g = (tMs: number, at: number, s: number) => Math.exp(-0.5 * ((tMs - at) / s) ** 2);
  for (let i = 0; i < n; i++) {
    const tMs = ((((i * 1000) / hz - firstMs) % 1000) + 1000) % 1000;
    const d = tMs > 500 ? tMs - 1000 : tMs;
    out[i] = rUv * (g(d, 0, sigma) - 0.15 * g(d, -1.5 * widthMs, sigma) - 0.3 * g(d, 1.5 * widthMs, sigma));
  }
  return out;
}

/** RMS of `x[from, to)`. */
export function rms(x: ArrayLike<number>, from = 0, to = x.length): number {
  let s = 0;
  for (let i = from; i < to; i++) s += x[i]! ** 2;
  return Math.sqrt(s / (to - from));
}
