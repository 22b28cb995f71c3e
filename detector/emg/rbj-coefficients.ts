/**
 * Second-order section coefficients from Robert Bristow-Johnson's "Cookbook formulae for audio
 * EQ biquad filter coefficients" (the Audio EQ Cookbook, W3C Audio WG note,
 * https://www.w3.org/TR/audio-eq-cookbook/), normalised so that a0 = 1:
 *
 *   y[n] = b0 x[n] + b1 x[n-1] + b2 x[n-2] - a1 y[n-1] - a2 y[n-2]
 *
 * with w0 = 2π fc / fs and alpha = sin(w0) / (2 Q). The bilinear transform is pre-warped so the
 * cutoff (or notch centre) lands exactly at `fcHz`.
 */
export interface BiquadCoefficients {
  readonly b0: number;
  readonly b1: number;
  readonly b2: number;
  readonly a1: number;
  readonly a2: number;
}

/** Q of a second-order Butterworth section: -3 dB at the cutoff, maximally flat passband. */
export const BUTTERWORTH_Q = Math.SQRT1_2;

/** Cookbook LPF: H(s) = 1 / (s² + s/Q + 1). */
export function lowPassCoefficients(fcHz: number, sampleHz: number, q: number): BiquadCoefficients {
  const { cos, alpha } = warp(fcHz, sampleHz, q);
  const a0 = 1 + alpha;
  const b = (1 - cos) / 2 / a0;
  return { b0: b, b1: 2 * b, b2: b, a1: (-2 * cos) / a0, a2: (1 - alpha) / a0 };
}

/** Cookbook HPF: H(s) = s² / (s² + s/Q + 1). */
export function highPassCoefficients(fcHz: number, sampleHz: number, q: number): BiquadCoefficients {
  const { cos, alpha } = warp(fcHz, sampleHz, q);
  const a0 = 1 + alpha;
  const b = (1 + cos) / 2 / a0;
  return { b0: b, b1: -2 * b, b2: b, a1: (-2 * cos) / a0, a2: (1 - alpha) / a0 };
}

/** Cookbook notch: H(s) = (s² + 1) / (s² + s/Q + 1); its -3 dB bandwidth is `fcHz / q`. */
export function notchCoefficients(fcHz: number, sampleHz: number, q: number): BiquadCoefficients {
  const { cos, alpha } = warp(fcHz, sampleHz, q);
  const a0 = 1 + alpha;
  return { b0: 1 / a0, b1: (-2 * cos) / a0, b2: 1 / a0, a1: (-2 * cos) / a0, a2: (1 - alpha) / a0 };
}

/**
 * The cookbook Q that gives a notch an exact digital -3 dB bandwidth of `bandwidthHz`: alpha =
 * tan(π·BW/fs), so Q = sin(w0) / (2 tan(π·BW/fs)) (Orfanidis, "Introduction to Signal
 * Processing", 1996, §11.3, the design behind MATLAB's iirnotch). The cookbook's own Q is the
 * analog prototype's, whose bandwidth the bilinear transform shrinks toward Nyquist (to 0.08 Hz
 * for Q = 240 at 480 Hz of 1 kHz).
 */
export function notchQForBandwidth(fcHz: number, sampleHz: number, bandwidthHz: number): number {
  if (!(bandwidthHz > 0 && bandwidthHz < sampleHz / 2)) {
    throw new RangeError(`notch: need 0 < bandwidth < fs/2, got ${bandwidthHz} Hz at fs ${sampleHz} Hz`);
  }
  return Math.sin((2 * Math.PI * fcHz) / sampleHz) / (2 * Math.tan((Math.PI * bandwidthHz) / sampleHz));
}

function warp(fcHz: number, sampleHz: number, q: number): { cos: number; alpha: number } {
  if (!(sampleHz > 0) || !(fcHz > 0) || !(fcHz < sampleHz / 2)) {
    throw new RangeError(`biquad: need 0 < fc < fs/2, got fc ${fcHz} Hz at fs ${sampleHz} Hz`);
  }
  if (!(q > 0) || !Number.isFinite(q)) throw new RangeError(`biquad: need Q > 0, got ${q}`);
  const w0 = (2 * Math.PI * fcHz) / sampleHz;
  return { cos: Math.cos(w0), alpha: Math.sin(w0) / (2 * q) };
}
