import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { Posture } from '../../../detector/epoch.ts';
import { classifyPosture, createMotionAnalyzer } from '../../../detector/motion/index.ts';
import { accelFrames, evenFrames, lying, type Vec3 } from './accel-frames.ts';

const CASES: readonly [string, Vec3, Posture][] = [
  ['supine (calf down)', [0, 0, -1000], 'supine'],
  ['supine, knee raised 15°, rolled 20°', [259, -330, -908], 'supine'],
  ['prone', [0, 0, 1000], 'prone'],
  ['prone, rolled 30°', [50, 500, 864], 'prone'],
  // Lying on the left side the wearer's left (+y) points down: up, +1000 mg, is −y.
  ['left side', [0, -1000, 0], 'left'],
  ['left side, rolled 20° toward the back', [0, -940, -342], 'left'],
  ['right side', [0, 1000, 0], 'right'],
  ['right side, rolled 20° toward the front', [0, 940, 342], 'right'],
  ['standing', [1000, 0, 0], 'upright'],
  ['sitting, shank 30° from vertical', [866, 0, -500], 'upright'],
];

describe('posture from the shank gravity vector', () => {
  for (const [name, v, posture] of CASES) {
    it(`${name} → ${posture}`, () => assert.equal(classifyPosture(v[0], v[1], v[2]), posture));
  }

  it('agrees with the simulator convention for roll (left +90°, right −90°)', () => {
    const at = (roll: number) => {
      const s = lying(roll).shank;
      return classifyPosture(s[0], s[1], s[2]);
    };
    assert.deepEqual(
      [at(0), at(90), at(180), at(-90), at(44), at(46)],
      ['supine', 'left', 'prone', 'right', 'supine', 'left'],
    );
  });

  it('is unknown for a zero vector and while the shank moves', () => {
    assert.equal(classifyPosture(0, 0, 0), 'unknown');
    const analyzer = createMotionAnalyzer();
    const shake = (t: number) => 400 * Math.sin((2 * Math.PI * t) / 400);
    const frames = accelFrames({
      hz: 50,
      frameSamples: evenFrames(20, 10),
      pose: (t) => ({ shank: [shake(t), shake(t + 100), -1000 + shake(t + 50)] }),
    });
    const epochs = frames.flatMap((f) => analyzer.push(f)).slice(10);
    assert.ok(epochs.every((e) => e.posture === 'unknown'));
  });
});
