import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { MotionEpoch } from '../../../detector/epoch.ts';
import { createMotionAnalyzer, MOVING_MG } from '../../../detector/motion/index.ts';
import type { Frame } from '../../../protocol/index.ts';
import { type AccelRun, accelFrames, evenFrames, lying, T0 } from './accel-frames.ts';

function run(spec: AccelRun, analyzer = createMotionAnalyzer()): MotionEpoch[] {
  return accelFrames(spec).flatMap((f) => analyzer.push(f));
}

function median(xs: readonly number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)]!;
}

/** Odd frame sizes, the same for every test: 1 to 37 samples. */
function oddSizes(count: number): number[] {
  return Array.from({ length: count }, (_, i) => 1 + ((i * 17 + 5) % 37));
}

describe('motion analyzer: movement', () => {
  it('reads ≈ 0-15 mg for a still leg with 8 mg of noise per axis', () => {
    const epochs = run({ hz: 50, frameSamples: evenFrames(150, 10), pose: () => lying(0), noiseMg: 8 });
    const mg = epochs.map((e) => e.movementMg);
    assert.ok(median(mg) < 15, `median ${median(mg)}`);
    assert.ok(Math.max(...mg) < MOVING_MG, `max ${Math.max(...mg)}`);
    assert.ok(epochs.every((e) => e.posture === 'supine' && e.ankleDeg !== null));
    assert.ok(epochs.every((e) => Math.abs(e.ankleDeg! - 90) < 1.5));
  });

  it('reads hundreds of mg while turning over, and settles after', () => {
    // 10 s supine, a 3 s roll onto the left side with 150 mg of shaking, 10 s on the side.
    const roll = (t: number) => (t < 10_000 ? 0 : t < 13_000 ? (90 * (t - 10_000)) / 3000 : 90);
    const shake = (t: number) => (t >= 10_000 && t < 13_000 ? 150 * Math.sin(t / 40) : 0);
    const epochs = run({
      hz: 50,
      frameSamples: evenFrames(115, 10),
      noiseMg: 5,
      pose: (t) => {
        const p = lying(roll(t));
        return { shank: [p.shank[0] + shake(t), p.shank[1], p.shank[2] + shake(t + 7)], foot: p.foot };
      },
    });
    const turning = epochs.slice(100, 130);
    assert.ok(median(turning.map((e) => e.movementMg)) > 100);
    assert.ok(turning.every((e) => e.posture === 'unknown' && e.ankleDeg === null));
    const settled = epochs.slice(-40);
    assert.ok(settled.every((e) => e.movementMg < 20 && e.posture === 'left'));
  });
});

describe('motion analyzer: ankle angle observability', () => {
  it('reads the angle supine and prone, null lying on the side', () => {
    const at = (roll: number) =>
      run({ hz: 50, frameSamples: evenFrames(20, 10), pose: () => lying(roll, 110), noiseMg: 5 }).at(-1)!;
    assert.ok(Math.abs(at(0).ankleDeg! - 110) < 1);
    assert.ok(Math.abs(at(180).ankleDeg! - 110) < 1);
    assert.equal(at(90).ankleDeg, null);
    assert.equal(at(-90).ankleDeg, null);
    assert.equal(at(-90).posture, 'right');
  });

  it('is null without the foot clip', () => {
    const epochs = run({ hz: 50, frameSamples: evenFrames(20, 10), pose: () => lying(0), foot: false });
    assert.ok(epochs.every((e) => e.ankleDeg === null && e.posture === 'supine'));
  });

  it('is null while the foot moves, and while the vector is far from 1 g', () => {
    const wiggle = run({
      hz: 50,
      frameSamples: evenFrames(20, 10),
      pose: (t) => ({ shank: [0, 0, -1000], foot: [1000, 0, 200 * Math.sin(t / 50)] }),
    });
    assert.ok(wiggle.slice(5).every((e) => e.ankleDeg === null && e.posture === 'supine'));
    const heavy = run({ hz: 50, frameSamples: evenFrames(20, 10), pose: () => ({ shank: [0, 0, -1200] }) });
    assert.ok(heavy.every((e) => e.ankleDeg === null && e.movementMg > MOVING_MG));
  });
});

describe('motion analyzer: epochs', () => {
  for (const hz of [10, 25, 50, 200]) {
    it(`at ${hz} Hz: one epoch per 100 ms on the band-time grid, whatever the frame sizes`, () => {
      const sizes = oddSizes(60);
      const spanMs = (sizes.reduce((a, b) => a + b, 0) * 1000) / hz;
      const spec = { hz, frameSamples: sizes, pose: () => lying(0, 95), noiseMg: 6 };
      const epochs = run(spec);
      const first = Math.floor(T0 / 100) * 100;
      assert.equal(epochs.length, Math.floor((T0 + spanMs) / 100) - first / 100);
      epochs.forEach((e, i) => assert.equal(e.startMs, first + 100 * i));
      // Splitting the stream differently changes nothing.
      const whole = run({ ...spec, frameSamples: [sizes.reduce((a, b) => a + b, 0)] });
      assert.deepEqual(epochs, whole);
    });
  }

  it('at 10 Hz each epoch holds one sample', () => {
    const epochs = run({
      hz: 10,
      frameSamples: evenFrames(30, 1),
      pose: (t) => lying(0, t < 2000 ? 90 : 120),
    });
    assert.equal(epochs.length, 30);
    assert.ok(Math.abs(epochs[15]!.ankleDeg! - 90) < 1e-3);
  });

  it('holds the estimates over small holes (clock drift) and restarts after a gap', () => {
    const analyzer = createMotionAnalyzer();
    const frame = (t0: number): Frame =>
      accelFrames({ hz: 50, frameSamples: [10], t0, pose: () => lying(0) })[0]!;
    const a = analyzer.push(frame(T0));
    const b = analyzer.push(frame(T0 + 400)); // a 200 ms hole: filled
    assert.deepEqual(
      [...a, ...b].map((e) => e.startMs - Math.floor(T0 / 100) * 100),
      [0, 100, 200, 300, 400, 500],
    );
    const c = analyzer.push(frame(T0 + 5000)); // a gap: the open epoch is dropped, no filling
    assert.deepEqual(
      c.map((e) => e.startMs - Math.floor(T0 / 100) * 100),
      [5000, 5100],
    );
  });

  it('reset() restarts band time and gravity but keeps the neutral calibration', () => {
    const analyzer = createMotionAnalyzer({ initialNeutralDeg: 96 });
    run({ hz: 50, frameSamples: evenFrames(5, 10), pose: () => lying(0) }, analyzer);
    analyzer.reset();
    assert.equal(analyzer.neutralDeg, 96);
    const epochs = run({ hz: 50, frameSamples: [7], t0: T0 - 60_000, pose: () => lying(180) }, analyzer);
    assert.equal(epochs[0]!.startMs, Math.floor((T0 - 60_000) / 100) * 100);
    assert.equal(epochs[0]!.posture, 'prone');
    assert.ok(epochs[0]!.movementMg < 1);
  });

  it('rejects options it cannot use', () => {
    assert.throws(() => createMotionAnalyzer({ initialNeutralDeg: 120 }), RangeError);
    assert.throws(() => createMotionAnalyzer({ movingMg: 0 }), RangeError);
    assert.throws(() => createMotionAnalyzer({ minSagittalMg: 1000 }), RangeError);
  });
});
