/**
 * A second-order IIR section, direct form I, with the coefficient formulas of Robert
 * Bristow-Johnson's "Audio EQ Cookbook". Same tiny interface as every filter here: `next(x)`.
 */
export interface Filter {
  next(x: number): number;
  reset(): void;
}

interface Coefficients {
  readonly b0: number;
  readonly b1: number;
  readonly b2: number;
  readonly a1: number;
  readonly a2: number;
}

export function biquadLowpass(cutoffHz: number, sampleHz: number, q = Math.SQRT1_2): Filter {
  const { cos, alpha } = prewarp(cutoffHz, sampleHz, q);
  const a0 = 1 + alpha;
  return biquad({
    b0: (1 - cos) / 2 / a0,
    b1: (1 - cos) / a0,
    b2: (1 - cos) / 2 / a0,
    a1: (-2 * cos) / a0,
    a2: (1 - alpha) / a0,
  });
}

export function biquadHighpass(cutoffHz: number, sampleHz: number, q = Math.SQRT1_2): Filter {
  const { cos, alpha } = prewarp(cutoffHz, sampleHz, q);
  const a0 = 1 + alpha;
  return biquad({
    b0: (1 + cos) / 2 / a0,
    b1: -(1 + cos) / a0,
    b2: (1 + cos) / 2 / a0,
    a1: (-2 * cos) / a0,
    a2: (1 - alpha) / a0,
  });
}

/** Removes a narrow band around `centerHz` (e.g. mains hum); `q` sets how narrow. */
export function biquadNotch(centerHz: number, sampleHz: number, q = 10): Filter {
  const { cos, alpha } = prewarp(centerHz, sampleHz, q);
  const a0 = 1 + alpha;
  return biquad({ b0: 1 / a0, b1: (-2 * cos) / a0, b2: 1 / a0, a1: (-2 * cos) / a0, a2: (1 - alpha) / a0 });
}

/** Filters applied one after the other. */
export function cascade(...filters: Filter[]): Filter {
  return {
    next(x) {
      let y = x;
      for (const f of filters) y = f.next(y);
      return y;
    },
    reset() {
      for (const f of filters) f.reset();
    },
  };
}

/**
 * The RMS a filter outputs for unit-RMS white noise: the square root of its impulse response's
 * energy (Parseval). Resets the filter.
 */
export function whiteNoiseGain(filter: Filter, samples = 1 << 14): number {
  filter.reset();
  let energy = filter.next(1) ** 2;
  for (let i = 1; i < samples; i++) energy += filter.next(0) ** 2;
  filter.reset();
  return Math.sqrt(energy);
}

function prewarp(hz: number, sampleHz: number, q: number) {
  const w = (2 * Math.PI * hz) / sampleHz;
  return { cos: Math.cos(w), alpha: Math.sin(w) / (2 * q) };
}

function biquad(c: Coefficients): Filter {
  let x1 = 0;
  let x2 = 0;
  let y1 = 0;
  let y2 = 0;
  return {
    next(x) {
      const y = c.b0 * x + c.b1 * x1 + c.b2 * x2 - c.a1 * y1 - c.a2 * y2;
      x2 = x1;
      x1 = x;
      y2 = y1;
      y1 = y;
      return y;
    },
    reset() {
      x1 = x2 = y1 = y2 = 0;
    },
  };
}
