import type { Rng } from '../random/rng.ts';

/** The resting EMG level (RMS, µV) drifting slowly over the night. Pure in `tMs`. */
export interface BaselineDrift {
  at(tMs: number): number;
}

const MINUTE_MS = 60_000;

/**
 * Drift as the exponential of a few slow sinusoids (periods 40-240 min, random phases), scaled
 * so that the night's highest level is `ratio` times its lowest, centred (geometrically) on
 * `restUv`. Resting sleep EMG is about 2-5 µV (detector notes); hard nights drift x2-3.
 */
export function createBaselineDrift(
  rng: Rng,
  restUv: number,
  ratio: number,
  durationMs: number,
): BaselineDrift {
  const waves = Array.from({ length: 3 }, () => ({
    radPerMs: (2 * Math.PI) / (rng.uniform(40, 240) * MINUTE_MS),
    phase: rng.uniform(0, 2 * Math.PI),
    weight: rng.uniform(0.5, 1),
  }));
  const raw = (tMs: number) =>
    waves.reduce((sum, w) => sum + w.weight * Math.sin(w.radPerMs * tMs + w.phase), 0);
  let lo = Number.POSITIVE_INFINITY;
  let hi = Number.NEGATIVE_INFINITY;
  for (let t = 0; t <= durationMs; t += MINUTE_MS) {
    const v = raw(t);
    lo = Math.min(lo, v);
    hi = Math.max(hi, v);
  }
  const span = hi - lo;
  const scale = span > 1e-9 ? Math.log(ratio) / span : 0;
  const mid = (hi + lo) / 2;
  return { at: (tMs) => restUv * Math.exp((raw(tMs) - mid) * scale) };
}
