import assert from 'node:assert/strict';
import { test } from 'node:test';
import {
  DEFAULT_FLEXION_THRESHOLD_DEG,
  flexionThresholdDeg,
  footAgreement,
} from '../../eval/foot-agreement.ts';
import type { TruthSeries } from '../../simulator/index.ts';

function series(deg: number[], observable: boolean[]): TruthSeries {
  return {
    startMs: 10_000,
    stepMs: 1000,
    angleDeg: deg.map((d) => 90 + d),
    plantarFlexionDeg: deg,
    observable,
    restingUv: deg.map(() => 3),
  };
}

test('agreement counts observable seconds; claims on unobservable seconds are counted apart', () => {
  //           s:  0    1    2    3    4    5
  const s = series([0, 30, 30, 26, 10, 40], [true, true, true, true, false, false]);
  // Claimed from t=11 s (second 1) to before 14 s (seconds 1-3), and second 5.
  const r = footAgreement(
    s,
    [
      { start: 11_000, end: 13_500 },
      { start: 15_000, end: 16_000 },
    ],
    25,
  );
  assert.deepEqual(r, {
    observable: 4,
    agree: 4,
    truthFlexed: 3,
    claimedFlexed: 3,
    bothFlexed: 3,
    unobservable: 2,
    unobservableClaimed: 1,
  });
});

test('a threshold changes which seconds are truly flexed; an open end runs on', () => {
  const s = series([0, 30, 30, 26], [true, true, true, true]);
  const r = footAgreement(s, [{ start: 11_000, end: null }], 28);
  assert.equal(r.truthFlexed, 2);
  assert.equal(r.claimedFlexed, 3);
  assert.equal(r.agree, 3);
});

test('overlapping and unsorted events are merged', () => {
  const s = series([30, 30, 30, 30], [true, true, true, true]);
  const r = footAgreement(
    s,
    [
      { start: 12_000, end: 14_000 },
      { start: 10_000, end: 13_000 },
    ],
    25,
  );
  assert.equal(r.agree, 4);
});

test('the threshold is the events’ thresholdDeg when they carry one, else 25°', () => {
  assert.equal(flexionThresholdDeg([]), DEFAULT_FLEXION_THRESHOLD_DEG);
  assert.equal(DEFAULT_FLEXION_THRESHOLD_DEG, 25);
  assert.equal(flexionThresholdDeg([{ angleDeg: 40 }, { thresholdDeg: 22 }]), 22);
});
