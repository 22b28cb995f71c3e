import assert from 'node:assert/strict';
import { test } from 'node:test';
import { trendColumns, trendFigures, trendRangeS } from '../../dashboard/src/trends/trend-columns.ts';
import { nightSummary } from './fixtures.ts';

const nights = [
  nightSummary('2026-11-24', 0, {
    cramps: { count: 2, totalMs: 60_000, longestMs: 40_000, firstOnsetMs: 1 },
  }),
  nightSummary('2026-11-25', 86_400_000, { plantarFlexedMinutes: 12.34 }),
];

test('one bar per night at its middle, cramps and minutes with the foot pointed', () => {
  assert.deepEqual(trendColumns(nights), {
    x: [43_200, 129_600],
    cramps: [2, 0],
    plantarFlexedMinutes: [0, 12.3],
  });
});

test('the period figures average over the nights with data', () => {
  assert.deepEqual(trendFigures(nights), {
    nights: 2,
    nightsWithCramps: 1,
    cramps: 2,
    crampsPerNight: 1,
    plantarFlexedMinutesPerNight: 6.17,
  });
  assert.deepEqual(trendFigures([]).crampsPerNight, 0);
});

test('the chart spans the whole period, from the first evening to the last morning', () => {
  assert.deepEqual(trendRangeS('2026-09-03', '2026-11-25'), [
    Date.UTC(2026, 8, 3, 12) / 1000,
    Date.UTC(2026, 10, 26, 12) / 1000,
  ]);
});
