import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  BiquadChain,
  biquad,
  cascade,
  highPass,
  highPassCoefficients,
  lowPass,
  notch,
  notchCoefficients,
} from '../../../detector/emg/index.ts';
import { db, sineGain } from './gain.ts';
import { gaussian } from './signals.ts';

const close = (a: number, b: number, tol: number, what = '') =>
  assert.ok(Math.abs(a - b) <= tol, `${what} ${a} not within ${tol} of ${b}`);

describe('biquad (Audio EQ Cookbook)', () => {
  // Hand-computed: w0 = 2π·20/1000, alpha = sin(w0)/(2·0.7071), normalised by a0 = 1 + alpha.
  const HP20 = {
    b0: 0.9149691441130826,
    b1: -1.8299382882261652,
    b2: 0.9149691441130826,
    a1: -1.822694925196308,
    a2: 0.8371816512560225,
  };

  it('computes the cookbook HPF coefficients', () => {
    const c = highPassCoefficients(20, 1000, Math.SQRT1_2);
    for (const k of ['b0', 'b1', 'b2', 'a1', 'a2'] as const) close(c[k], HP20[k], 1e-15, k);
  });

  it('has the hand-computed impulse response', () => {
    const f = highPass(20, 1000);
    const expected = [
      0.9149691441130826, -0.16222867254004014, -0.14671961296388236, -0.13161022601789146,
      -0.11705432321400232,
    ];
    const got = [1, 0, 0, 0, 0].map((x) => f.next(x));
    got.forEach((y, i) => close(y, expected[i]!, 1e-15, `y[${i}]`));
  });

  it('high-pass: -3 dB at the cutoff, ≈1 in the passband, -12 dB/octave below', () => {
    for (const [fc, fs] of [
      [20, 1000],
      [30, 1000],
      [20, 250],
      [30, 4000],
    ] as const) {
      const f = highPass(fc, fs);
      close(db(sineGain(f, fc, fs)), -3.01, 0.1, `HP ${fc}@${fs} at fc`);
      close(sineGain(f, 100, fs), 1, 0.02, `HP ${fc}@${fs} at 100 Hz`);
      assert.ok(db(sineGain(f, fc / 4, fs)) < -23, `HP ${fc}@${fs} two octaves below`);
    }
  });

  it('low-pass: -3 dB at the cutoff, ≈1 well below, falls above', () => {
    const f = lowPass(20, 1000);
    close(db(sineGain(f, 20, 1000)), -3.01, 0.1, 'LP at fc');
    close(sineGain(f, 2, 1000), 1, 0.001, 'LP at 2 Hz');
    assert.ok(db(sineGain(f, 80, 1000)) < -23);
  });

  it('notch: removes its frequency by > 40 dB and passes 100 Hz within 1%', () => {
    for (const [fc, fs] of [
      [50, 1000],
      [60, 1000],
      [60, 250],
      [50, 4000],
    ] as const) {
      const f = notch(fc, fs, fc / 2);
      assert.ok(db(sineGain(f, fc, fs)) < -40, `notch ${fc}@${fs}`);
      close(sineGain(f, 100, fs), 1, 0.01, `notch ${fc}@${fs} at 100 Hz`);
    }
  });

  it('notch: -3 dB bandwidth is fc / Q', () => {
    const f = notch(50, 1000, 25); // 2 Hz wide
    close(db(sineGain(f, 51, 1000, 8)), -3.01, 0.15, 'at fc + BW/2');
    close(db(sineGain(f, 49, 1000, 8)), -3.01, 0.15, 'at fc - BW/2');
  });

  it('reset(x0) settles to the steady state of a constant input', () => {
    for (const f of [highPass(30, 1000), lowPass(20, 1000), notch(50, 1000, 25)]) {
      f.reset(7.5);
      const dc = f.dcGain() * 7.5;
      for (let i = 0; i < 5; i++) close(f.next(7.5), dc, 1e-12);
    }
    const hp = highPass(30, 1000);
    hp.reset(-120);
    assert.ok(Math.abs(hp.next(-120)) < 1e-12, 'a high-pass of a settled offset outputs 0');
  });

  it('rejects a cutoff at or above Nyquist and a non-positive Q', () => {
    assert.throws(() => highPass(500, 1000), RangeError);
    assert.throws(() => notch(50, 1000, 0), RangeError);
    assert.throws(() => lowPass(0, 1000), RangeError);
  });

  it('BiquadChain is bit-identical to a Cascade of Biquads, sample by sample and in blocks', () => {
    const coeffs = [notchCoefficients(50, 1000, 25), notchCoefficients(150, 1000, 75), HP20];
    const reference = cascade(...coeffs.map((c) => biquad(c)));
    const perSample = new BiquadChain(coeffs);
    const blocks = new BiquadChain(coeffs);
    const g = gaussian(3);
    const x = Float64Array.from({ length: 1000 }, () => 10 * g());
    const buf = x.slice();
    for (const [a, b] of [
      [0, 7],
      [7, 400],
      [400, 401],
      [401, 1000],
    ] as const)
      blocks.process(buf, a, b);
    for (let i = 0; i < x.length; i++) {
      const y = reference.next(x[i]!);
      assert.equal(perSample.next(x[i]!), y);
      assert.equal(buf[i], y);
    }
  });
});
