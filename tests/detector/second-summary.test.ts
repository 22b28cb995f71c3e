import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { createDetector, type SecondSummary } from '../../detector/index.ts';
import type { Frame } from '../../protocol/index.ts';
import { LEFT_SIDE, realContraction, type Segment, SUPINE, scenarioFrames } from './scenario.ts';

const T0 = 1_764_201_600_000;
const PLANTAR = { shank: SUPINE.shank, foot: [707, 0, 707] as const };

function summaries(frames: readonly Frame[], drop: (i: number) => boolean = () => false): SecondSummary[] {
  const out: SecondSummary[] = [];
  const detector = createDetector({ onSecond: (s) => out.push(s) });
  let missing: { fromMs: number; toMs: number } | undefined;
  frames.forEach((frame, i) => {
    if (drop(i)) {
      missing ??= { fromMs: frame.t0, toMs: frame.t0 };
      missing.toMs = frame.t0 + 200;
      return;
    }
    if (missing) detector.push('band-s', { kind: 'gap', ...missing });
    missing = undefined;
    detector.push('band-s', { kind: 'frame', frame, late: false });
  });
  detector.finish();
  return out;
}

const rest = (
  seconds: number,
  pose: { shank: readonly number[]; foot: readonly number[] | null } = SUPINE,
): Segment => ({
  seconds,
  shank: pose.shank as Segment['shank'],
  foot: pose.foot as Segment['foot'],
});

describe('per-second summaries (the timeline)', () => {
  test('one summary per second of data, in order, each on a whole second', () => {
    const out = summaries(scenarioFrames([rest(30)], { t0: T0 }));
    assert.equal(out.length, 30);
    assert.deepEqual(
      out.map((s) => s.t),
      Array.from({ length: 30 }, (_, i) => T0 + i * 1000),
    );
    assert.ok(out.every((s) => s.device === 'band-s' && s.quality === 'good'));
  });

  test('a contraction raises the envelope of its seconds well above the resting ones', () => {
    const out = summaries(
      scenarioFrames([rest(20), { ...rest(5), emg: realContraction(200) }, rest(5)], { t0: T0 }),
    );
    const resting = out.slice(2, 18).map((s) => s.envUv);
    const active = out.slice(21, 24).map((s) => s.envUv);
    assert.ok(Math.max(...resting) < 10, `resting ${resting}`);
    assert.ok(Math.min(...active) > 100, `active ${active}`);
    assert.ok(out[22]!.envMaxUv >= out[22]!.envUv);
    assert.ok(out[19]!.baselineUv !== null && out[19]!.baselineUv < 10);
  });

  test('lost frames leave their seconds out: a gap is never a quiet second', () => {
    const frames = scenarioFrames([rest(20)], { t0: T0 });
    const out = summaries(frames, (i) => i >= 25 && i < 50);
    const times = new Set(out.map((s) => s.t));
    for (let s = 5; s < 10; s++)
      assert.ok(!times.has(T0 + s * 1000), `second ${s} is missing, not summarised`);
    assert.ok(times.has(T0 + 4 * 1000) && times.has(T0 + 10 * 1000));
  });

  test('foot position: flexion near 0 lying flat, about 45° toes pointed, null on the side', () => {
    const out = summaries(scenarioFrames([rest(60), rest(20, PLANTAR), rest(20, LEFT_SIDE)], { t0: T0 }));
    const flat = out[30]!;
    const pointed = out[75]!;
    const side = out[95]!;
    assert.ok(flat.flexionDeg !== null && Math.abs(flat.flexionDeg) < 5, `flat ${flat.flexionDeg}`);
    assert.equal(flat.observable, 1);
    assert.equal(flat.plantarFlexed, false);
    assert.ok(
      pointed.flexionDeg !== null && Math.abs(pointed.flexionDeg - 45) < 8,
      `pointed ${pointed.flexionDeg}`,
    );
    assert.equal(pointed.plantarFlexed, true);
    assert.equal(side.flexionDeg, null);
    assert.equal(side.observable, 0);
    assert.equal(side.posture, 'left');
  });

  test('seconds of lead-off are marked so, whatever their envelope reads', () => {
    const railed = { ...rest(5), emg: () => 32_000 };
    const out = summaries(scenarioFrames([rest(20), railed, rest(10)], { t0: T0 }));
    const quality = (s: number) => out.find((x) => x.t === T0 + s * 1000)?.quality;
    assert.equal(quality(10), 'good');
    assert.equal(quality(23), 'lead_off');
  });

  test('hum of tens of µV is notched and the signal stays good; hum past 100 µV RMS marks it noisy', () => {
    const quality = (humUv: number) =>
      summaries(scenarioFrames([rest(20)], { t0: T0, humUv }))
        .slice(5)
        .map((s) => s.quality);
    assert.ok(
      quality(40).every((q) => q === 'good'),
      'a 28 µV RMS hum',
    );
    assert.ok(
      quality(200).every((q) => q === 'noisy'),
      'a 141 µV RMS hum',
    );
  });
});
