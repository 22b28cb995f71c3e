import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { createEmgConditioner } from '../../../detector/emg/index.ts';
import type { EmgEpoch } from '../../../detector/epoch.ts';
import { emgSignal } from './signals.ts';

const T0 = 1_764_201_600_037; // not on an epoch boundary

/** Pushes `x` in frames of about `frameMs`, each frame's t0 its first sample's exact time. */
function inFrames(x: Float32Array, hz: number, frameMs: number, t0 = T0): EmgEpoch[] {
  const c = createEmgConditioner();
  const n = Math.max(1, Math.round((hz * frameMs) / 1000));
  const out: EmgEpoch[] = [];
  for (let i = 0; i < x.length; i += n) out.push(...c.push(x.subarray(i, i + n), hz, t0 + (i * 1000) / hz));
  out.push(...c.flush());
  return out;
}

describe('emg conditioner: epochs', () => {
  for (const hz of [250, 1000, 4000]) {
    it(`${hz} Hz: contiguous 100 ms epochs on the band-time grid, each sample counted once`, () => {
      const x = emgSignal({ hz, seconds: 11, noiseUv: 3, humUv: 10, mainsHz: 50, seed: 31 });
      // Reference membership: sample i belongs to floor((t0 + i·1000/hz) / 100)·100.
      const peaks = new Map<number, number>();
      for (let i = 0; i < x.length; i++) {
        const start = Math.floor((T0 + (i * 1000) / hz) / 100) * 100;
        peaks.set(start, Math.max(peaks.get(start) ?? 0, Math.abs(x[i]!)));
      }
      const oneFrame = inFrames(x, hz, 11_000);
      assert.equal(oneFrame.length, peaks.size);
      for (const frameMs of [40, 230, 5000]) {
        const epochs = inFrames(x, hz, frameMs);
        assert.equal(epochs.length, peaks.size, `${frameMs} ms frames`);
        epochs.forEach((e, k) => {
          assert.equal(e.startMs, Math.floor(T0 / 100) * 100 + 100 * k);
          assert.equal(e.peakUv, peaks.get(e.startMs), `${frameMs} ms frames, epoch ${k}`);
          const same = oneFrame[k]!;
          for (const f of ['rmsUv', 'lowFreqUv', 'humUv'] as const) {
            assert.ok(Math.abs(e[f] - same[f]) <= 1e-9 * same[f], `${f} of epoch ${k}, ${frameMs} ms frames`);
          }
        });
      }
    });
  }

  it('emits an epoch as soon as its last sample arrives, carrying the partial one over', () => {
    const c = createEmgConditioner();
    const x = emgSignal({ hz: 1000, seconds: 0.3, noiseUv: 3, seed: 32 });
    const t0 = 1_764_201_600_000;
    assert.equal(c.push(x.subarray(0, 40), 1000, t0).length, 0);
    assert.equal(c.push(x.subarray(40, 80), 1000, t0 + 40).length, 0);
    assert.deepEqual(
      c.push(x.subarray(80, 200), 1000, t0 + 80).map((e) => e.startMs),
      [t0, t0 + 100],
    );
    assert.deepEqual(c.push(x.subarray(200, 230), 1000, t0 + 200), []);
    assert.deepEqual(
      c.flush().map((e) => e.startMs),
      [t0 + 200],
    );
    assert.deepEqual(c.flush(), []);
  });

  it('never goes back in time when t0 drifts by a few ms', () => {
    const c = createEmgConditioner();
    const x = emgSignal({ hz: 1000, seconds: 10, noiseUv: 3, seed: 33 });
    const g = [0, -7, 12, -30, 3, 45, -45, 0, 8, -2];
    const starts: number[] = [];
    for (let f = 0; f < 50; f++) {
      const t0 = T0 + 200 * f + (g[f % g.length] ?? 0);
      for (const e of c.push(x.subarray(200 * f, 200 * f + 200), 1000, t0)) starts.push(e.startMs);
    }
    for (let k = 1; k < starts.length; k++) {
      assert.ok(starts[k]! > starts[k - 1]!, `epoch ${k}`);
      assert.equal(starts[k]! % 100, 0);
    }
    assert.ok(starts.length >= 95 && starts.length <= 100, `${starts.length} epochs for 10 s`);
  });

  it('reset drops the partial epoch and restarts the grid; a new rate flushes, then resets', () => {
    const c = createEmgConditioner();
    const x = emgSignal({ hz: 1000, seconds: 1, noiseUv: 3, seed: 34 });
    assert.equal(c.push(x.subarray(0, 150), 1000, 1000).length, 1);
    c.reset();
    assert.deepEqual(c.flush(), []);
    // After a reboot the band's clock may restart anywhere; epochs follow it.
    assert.deepEqual(
      c.push(x.subarray(0, 100), 1000, 500).map((e) => e.startMs),
      [500],
    );
    assert.equal(c.push(x.subarray(0, 50), 1000, 600).length, 0);
    const y = emgSignal({ hz: 250, seconds: 1, noiseUv: 3, seed: 35 });
    assert.deepEqual(
      c.push(y.subarray(0, 25), 250, 700).map((e) => e.startMs),
      [600, 700],
    );
  });

  it('rejects a sample rate outside the protocol', () => {
    assert.throws(() => createEmgConditioner().push(new Float32Array(10), 100, T0), RangeError);
  });
});
