import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { createEmgConditioner } from '../../../detector/emg/index.ts';
import { emgSignal, gaussian } from './signals.ts';

const T0 = 1_764_201_600_000;
const FULL_SCALE_UV = 3276.7; // i16 at the default 0.1 µV per count

function flags(x: Float32Array, hz = 1000, c = createEmgConditioner()): boolean[] {
  return c.push(x, hz, T0).map((e) => e.leadOffLike);
}

describe('emg conditioner: leadOffLike', () => {
  it('flags a signal pinned at the rail, and one swinging rail to rail', () => {
    assert.ok(flags(new Float32Array(1000).fill(FULL_SCALE_UV)).every(Boolean));
    const g = gaussian(41);
    const swing = Float32Array.from(
      { length: 1000 },
      (_, i) => (i % 7 < 3 ? 1 : -1) * (FULL_SCALE_UV - Math.abs(g())),
    );
    assert.ok(flags(swing).every(Boolean));
  });

  it('flags a flat signal: a constant offset, or under 0.05 µV of noise', () => {
    assert.ok(flags(new Float32Array(1000).fill(12.3)).every(Boolean));
    const g = gaussian(42);
    assert.ok(flags(Float32Array.from({ length: 1000 }, () => -4 + 0.02 * g())).every(Boolean));
  });

  it('flags the rail when EMG runs into it, after a loud contraction set a lower maximum', () => {
    const c = createEmgConditioner();
    const loud = emgSignal({ hz: 1000, seconds: 2, noiseUv: 400, seed: 43 });
    assert.ok(
      flags(loud, 1000, c).every((f) => !f),
      'peaks of a 400 µV RMS contraction are not rails',
    );
    const railed = new Float32Array(1000).fill(-FULL_SCALE_UV);
    assert.ok(
      c
        .push(railed, 1000, T0 + 2000)
        .map((e) => e.leadOffLike)
        .every(Boolean),
    );
  });

  it('does not flag normal EMG, quiet or with hum', () => {
    for (const [noiseUv, humUv] of [
      [2, 0],
      [3, 20],
      [150, 0],
    ] as const) {
      const x = emgSignal({ hz: 1000, seconds: 3, noiseUv, humUv, mainsHz: 60, seed: 44 });
      assert.ok(
        flags(x).every((f) => !f),
        `${noiseUv} µV + ${humUv} µV hum`,
      );
    }
  });

  it('does not call a sliver of an epoch flat', () => {
    const epochs = createEmgConditioner().push(new Float32Array(3).fill(1), 1000, T0 + 97);
    assert.deepEqual(
      epochs.map((e) => e.leadOffLike),
      [false],
    );
  });

  it('reports the largest |raw| sample as peakUv', () => {
    const x = emgSignal({ hz: 1000, seconds: 0.1, noiseUv: 3, seed: 45 });
    x[37] = -250;
    const [e] = createEmgConditioner().push(x, 1000, T0);
    assert.equal(e?.peakUv, 250);
  });
});
