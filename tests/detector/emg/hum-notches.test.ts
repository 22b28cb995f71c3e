import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { createHumNotches, humNotchFrequencies } from '../../../detector/emg/index.ts';
import { db, sineGain } from './gain.ts';

describe('hum notches', () => {
  it('notch the fundamental and harmonics up to 500 Hz, below Nyquist', () => {
    const table = [
      [50, 1000, [50, 100, 150, 200, 250, 300, 350, 400, 450]],
      [60, 1000, [60, 120, 180, 240, 300, 360, 420, 480]],
      [50, 250, [50, 100]],
      [60, 250, [60, 120]],
      [50, 4000, [50, 100, 150, 200, 250, 300, 350, 400, 450, 500]],
      [0, 1000, []],
    ] as const;
    for (const [mains, fs, expected] of table) {
      assert.deepEqual(humNotchFrequencies(mains, fs, 500, 2), expected, `${mains} Hz at ${fs}`);
    }
  });

  it('remove every harmonic by > 40 dB and pass EMG between them', () => {
    const f = createHumNotches(60, 1000, 500, 2);
    for (const h of [60, 120, 180, 300, 480]) assert.ok(db(sineGain(f, h, 1000)) < -40, `${h} Hz`);
    for (const between of [90, 100, 210])
      assert.ok(Math.abs(sineGain(f, between, 1000) - 1) < 0.01, `${between}`);
  });

  // The edges sit slightly off-centre near Nyquist (the bilinear warp), so ±0.5 dB at f ± 1 Hz.
  it('are each 2 Hz wide at -3 dB, even near Nyquist', () => {
    for (const [mains, fs, h] of [
      [60, 1000, 60],
      [60, 1000, 480],
      [60, 250, 120],
    ] as const) {
      const f = createHumNotches(mains, fs, 500, 2);
      for (const edge of [h - 1, h + 1]) {
        assert.ok(Math.abs(db(sineGain(f, edge, fs, 8)) + 3.01) < 0.5, `${h} Hz of ${fs}: at ${edge} Hz`);
      }
    }
  });
});
