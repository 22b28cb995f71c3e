import { BiquadChain } from './biquad-chain.ts';
import type { MainsHz } from './mains-detector.ts';
import { notchCoefficients, notchQForBandwidth } from './rbj-coefficients.ts';

/**
 * The frequencies to notch for hum at `mainsHz`: the fundamental and its harmonics up to
 * `maxHz` (the band's analog front end passes about 10-500 Hz, band protocol "The band"), each
 * kept only if the whole notch, centre + bandwidth, sits below Nyquist. None for `mainsHz` 0.
 */
export function humNotchFrequencies(
  mainsHz: MainsHz,
  sampleHz: number,
  maxHz: number,
  bandwidthHz: number,
): number[] {
  const out: number[] = [];
  if (mainsHz === 0) return out;
  for (let f = mainsHz; f <= maxHz && f + bandwidthHz < sampleHz / 2; f += mainsHz) out.push(f);
  return out;
}

/**
 * A bank of Audio EQ Cookbook notches at the mains fundamental and harmonics, each with the same
 * digital -3 dB bandwidth in Hz (see `notchQForBandwidth`): a fixed bandwidth removes the least EMG for a given
 * tolerance of grid-frequency error (±0.05 Hz costs about -26 dB at 2 Hz bandwidth). Settles
 * with a time constant of 1 / (π · bandwidth), 0.16 s at 2 Hz. An empty chain (a pass-through) when there is no hum.
 */
export function createHumNotches(
  mainsHz: MainsHz,
  sampleHz: number,
  maxHz: number,
  bandwidthHz: number,
): BiquadChain {
  return new BiquadChain(
    humNotchFrequencies(mainsHz, sampleHz, maxHz, bandwidthHz).map((f) =>
      notchCoefficients(f, sampleHz, notchQForBandwidth(f, sampleHz, bandwidthHz)),
    ),
  );
}
