import assert from 'node:assert/strict';
import { test } from 'node:test';
import {
  biquadHighpass,
  biquadLowpass,
  biquadNotch,
  type Filter,
  whiteNoiseGain,
} from '../../simulator/signal/dsp/biquad.ts';
import { resample } from '../../simulator/textures/resample.ts';

/** Steady-state gain of a filter for a sine at `hz` (output RMS over input RMS, after a second of settling). */
function gainAt(filter: Filter, hz: number, fs: number): number {
  filter.reset();
  let sum = 0;
  for (let i = 0; i < fs * 2; i++) {
    const y = filter.next(Math.sin((2 * Math.PI * hz * i) / fs));
    if (i >= fs) sum += y * y;
  }
  return Math.sqrt(sum / fs) / Math.SQRT1_2;
}

test('Butterworth biquads are -3 dB at their cutoff, pass the band and stop far from it', () => {
  const fs = 1000;
  const hp = biquadHighpass(20, fs);
  assert.ok(Math.abs(gainAt(hp, 20, fs) - Math.SQRT1_2) < 0.01);
  assert.ok(gainAt(hp, 200, fs) > 0.99);
  assert.ok(gainAt(hp, 2, fs) < 0.02);
  const lp = biquadLowpass(100, fs);
  assert.ok(Math.abs(gainAt(lp, 100, fs) - Math.SQRT1_2) < 0.01);
  assert.ok(gainAt(lp, 5, fs) > 0.99);
  assert.ok(gainAt(lp, 450, fs) < 0.03);
});

test('a notch removes its centre frequency and leaves the rest', () => {
  const notch = biquadNotch(50, 1000);
  assert.ok(gainAt(notch, 50, 1000) < 0.01);
  assert.ok(gainAt(notch, 150, 1000) > 0.95);
});

test('whiteNoiseGain is the impulse response energy: 1 for a pass-through, less for a low-pass', () => {
  const through: Filter = { next: (x) => x, reset() {} };
  assert.equal(whiteNoiseGain(through), 1);
  // An ideal low-pass at a quarter of Nyquist passes a quarter of white noise power: gain about 0.5.
  const g = whiteNoiseGain(biquadLowpass(125, 1000));
  assert.ok(g > 0.4 && g < 0.6, String(g));
});

test('resampling keeps a sine below the new Nyquist and removes one above it', () => {
  const from = 2000;
  const sine = (hz: number) =>
    Array.from({ length: from }, (_, i) => Math.sin((2 * Math.PI * hz * i) / from));
  const rmsOf = (x: Float32Array) => {
    const mid = x.slice(Math.floor(x.length / 10), -Math.floor(x.length / 10));
    return Math.sqrt(mid.reduce((s, v) => s + v * v, 0) / mid.length);
  };
  const kept = resample(sine(60), from, 250);
  assert.equal(kept.length, Math.floor(((from - 1) * 250) / from) + 1);
  assert.ok(Math.abs(rmsOf(kept) - Math.SQRT1_2) < 0.02);
  assert.ok(rmsOf(resample(sine(400), from, 250)) < 0.02);
  const up = resample(sine(60), from, 4000);
  assert.ok(Math.abs(rmsOf(up) - Math.SQRT1_2) < 0.02);
});
