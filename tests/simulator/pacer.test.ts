import assert from 'node:assert/strict';
import { test } from 'node:test';
import { createPacer } from '../../simulator/live/pacer.ts';

function fakeClock() {
  let now = 0;
  const sleeps: number[] = [];
  return {
    sleeps,
    nowMs: () => now,
    async sleep(ms: number) {
      sleeps.push(ms);
      now += ms;
    },
    advance(ms: number) {
      now += ms;
    },
  };
}

test('the first time is due at once; later ones at band time over speed after it', async () => {
  const clock = fakeClock();
  const pacer = createPacer({ speed: 10, clock });
  await pacer.waitFor(5_000);
  assert.deepEqual(clock.sleeps, []);
  await pacer.waitFor(6_000);
  assert.deepEqual(clock.sleeps, [100]);
  await pacer.waitFor(5_500); // behind: no wait
  assert.deepEqual(clock.sleeps, [100]);
  clock.advance(50); // time spent publishing counts
  await pacer.waitFor(7_000);
  assert.deepEqual(clock.sleeps, [100, 50]);
});

test('a long silence is cut to maxGapMs, and speed Infinity never waits', async () => {
  const clock = fakeClock();
  const pacer = createPacer({ speed: 1, clock, maxGapMs: 60_000 });
  await pacer.waitFor(0);
  await pacer.waitFor(3_600_000);
  assert.deepEqual(clock.sleeps, [60_000]);
  await pacer.waitFor(3_601_000);
  assert.deepEqual(clock.sleeps, [60_000, 1_000]);
  const fast = createPacer({ speed: Number.POSITIVE_INFINITY, clock });
  await fast.waitFor(0);
  await fast.waitFor(1e9);
  assert.equal(clock.sleeps.length, 2);
});
