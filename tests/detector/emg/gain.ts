import type { SampleFilter } from '../../../detector/emg/index.ts';
import { rms, sine } from './signals.ts';

/**
 * Steady-state gain of `filter` at `freqHz`: amplitude ratio of a sine after `settleS` seconds,
 * measured over the following whole second (an integer number of cycles for integer Hz).
 */
export function sineGain(filter: SampleFilter, freqHz: number, sampleHz: number, settleS = 4): number {
  filter.reset();
  const n = Math.round(sampleHz * (settleS + 1));
  const x = sine(n, sampleHz, freqHz, 1);
  const y = new Float64Array(n);
  for (let i = 0; i < n; i++) y[i] = filter.next(x[i]!);
  const from = n - sampleHz;
  return rms(y, from) / rms(x, from);
}

/** Decibels of an amplitude ratio. */
export const db = (ratio: number): number => 20 * Math.log10(ratio);
