import assert from 'node:assert/strict';
import { test } from 'node:test';
import { eventInterval } from '../../eval/detections.ts';
import { countsOf, matchByOverlap, overlapMs, scoresOf } from '../../eval/match-events.ts';

const iv = (start: number, end: number) => ({ start, end });
const id = <T>(x: T) => x;

test('overlapMs is the shared time, 0 when apart or touching', () => {
  assert.equal(overlapMs(iv(0, 10), iv(5, 20)), 5);
  assert.equal(overlapMs(iv(0, 10), iv(2, 3)), 1);
  assert.equal(overlapMs(iv(0, 10), iv(10, 20)), 0);
  assert.equal(overlapMs(iv(0, 10), iv(30, 40)), 0);
});

test('each detection matches the truth it overlaps most, one to one, greedy by overlap', () => {
  const truth = [iv(0, 100), iv(200, 300)];
  // d0 overlaps t0 by 50 and t1 by 0; d1 overlaps t0 by 90 (the best pair); d2 overlaps t1 by 10.
  const detected = [iv(50, 150), iv(5, 95), iv(290, 400)];
  const r = matchByOverlap(truth, detected, id, id);
  assert.deepEqual(
    r.matches.map((m) => [truth.indexOf(m.truth), detected.indexOf(m.detected), m.overlapMs]),
    [
      [0, 1, 90],
      [1, 2, 10],
    ],
  );
  assert.deepEqual(r.unmatchedDetected, [iv(50, 150)]);
  assert.deepEqual(r.unmatchedTruth, []);
  assert.deepEqual(countsOf(r), { tp: 2, fp: 1, fn: 0 });
});

test('one detection spanning two truths takes the one it overlaps more; the other is missed', () => {
  const truth = [iv(0, 100), iv(150, 400)];
  const r = matchByOverlap(truth, [iv(50, 300)], id, id);
  assert.equal(r.matches[0]?.truth, truth[1]);
  assert.deepEqual(r.unmatchedTruth, [truth[0]]);
  assert.deepEqual(countsOf(r), { tp: 1, fp: 0, fn: 1 });
});

test('a detection can only take a truth once even when its best truth is taken', () => {
  // Both detections overlap t0 best; d0 wins it (more overlap), d1 falls back to t1.
  const truth = [iv(0, 100), iv(100, 130)];
  const r = matchByOverlap(truth, [iv(0, 100), iv(40, 120)], id, id);
  assert.deepEqual(countsOf(r), { tp: 2, fp: 0, fn: 0 });
  assert.equal(r.matches[1]?.truth, truth[1]);
});

test('precision, recall and F1 arithmetic; undefined ratios are NaN', () => {
  const s = scoresOf({ tp: 6, fp: 2, fn: 4 });
  assert.equal(s.precision, 0.75);
  assert.equal(s.recall, 0.6);
  assert.ok(Math.abs(s.f1 - (2 * 0.75 * 0.6) / (0.75 + 0.6)) < 1e-12);
  assert.equal(scoresOf({ tp: 6, fp: 2, fn: 4 }).f1, 12 / 18);
  const none = scoresOf({ tp: 0, fp: 0, fn: 0 });
  assert.ok(Number.isNaN(none.precision) && Number.isNaN(none.recall) && Number.isNaN(none.f1));
  assert.equal(scoresOf({ tp: 0, fp: 3, fn: 0 }).precision, 0);
});

test('an ongoing or empty detected event still overlaps the truth around its start', () => {
  assert.deepEqual(eventInterval({ start: 50, end: null }), iv(50, 51));
  assert.deepEqual(eventInterval({ start: 50, end: 50 }), iv(50, 51));
  assert.deepEqual(eventInterval({ start: 50, end: 80 }), iv(50, 80));
  assert.equal(matchByOverlap([iv(0, 100)], [{ start: 50, end: null }], id, eventInterval).matches.length, 1);
});
