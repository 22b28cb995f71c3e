import assert from 'node:assert/strict';
import { test } from 'node:test';
import { eventSpans } from '../../dashboard/src/night/event-spans.ts';
import { bucketWidthMs, timelineColumns } from '../../dashboard/src/night/timeline-columns.ts';
import { bucket, event } from './fixtures.ts';

test('missing buckets become one null row, so lines break over the gap', () => {
  const buckets = [bucket(0), bucket(60_000), bucket(240_000, { flexionDeg: null }), bucket(300_000)];
  assert.equal(bucketWidthMs(buckets), 60_000);
  const c = timelineColumns(buckets);
  assert.deepEqual(c.x, [0, 60, 120, 240, 300]);
  assert.deepEqual(c.envMean, [4, 4, null, 4, 4]);
  assert.deepEqual(c.movementMax, [12, 12, null, 12, 12]);
  assert.deepEqual(c.flexionMean, [3, 3, null, null, 3], 'an unobservable angle is a gap too');
  for (const column of Object.values(c)) assert.equal(column.length, c.x.length);
});

test('no buckets, no rows', () => {
  assert.deepEqual(timelineColumns([]).x, []);
});

test('events become shaded spans in seconds, clipped to the night, open ones up to the data end, cramps last', () => {
  const night = { fromMs: 100_000, toMs: 900_000 };
  const spans = eventSpans(
    [
      event('cramp', 200_000, 260_000),
      event('plantar_flexion', 50_000, 150_000),
      event('signal_gap', 300_000, 400_000),
      event('lead_off', 700_000, null),
      event('spasm', 500_000, 503_000),
      event('new_kind', 1, 2),
    ],
    night,
    800_000,
  );
  assert.deepEqual(spans, [
    { kind: 'lead_off', fromS: 700, toS: 800 },
    { kind: 'plantar_flexion', fromS: 100, toS: 150 },
    { kind: 'spasm', fromS: 500, toS: 503 },
    { kind: 'cramp', fromS: 200, toS: 260 },
  ]);
});
