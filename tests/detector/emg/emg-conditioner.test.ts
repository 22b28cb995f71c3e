import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { createEmgConditioner } from '../../../detector/emg/index.ts';
import type { EmgEpoch } from '../../../detector/epoch.ts';
import { emgSignal, qrsTrain, rms, sine } from './signals.ts';

const T0 = 1_764_201_600_000;

/** RMS over epochs of a field (energy-weighted mean of equal-length epochs). */
const meanSquare = (epochs: readonly EmgEpoch[], pick: (e: EmgEpoch) => number) =>
  Math.sqrt(epochs.reduce((s, e) => s + pick(e) ** 2, 0) / epochs.length);

describe('emg conditioner: hum, high-pass, envelope', () => {
  it('detects 50/60/none and keeps the conditioned RMS within 10% of the noise (3 µV + 20 µV hum)', () => {
    for (const hz of [250, 1000, 4000]) {
      for (const mains of [50, 60, 0] as const) {
        const noisy = emgSignal({ hz, seconds: 12, noiseUv: 3, humUv: 20, mainsHz: mains, seed: 21 });
        const clean = emgSignal({ hz, seconds: 12, noiseUv: 3, seed: 21 });
        const c = createEmgConditioner();
        const settled = c.push(noisy, hz, T0).slice(40); // 2 s to decide, 1 s to settle
        const reference = createEmgConditioner({ mains: 0 }).push(clean, hz, T0).slice(40);
        assert.equal(c.mainsHz, mains, `${hz} Hz`);
        const got = meanSquare(settled, (e) => e.rmsUv);
        const want = meanSquare(reference, (e) => e.rmsUv);
        assert.ok(Math.abs(got / want - 1) < 0.1, `${hz} Hz, ${mains}: ${got} vs noise alone ${want}`);
        if (hz === 1000) assert.ok(Math.abs(got / 3 - 1) < 0.1, `${got} vs 3 µV of raw noise`);
        const hum = meanSquare(settled, (e) => e.humUv);
        if (mains === 0) assert.equal(hum, 0);
        else assert.ok(Math.abs(hum / 20 - 1) < 0.1, `removed hum ${hum} µV RMS`);
      }
    }
  });

  it('envelope of a 100 Hz sine of amplitude A settles at A/√2', () => {
    for (const hz of [250, 1000, 4000]) {
      const a = 40;
      const x = Float32Array.from(sine(hz * 3, hz, 100, a));
      const epochs = createEmgConditioner().push(x, hz, T0).slice(10);
      for (const e of epochs) {
        assert.ok(Math.abs(e.rmsUv / (a / Math.SQRT2) - 1) < 0.01, `${hz} Hz: ${e.rmsUv}`);
        assert.ok(e.peakUv <= a && e.peakUv > 0.95 * a, 'the largest sample is near the crest');
        assert.equal(e.humUv, 0);
        assert.equal(e.leadOffLike, false);
      }
    }
  });

  it('lowFreqUv measures motion artifact below 20 Hz; the high-pass removes it from rmsUv', () => {
    const hz = 1000;
    const x = emgSignal({ hz, seconds: 4, noiseUv: 3, seed: 22 });
    const artifact = sine(x.length, hz, 4, 100);
    for (let i = 0; i < x.length; i++) x[i] = x[i]! + artifact[i]!;
    const epochs = createEmgConditioner({ mains: 0 }).push(x, hz, T0).slice(20);
    const low = meanSquare(epochs, (e) => e.lowFreqUv);
    assert.ok(Math.abs(low / (100 / Math.SQRT2) - 1) < 0.05, `lowFreqUv ${low}`);
    assert.ok(meanSquare(epochs, (e) => e.rmsUv) < 3.3, 'a 100 µV, 4 Hz artifact adds < 10% to 3 µV');
  });

  it('removes most of ECG bleed (QRS 10-20 ms, 1/s, 50 µV)', (t) => {
    const hz = 1000;
    const report: string[] = [];
    for (const widthMs of [10, 15, 20]) {
      const ecg = Float32Array.from(qrsTrain(hz * 20, hz, 50, widthMs));
      const removed = (input: Parameters<typeof createEmgConditioner>[0]) => {
        const epochs = createEmgConditioner({ mains: 0, ...input })
          .push(ecg, hz, T0)
          .slice(20);
        return 1 - meanSquare(epochs, (e) => e.rmsUv) ** 2 / rms(ecg, 2000) ** 2;
      };
      const chosen = removed({});
      const deLuca = removed({ highPassHz: 20, highPassOrder: 2 });
      report.push(
        `${widthMs} ms: ${(100 * chosen).toFixed(0)}% of ECG energy removed (20 Hz/2nd order: ${(100 * deLuca).toFixed(0)}%)`,
      );
      assert.ok(chosen > deLuca, `${widthMs} ms QRS: 30 Hz/4th order beats 20 Hz/2nd`);
      assert.ok(chosen > (widthMs === 10 ? 0.55 : 0.85), `${widthMs} ms QRS: ${chosen}`);
    }
    t.diagnostic(report.join('; '));
  });
});
