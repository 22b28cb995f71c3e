import type { Rng } from '../random/rng.ts';
import { biquadHighpass, biquadLowpass, cascade, whiteNoiseGain } from './dsp/biquad.ts';
import type { Source } from './texture-player.ts';

/**
 * Resting calf EMG and amplifier noise: Gaussian noise band-passed to about 20-450 Hz (the
 * surface-EMG band, detector notes "Filters"), unit RMS; the caller scales it to the resting level.
 */
export function createBaselineNoise(rng: Rng, emgHz: number): Source {
  const band = () => cascade(biquadHighpass(20, emgHz), biquadLowpass(Math.min(450, 0.45 * emgHz), emgHz));
  const filter = band();
  const gain = 1 / whiteNoiseGain(band());
  return { next: () => filter.next(rng.normal()) * gain };
}
