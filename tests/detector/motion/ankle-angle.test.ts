import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { ankleAngleDeg, isPitchObservable, pitchDeg, wrap180 } from '../../../detector/motion/index.ts';
import { lying, sagittal } from './accel-frames.ts';

const close = (actual: number, expected: number, tol = 1e-9) =>
  assert.ok(Math.abs(actual - expected) <= tol, `${actual} is not ${expected} ± ${tol}`);

describe('ankle angle (band protocol, "Axes")', () => {
  it('reads 90° for the spec examples: standing foot flat, lying on the back', () => {
    close(ankleAngleDeg(1000, 0, 0, 1000), 90);
    close(ankleAngleDeg(0, -1000, 1000, 0), 90);
  });

  it('reads 120° for 30° of plantar flexion, standing and supine', () => {
    // The foot vector turned by +30° of pitch in the x-z plane, the shank held.
    for (const shankPitch of [0, -90, -75]) {
      const s = sagittal(shankPitch);
      const f = sagittal(shankPitch + 120);
      close(ankleAngleDeg(s[0], s[2], f[0], f[2]), 120);
    }
  });

  it('wraps the difference into (−180°, 180°]', () => {
    const s = sagittal(170);
    const f = sagittal(-100); // −100 − 170 = −270 → 90
    close(ankleAngleDeg(s[0], s[2], f[0], f[2]), 90);
    close(wrap180(-180), 180);
    close(wrap180(180), 180);
    close(wrap180(540), 180);
    close(wrap180(-190), 170);
    close(wrap180(359), -1);
  });

  it('does not depend on the vector length or on y', () => {
    close(ankleAngleDeg(0, -400, 400, 0), 90);
    close(pitchDeg(500, 500), 45);
  });

  it('has a pitch only while the flexion axis is ≥ 30° from vertical', () => {
    const supine = lying(0).shank;
    const side = lying(90).shank;
    const tilted = lying(65).shank; // x-z projection 423 mg
    const halfway = lying(55).shank; // 574 mg
    assert.equal(isPitchObservable(supine[0], supine[2]), true);
    assert.equal(isPitchObservable(side[0], side[2]), false);
    assert.equal(isPitchObservable(tilted[0], tilted[2]), false);
    assert.equal(isPitchObservable(halfway[0], halfway[2]), true);
  });
});
