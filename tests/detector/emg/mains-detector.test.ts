import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { EMG_DEFAULTS, MainsDetector, type MainsHz } from '../../../detector/emg/index.ts';
import { addHum, emgSignal } from './signals.ts';

/** Feeds `x` in 200 ms frames and returns the decision after each second. */
function decisions(detector: MainsDetector, x: Float32Array, hz: number): MainsHz[] {
  const out: MainsHz[] = [];
  const frame = hz / 5;
  for (let i = 0; i < x.length; i += frame) {
    detector.process(x, i, Math.min(x.length, i + frame));
    if ((i + frame) % hz === 0) out.push(detector.mainsHz);
  }
  return out;
}

describe('mains detector', () => {
  const options = EMG_DEFAULTS.mainsDetector;

  it('picks 50, 60 or none: noise 3 µV RMS + hum 20 µV with harmonics, every rate', () => {
    for (const hz of [250, 1000, 4000]) {
      for (const mains of [50, 60, 0] as const) {
        for (const seed of [1, 2, 3]) {
          const x = emgSignal({ hz, seconds: 6, noiseUv: 3, humUv: 20, mainsHz: mains, seed });
          const d = decisions(new MainsDetector(hz, options), x, hz);
          // Two consecutive 1 s blocks of evidence, then it holds.
          assert.deepEqual(d, mains === 0 ? [0, 0, 0, 0, 0, 0] : [0, mains, mains, mains, mains, mains]);
        }
      }
    }
  });

  it('finds hum at a grid frequency error, and weak hum (1.5 µV under 3 µV of noise)', () => {
    for (const [mains, humUv] of [
      [50.04, 20],
      [59.95, 20],
      [50, 1.5],
    ] as const) {
      const x = emgSignal({ hz: 1000, seconds: 4, noiseUv: 3, seed: 4 });
      addHum(x, 1000, mains, humUv);
      assert.equal(decisions(new MainsDetector(1000, options), x, 1000).at(-1), Math.round(mains / 10) * 10);
    }
  });

  it('ignores motion artifact below 20 Hz', () => {
    const x = emgSignal({ hz: 1000, seconds: 5, noiseUv: 3, seed: 5 });
    for (let i = 0; i < x.length; i++) x[i] = x[i]! + 300 * Math.sin((2 * Math.PI * 3.3 * i) / 1000);
    assert.deepEqual(decisions(new MainsDetector(1000, options), x, 1000), [0, 0, 0, 0, 0]);
  });

  it('holds 50 Hz through a loud burst, moves to 60 Hz after 3 s of it, releases after 30 s of none', () => {
    const d = new MainsDetector(1000, options, 50);
    const burst = emgSignal({ hz: 1000, seconds: 10, noiseUv: 150, seed: 6 });
    addHum(burst, 1000, 50, 5);
    assert.ok(
      decisions(d, burst, 1000).every((m) => m === 50),
      'a 150 µV burst hides 5 µV hum for 10 s',
    );
    const sixty = emgSignal({ hz: 1000, seconds: 4, noiseUv: 3, humUv: 20, mainsHz: 60, seed: 7 });
    assert.deepEqual(decisions(d, sixty, 1000), [50, 50, 60, 60]);
    const clean = emgSignal({ hz: 1000, seconds: 40, noiseUv: 3, seed: 8 });
    const released = decisions(d, clean, 1000);
    assert.equal(released[28], 60, 'not before 30 blocks without hum');
    assert.equal(released.at(-1), 0);
  });

  it('keeps its decision through reset', () => {
    const d = new MainsDetector(1000, options, 60);
    d.reset();
    assert.equal(d.mainsHz, 60);
  });
});
