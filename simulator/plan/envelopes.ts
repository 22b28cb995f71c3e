import type { Rng } from '../random/rng.ts';

/** Breakpoints of an RMS envelope: times (ms since night start) and levels (µV), linear between. */
export interface EnvelopePoints {
  readonly envelopeMs: number[];
  readonly envelopeUv: number[];
}

/** Rises from 0 to `levelUv`, holds, falls back to 0 by `endMs`. */
export function bumpEnvelope(
  startMs: number,
  endMs: number,
  levelUv: number,
  riseMs: number,
  fallMs: number,
): EnvelopePoints {
  const k = Math.min(1, (endMs - startMs) / (riseMs + fallMs));
  return {
    envelopeMs: [startMs, startMs + riseMs * k, endMs - fallMs * k, endMs],
    envelopeUv: [0, levelUv, levelUv, 0],
  };
}

/** Several bursts of 0.3-2 s separated by short lulls, as in turning over or stretching. */
export function burstsEnvelope(
  rng: Rng,
  startMs: number,
  endMs: number,
  loUv: number,
  hiUv: number,
): EnvelopePoints {
  const envelopeMs = [startMs];
  const envelopeUv = [0];
  let t = startMs;
  while (t < endMs) {
    const burstMs = Math.min(rng.uniform(300, 2000), endMs - t);
    const level = rng.logUniform(loUv, hiUv);
    envelopeMs.push(t + burstMs * 0.2, t + burstMs * 0.8, t + burstMs);
    envelopeUv.push(level, level * rng.uniform(0.6, 1), 0);
    t += burstMs + rng.uniform(50, 700);
  }
  const last = envelopeMs.length - 1;
  if (envelopeMs[last]! > endMs) envelopeMs[last] = endMs;
  return { envelopeMs, envelopeUv };
}

/** Waxing and waning around `levelUv` (x0.55-1.15, a new level every 1-4 s) from `fromMs` to `toMs`. */
export function plateauPoints(
  rng: Rng,
  env: EnvelopePoints,
  fromMs: number,
  toMs: number,
  levelUv: number,
): void {
  for (let t = fromMs + rng.uniform(1000, 4000); t < toMs; t += rng.uniform(1000, 4000)) {
    env.envelopeMs.push(t);
    env.envelopeUv.push(levelUv * rng.uniform(0.55, 1.15));
  }
}

/** Component RMS that lifts a resting level `baseUv` to a total of `totalUv` (independent signals add in quadrature). */
export function excessUv(baseUv: number, totalUv: number): number {
  return Math.sqrt(Math.max(0, totalUv * totalUv - baseUv * baseUv));
}
