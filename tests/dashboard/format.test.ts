import assert from 'node:assert/strict';
import { test } from 'node:test';
import { formatDuration, formatMinutes, formatPercent } from '../../dashboard/src/format/duration.ts';
import { addDays, dateIn, formatClock, formatNightDate } from '../../dashboard/src/format/zoned-time.ts';

test('durations read short', () => {
  assert.equal(formatDuration(44_600), '45 s');
  assert.equal(formatDuration(185_000), '3 min 05 s');
  assert.equal(formatDuration(3_720_000), '1 h 02 min');
  assert.equal(formatDuration(-5), '0 s');
  assert.equal(formatMinutes(4.46), '4.5 min');
  assert.equal(formatMinutes(37.4), '37 min');
  assert.equal(formatPercent(0.426), '43 %');
});

test('clock times and dates are in the wearer’s zone, not the browser’s', () => {
  const ms = Date.UTC(2026, 10, 25, 23, 30, 5); // 23:30:05 UTC
  assert.equal(formatClock(ms, 'UTC'), '23:30:05');
  assert.equal(formatClock(ms, 'Europe/Paris'), '00:30:05');
  assert.equal(formatClock(ms, 'America/New_York'), '18:30:05');
  assert.equal(dateIn(ms, 'Europe/Paris'), '2026-11-26');
  assert.equal(dateIn(ms, 'America/New_York'), '2026-11-25');
  assert.equal(formatNightDate('2026-11-25'), 'Wed 25 Nov');
  assert.equal(addDays('2026-03-01', -1), '2026-02-28');
  assert.equal(addDays('2026-11-25', -83), '2026-09-03');
});
