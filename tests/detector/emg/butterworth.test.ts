import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { butterworthHighPass, butterworthLowPass, butterworthQs } from '../../../detector/emg/index.ts';
import { db, sineGain } from './gain.ts';

describe('butterworth', () => {
  it('has the textbook section Qs', () => {
    assert.deepEqual(
      butterworthQs(2).map((q) => q.toFixed(4)),
      ['0.7071'],
    );
    assert.deepEqual(
      butterworthQs(4).map((q) => q.toFixed(4)),
      ['0.5412', '1.3066'],
    );
    assert.throws(() => butterworthQs(3), RangeError);
  });

  it('4th-order high-pass: -3 dB at fc, flat above, -24 dB/octave below', () => {
    for (const fs of [250, 1000, 4000]) {
      const f = butterworthHighPass(30, fs, 4);
      assert.ok(Math.abs(db(sineGain(f, 30, fs)) + 3.01) < 0.1, `${fs} Hz at fc`);
      assert.ok(Math.abs(sineGain(f, 100, fs) - 1) < 0.005, `${fs} Hz at 100 Hz`);
      assert.ok(db(sineGain(f, 15, fs)) < -23, `${fs} Hz an octave below`);
    }
  });

  it('4th-order low-pass: -3 dB at fc, -24 dB/octave above', () => {
    const f = butterworthLowPass(20, 1000, 4);
    assert.ok(Math.abs(db(sineGain(f, 20, 1000)) + 3.01) < 0.1);
    assert.ok(Math.abs(sineGain(f, 5, 1000) - 1) < 0.001);
    assert.ok(db(sineGain(f, 40, 1000)) < -23);
  });
});
