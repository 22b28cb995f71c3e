import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { createEmgConditioner, EMG_DEFAULTS, resolveEmgOptions } from '../../../detector/emg/index.ts';

describe('emg options', () => {
  it('fills in the defaults and freezes the result', () => {
    const o = resolveEmgOptions({ highPassHz: 20, mainsDetector: { releaseBlocks: 10 } });
    assert.equal(o.highPassHz, 20);
    assert.equal(o.highPassOrder, EMG_DEFAULTS.highPassOrder);
    assert.equal(o.mainsDetector.releaseBlocks, 10);
    assert.equal(o.mainsDetector.onRatio, EMG_DEFAULTS.mainsDetector.onRatio);
    assert.ok(Object.isFrozen(o) && Object.isFrozen(o.mainsDetector));
  });

  it('rejects bad values, naming the option', () => {
    const bad = [
      { highPassHz: -1 },
      { highPassOrder: 3 },
      { lowFreqFloorHz: 30 },
      { mains: 55 as never },
      { railFraction: 2 },
      { mainsDetector: { offRatio: 20 } },
      { mainsDetector: { confirmBlocks: 0 } },
    ];
    for (const input of bad) {
      const name = Object.keys(input)[0]!;
      assert.throws(
        () => createEmgConditioner(input),
        (e: Error) => e instanceof RangeError && e.message.includes(name),
      );
    }
  });
});
