import type { EmgComponent } from '../plan/night-plan.ts';
import { createRng } from '../random/rng.ts';
import { holdTextures, phasicTextures } from '../textures/real-emg.ts';
import { createMotorUnitPool } from './motor-unit-pool.ts';
import { createTexturePlayer, type Source } from './texture-player.ts';

/** One planned EMG component being played: adds its samples into a frame's buffer. */
export interface EmgVoice {
  /** Adds samples `first .. first + out.length - 1` (EMG sample indices of the night). */
  addTo(out: Float32Array, first: number): void;
}

/** Builds the component's sources (texture, offsets, motor units drawn from its own seed). */
export function createEmgVoice(component: EmgComponent, emgHz: number, seed: number): EmgVoice {
  const rng = createRng(seed, 'voice', component.seed);
  const { mix } = component;
  const sources: { weight: number; source: Source }[] = [];
  if (mix.hold > 0) {
    const texture = rng.pick(holdTextures(emgHz));
    sources.push({
      weight: mix.hold,
      source: createTexturePlayer(texture, rng.int(0, texture.samples.length - 1)),
    });
  }
  if (mix.motorUnits > 0) {
    sources.push({ weight: mix.motorUnits, source: createMotorUnitPool(rng, emgHz, rng.int(4, 15)) });
  }
  if (mix.phasic > 0) {
    const texture = rng.pick(phasicTextures(emgHz));
    const offset = rng.pick(texture.burstStarts) + rng.int(-emgHz / 20, emgHz / 10);
    sources.push({ weight: mix.phasic, source: createTexturePlayer(texture, offset) });
  }
  if (mix.noise > 0) sources.push({ weight: mix.noise, source: { next: () => rng.normal() } });

  const times = component.envelopeMs;
  const levels = component.envelopeUv;
  let k = 0;
  const msPerSample = 1000 / emgHz;
  return {
    addTo(out, first) {
      for (let i = 0; i < out.length; i++) {
        const t = (first + i) * msPerSample;
        if (t < component.startMs || t >= component.endMs) continue;
        while (k < times.length - 2 && times[k + 1]! <= t) k++;
        const t0 = times[k]!;
        const t1 = times[k + 1] ?? t0;
        const l0 = levels[k]!;
        const l1 = levels[k + 1] ?? l0;
        const frac = t1 > t0 ? Math.min(1, Math.max(0, (t - t0) / (t1 - t0))) : 0;
        const level = l0 + (l1 - l0) * frac;
        let x = 0;
        for (const s of sources) x += s.weight * s.source.next();
        out[i] = out[i]! + level * x;
      }
    },
  };
}
