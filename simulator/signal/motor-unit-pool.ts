import type { Rng } from '../random/rng.ts';
import type { Source } from './texture-player.ts';

interface MotorUnit {
  readonly template: Float32Array;
  readonly meanIsiSamples: number;
  nextFire: number;
  /** Active until this sample, then rests until `restUntil`. */
  activeUntil: number;
  restUntil: number;
}

/** Inter-spike variability in cramps: about 45% (Minetto et al. 2009, via detector notes). */
const ISI_CV = 0.45;
const ISI_SIGMA = Math.sqrt(Math.log(1 + ISI_CV * ISI_CV));

/**
 * Irregular motor-unit firing as in cramps: each unit fires at 14.5 ± 5.1 pulses/s (6-25) with
 * log-normal inter-spike intervals (CV 0.45), stays active 23.6 ± 16.2 s and rests a few
 * seconds (Minetto et al. 2009). Action potentials are bi- or triphasic (derivatives of a
 * Gaussian, 1-3 ms). Scaled by Campbell's theorem so the pool's expected RMS is 1.
 */
export function createMotorUnitPool(rng: Rng, emgHz: number, count: number): Source {
  const units: MotorUnit[] = [];
  let power = 0;
  for (let k = 0; k < count; k++) {
    const rateHz = clamp(14.5 + 5.1 * rng.normal(), 6, 25);
    const template = muap(rng, emgHz);
    let energy = 0;
    for (const v of template) energy += v * v;
    power += (rateHz / emgHz) * energy * activeShare();
    units.push({
      template,
      meanIsiSamples: emgHz / rateHz,
      nextFire: Math.floor(rng.uniform(0, emgHz / rateHz)),
      activeUntil: Math.floor(rng.uniform(3, 40) * emgHz),
      restUntil: 0,
    });
  }
  const gain = power > 0 ? 1 / Math.sqrt(power) : 0;
  const longest = Math.max(1, ...units.map((u) => u.template.length));
  const ring = new Float64Array(longest);
  let n = 0;
  return {
    next() {
      for (const u of units) {
        if (n < u.nextFire) continue;
        if (n >= u.activeUntil) {
          u.restUntil = n + Math.floor(rng.uniform(1, 5) * emgHz);
          u.activeUntil = u.restUntil + Math.floor(Math.max(3, 23.6 + 16.2 * rng.normal()) * emgHz);
          u.nextFire = u.restUntil;
          continue;
        }
        for (let i = 0; i < u.template.length; i++) ring[(n + i) % longest]! += u.template[i]!;
        const isi = (u.meanIsiSamples * Math.exp(ISI_SIGMA * rng.normal())) / Math.sqrt(1 + ISI_CV * ISI_CV);
        u.nextFire = n + Math.max(1, Math.round(isi));
      }
      const slot = n % longest;
      const v = ring[slot]! * gain;
      ring[slot] = 0;
      n++;
      return v;
    },
  };
}

/** Share of time a unit is active: mean 23.6 s on, about 3 s off. */
function activeShare(): number {
  return 23.6 / (23.6 + 3);
}

function muap(rng: Rng, emgHz: number): Float32Array {
  const sigma = (rng.uniform(1, 3) / 1000) * emgHz;
  const half = Math.max(2, Math.ceil(4 * sigma));
  const amplitude = rng.logNormal(1, 0.5) * (rng.chance(0.5) ? 1 : -1);
  const triphasic = rng.chance(0.4);
  const out = new Float32Array(2 * half + 1);
  for (let i = 0; i < out.length; i++) {
    const u = (i - half) / sigma;
    const g = Math.exp(-0.5 * u * u);
    out[i] = amplitude * (triphasic ? (1 - u * u) * g : -u * g);
  }
  return out;
}

function clamp(x: number, lo: number, hi: number): number {
  return Math.min(hi, Math.max(lo, x));
}
