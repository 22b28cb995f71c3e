import {
  type BiquadCoefficients,
  highPassCoefficients,
  lowPassCoefficients,
  notchCoefficients,
} from './rbj-coefficients.ts';
import type { SampleFilter } from './sample-filter.ts';

/**
 * One second-order IIR section in transposed direct form II (two float64 state variables; the
 * form with the best numerical behaviour of the four for floating point, Smith, "Introduction to
 * Digital Filters", 2007). Coefficients from the Audio EQ Cookbook (see `rbj-coefficients.ts`).
 * A class, not a closure, so every section shares one hidden class and call sites stay
 * monomorphic on the per-sample path.
 */
export class Biquad implements SampleFilter {
  readonly b0: number;
  readonly b1: number;
  readonly b2: number;
  readonly a1: number;
  readonly a2: number;
  private s1 = 0;
  private s2 = 0;

  constructor(c: BiquadCoefficients) {
    this.b0 = c.b0;
    this.b1 = c.b1;
    this.b2 = c.b2;
    this.a1 = c.a1;
    this.a2 = c.a2;
  }

  next(x: number): number {
    const y = this.b0 * x + this.s1;
    this.s1 = this.b1 * x - this.a1 * y + this.s2;
    this.s2 = this.b2 * x - this.a2 * y;
    return y;
  }

  reset(x0 = 0): void {
    const y = this.dcGain() * x0;
    this.s2 = this.b2 * x0 - this.a2 * y;
    this.s1 = y - this.b0 * x0;
  }

  /** Gain at 0 Hz, H(z = 1). */
  dcGain(): number {
    return (this.b0 + this.b1 + this.b2) / (1 + this.a1 + this.a2);
  }
}

/** A biquad with the given coefficients (a0 = 1). */
export function biquad(c: BiquadCoefficients): Biquad {
  return new Biquad(c);
}

/** Second-order high-pass, -3 dB at `fcHz` when `q` is 1/√2 (Butterworth). Audio EQ Cookbook HPF. */
export function highPass(fcHz: number, sampleHz: number, q: number = Math.SQRT1_2): Biquad {
  return new Biquad(highPassCoefficients(fcHz, sampleHz, q));
}

/** Second-order low-pass, -3 dB at `fcHz` when `q` is 1/√2 (Butterworth). Audio EQ Cookbook LPF. */
export function lowPass(fcHz: number, sampleHz: number, q: number = Math.SQRT1_2): Biquad {
  return new Biquad(lowPassCoefficients(fcHz, sampleHz, q));
}

/** Notch at `fcHz` (zero gain there), -3 dB bandwidth `fcHz / q`. Audio EQ Cookbook notch. */
export function notch(fcHz: number, sampleHz: number, q: number): Biquad {
  return new Biquad(notchCoefficients(fcHz, sampleHz, q));
}
