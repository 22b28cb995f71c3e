import assert from 'node:assert/strict';
import { test } from 'node:test';
import { backoffDelayMs, LIVE_BACKOFF } from '../../dashboard/src/live/backoff.ts';

test('the reconnect delay doubles up to its ceiling, between half and all of it', () => {
  const low = [0, 1, 2, 3, 4, 5, 6, 10, 100].map((a) => backoffDelayMs(a, LIVE_BACKOFF, () => 0));
  const high = [0, 1, 2, 3, 4, 5, 6, 10, 100].map((a) => backoffDelayMs(a, LIVE_BACKOFF, () => 1));
  assert.deepEqual(high, [1000, 2000, 4000, 8000, 16_000, 30_000, 30_000, 30_000, 30_000]);
  assert.deepEqual(low, [500, 1000, 2000, 4000, 8000, 15_000, 15_000, 15_000, 15_000]);
});
