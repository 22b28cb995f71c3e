import type { Timed } from '../plan/timed.ts';
import type { Rng } from '../random/rng.ts';

/**
 * ECG picked up by the calf electrodes: QRS-like spikes about once a second, tens of µV
 * (Drake & Callaghan 2006, via detector notes), faster while awake with a cramp. The complex
 * is a sum of Gaussians (Q, R, S and a broad T wave); RR intervals vary by about 4%.
 */
export interface EcgBleed {
  addTo(out: Float32Array, first: number): void;
}

export function createEcgBleed(
  rng: Rng,
  emgHz: number,
  rWaveUv: number,
  heartRateBpm: number,
  arousals: readonly Timed[],
): EcgBleed {
  const template = qrst(emgHz, rWaveUv * (rng.chance(0.5) ? 1 : -1));
  let nextBeat = Math.floor(rng.uniform(0, emgHz));
  // Ring buffer of the beats still being drawn out.
  const ring = new Float64Array(template.length);
  const len = ring.length;
  const aroused = (tMs: number) => arousals.some((a) => a.startMs <= tMs && tMs < a.endMs);
  return {
    addTo(out, first) {
      if (rWaveUv <= 0) return;
      for (let i = 0; i < out.length; i++) {
        const n = first + i;
        if (n === nextBeat) {
          for (let k = 0; k < len; k++) ring[(n + k) % len] = ring[(n + k) % len]! + template[k]!;
          const bpm = heartRateBpm + (aroused((n * 1000) / emgHz) ? 25 : 0);
          nextBeat = n + Math.max(1, Math.round((60 / bpm) * emgHz * (1 + 0.04 * rng.normal())));
        }
        out[i] = out[i]! + ring[n % len]!;
        ring[n % len] = 0;
      }
    },
  };
}

function qrst(emgHz: number, rUv: number): Float64Array {
  const ms = (x: number) => (x / 1000) * emgHz;
  const out = new Float64Array(Math.ceil(ms(400)));
  const g = (i: number, at: number, width: number) => Math.exp(-0.5 * ((i - ms(at)) / ms(width)) ** 2);
  for (let i = 0; i < out.length; i++) {
    out[i] = rUv * (-0.15 * g(i, 30, 6) + g(i, 45, 5) - 0.3 * g(i, 60, 6) + 0.15 * g(i, 250, 40));
  }
  return out;
}
