import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { ReconnectBackoff } from '../../ingest/reconnect-backoff.ts';

/** A random source replaying `values`, then its last value forever. */
function replay(...values: number[]): () => number {
  let i = 0;
  return () => values[Math.min(i++, values.length - 1)]!;
}

const delays = (b: ReconnectBackoff, n: number) => Array.from({ length: n }, () => b.nextDelayMs());

describe('ReconnectBackoff', () => {
  it('doubles from the initial delay up to the cap, and stays there', () => {
    const b = new ReconnectBackoff(1_000, 30_000, replay(0.5)); // jitter factor exactly 1
    assert.deepEqual(delays(b, 8), [1_000, 2_000, 4_000, 8_000, 16_000, 30_000, 30_000, 30_000]);
  });

  it('stays at the cap after many attempts (no overflow to Infinity or NaN)', () => {
    const b = new ReconnectBackoff(500, 60_000, replay(0.5));
    const all = delays(b, 200);
    assert.equal(all.at(-1), 60_000);
    assert.ok(all.every((d) => Number.isFinite(d) && d > 0 && d <= 60_000));
  });

  it('scales each delay by a jitter factor in [0.75, 1.25)', () => {
    assert.deepEqual(delays(new ReconnectBackoff(1_000, 30_000, replay(0)), 3), [750, 1_500, 3_000]);
    assert.deepEqual(delays(new ReconnectBackoff(1_000, 30_000, replay(0.999)), 3), [1_250, 2_499, 4_998]);
    // The cap bounds the base: the jittered delay stays within 25 % of it.
    assert.deepEqual(
      delays(new ReconnectBackoff(1_000, 4_000, replay(0, 0, 0, 0.999)), 4),
      [750, 1_500, 3_000, 4_998],
    );
  });

  it('spreads the delays of many clients over the jitter window', () => {
    let seed = 12345;
    const random = () => {
      seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31;
      return seed / 2 ** 31;
    };
    const first = Array.from({ length: 200 }, () =>
      new ReconnectBackoff(10_000, 60_000, random).nextDelayMs(),
    );
    assert.ok(first.every((d) => d >= 7_500 && d < 12_500));
    assert.ok(Math.min(...first) < 8_000 && Math.max(...first) > 12_000, 'jitter covers the window');
  });

  it('starts again from the initial delay after reset', () => {
    const b = new ReconnectBackoff(1_000, 30_000, replay(0.5));
    delays(b, 10);
    b.reset();
    assert.deepEqual(delays(b, 3), [1_000, 2_000, 4_000]);
  });
});
