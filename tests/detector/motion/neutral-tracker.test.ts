import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { Posture } from '../../../detector/epoch.ts';
import { NeutralTracker } from '../../../detector/motion/index.ts';

const MIN = 600; // epochs

function feed(t: NeutralTracker, minutes: number, angle: number | null, posture: Posture): void {
  for (let i = 0; i < minutes * MIN; i++) t.add(angle, posture);
}

describe('neutral ankle angle tracker', () => {
  it('starts at 90° and ignores prone, side, moving and unobservable epochs', () => {
    const t = new NeutralTracker();
    feed(t, 30, 125, 'prone');
    feed(t, 30, 80, 'left');
    feed(t, 30, 80, 'unknown');
    feed(t, 30, null, 'supine');
    assert.equal(t.neutralDeg, 90);
  });

  it('finds the lowest angle held for minutes, not the most common one', () => {
    const t = new NeutralTracker();
    feed(t, 40, 96, 'supine');
    feed(t, 20, 125, 'supine'); // a pointed-foot hold
    feed(t, 4, 85, 'supine');
    feed(t, 60, 93, 'supine');
    feed(t, 0.5, 70, 'supine'); // seconds of something odd: too short to count
    assert.ok(Math.abs(t.neutralDeg - 85) < 0.5, `${t.neutralDeg}`);
  });

  it('moves off its start gradually and stays within ±15° of 90', () => {
    const t = new NeutralTracker();
    feed(t, 2, 84, 'upright');
    assert.ok(t.neutralDeg < 90 && t.neutralDeg > 87, `${t.neutralDeg}`);
    feed(t, 20, 84, 'upright');
    assert.ok(Math.abs(t.neutralDeg - 84) < 0.5);
    const low = new NeutralTracker();
    feed(low, 30, 60, 'supine');
    assert.equal(low.neutralDeg, 75);
  });
});
