import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { Goertzel, HannWindow } from '../../../detector/emg/index.ts';
import { gaussian } from './signals.ts';

describe('goertzel', () => {
  it('equals the DFT term |X(k)|² of the block', () => {
    const g = gaussian(9);
    const n = 500;
    const x = Array.from({ length: n }, () => g());
    for (const hz of [45, 50, 60, 123]) {
      const goertzel = new Goertzel(hz, 1000);
      for (const v of x) goertzel.next(v);
      let re = 0;
      let im = 0;
      for (let i = 0; i < n; i++) {
        re += x[i]! * Math.cos((2 * Math.PI * hz * i) / 1000);
        im -= x[i]! * Math.sin((2 * Math.PI * hz * i) / 1000);
      }
      const dft = re * re + im * im;
      assert.ok(Math.abs(goertzel.power() - dft) < 1e-9 * dft, `${hz} Hz`);
    }
  });

  it('reset starts a new block', () => {
    const goertzel = new Goertzel(50, 1000);
    goertzel.next(3);
    goertzel.reset();
    assert.equal(goertzel.power(), 0);
  });
});

describe('hann window', () => {
  it('is 0.5 - 0.5 cos(2πn/N) over consecutive blocks, summing to N/2', () => {
    const n = 1000;
    const w = new HannWindow(n);
    for (let block = 0; block < 3; block++) {
      let sum = 0;
      for (let i = 0; i < n; i++) {
        const v = w.next();
        assert.ok(Math.abs(v - (0.5 - 0.5 * Math.cos((2 * Math.PI * i) / n))) < 1e-12);
        sum += v;
      }
      assert.ok(Math.abs(sum - n / 2) < 1e-9);
      w.reset();
    }
  });
});
