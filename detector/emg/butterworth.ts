import { BiquadChain } from './biquad-chain.ts';
import { type BiquadCoefficients, highPassCoefficients, lowPassCoefficients } from './rbj-coefficients.ts';

/**
 * Q of each second-order section of an even-order Butterworth filter: the poles sit evenly on
 * a circle, Q_k = 1 / (2 cos((2k - 1) π / (2 n))), k = 1..n/2 (e.g. Smith, "Digital Filters",
 * cascaded Butterworth sections). Order 2 gives 1/√2; order 4 gives 0.5412 and 1.3066.
 */
export function butterworthQs(order: number): number[] {
  if (!Number.isInteger(order) || order < 2 || order % 2 !== 0) {
    throw new RangeError(`butterworth: order must be an even integer >= 2, got ${order}`);
  }
  const qs: number[] = [];
  for (let k = 1; k <= order / 2; k++) qs.push(1 / (2 * Math.cos(((2 * k - 1) * Math.PI) / (2 * order))));
  return qs;
}

/** The sections of a Butterworth high-pass of even `order`: -3 dB at `fcHz`, 6·order dB/octave below. */
export function butterworthHighPassSections(
  fcHz: number,
  sampleHz: number,
  order: number,
): BiquadCoefficients[] {
  return butterworthQs(order).map((q) => highPassCoefficients(fcHz, sampleHz, q));
}

/** The sections of a Butterworth low-pass of even `order`: -3 dB at `fcHz`. */
export function butterworthLowPassSections(
  fcHz: number,
  sampleHz: number,
  order: number,
): BiquadCoefficients[] {
  return butterworthQs(order).map((q) => lowPassCoefficients(fcHz, sampleHz, q));
}

/** Butterworth high-pass of even `order` as one {@link BiquadChain}. */
export function butterworthHighPass(fcHz: number, sampleHz: number, order: number): BiquadChain {
  return new BiquadChain(butterworthHighPassSections(fcHz, sampleHz, order));
}

/** Butterworth low-pass of even `order` as one {@link BiquadChain}. */
export function butterworthLowPass(fcHz: number, sampleHz: number, order: number): BiquadChain {
  return new BiquadChain(butterworthLowPassSections(fcHz, sampleHz, order));
}
