import { type Frame, frameSpanMs } from '../../protocol/index.ts';
import { EPOCH_MS, type MotionEpoch, type Posture } from '../epoch.ts';
import { ankleAngleDeg, isPitchObservable } from './ankle-angle.ts';
import { type MotionOptions, resolveMotionOptions } from './motion-options.ts';
import { NeutralTracker } from './neutral-tracker.ts';
import { classifyPosture } from './posture.ts';
import { SensorTracker } from './sensor-tracker.ts';

/**
 * A hole between frames up to this long, ms, is clock drift (the protocol allows ±50 ms) or the
 * gap between 10 Hz samples: the epochs in it are filled by holding the last estimates. A longer
 * hole, or time running back more than {@link MAX_BACKWARD_MS}, restarts the stage as `reset()`.
 */
const MAX_HOLD_MS = 250;
const MAX_BACKWARD_MS = 1000;
/** Frame ends computed from sample rates can land a hair short of an epoch boundary. */
const END_SLACK_MS = 1e-6;

/** The accelerometer stage of one band's detector. */
export interface MotionAnalyzer {
  /**
   * Takes the next frame of this band, in order, and returns the epochs it completes, oldest
   * first: one per 100 ms of band time, starting at multiples of {@link EPOCH_MS} (as the EMG
   * stage's). A frame ending mid-epoch leaves it open until the next frame.
   */
  push(frame: Frame): MotionEpoch[];
  /**
   * After a gap or a reboot: drops the open epoch and the gravity estimates (the leg may have
   * moved meanwhile); keeps the neutral calibration.
   */
  reset(): void;
  /** The band's calibrated neutral ankle angle, degrees: plantar flexion is `ankleDeg − neutralDeg`. */
  readonly neutralDeg: number;
}

/**
 * Creates the accelerometer stage: per 100 ms epoch of band time, how much the leg moves
 * (`movementMg`, the larger of shank and foot, see {@link SensorTracker}), the lying posture from
 * the shank ({@link classifyPosture}, `unknown` while the shank moves) and the ankle angle from
 * both sensors (band protocol, "Axes"), null without a foot clip, with either sensor's flexion
 * axis near vertical, or while the leg moves. Pure and streaming: state is two trackers, a
 * histogram of 180 bins and the open epoch's start. Options are checked once (RangeError).
 */
export function createMotionAnalyzer(options: MotionOptions = {}): MotionAnalyzer {
  const opts = resolveMotionOptions(options);
  const shank = new SensorTracker();
  const foot = new SensorTracker();
  const neutral = new NeutralTracker(opts.initialNeutralDeg);
  let openMs: number | undefined;

  function restart(): void {
    shank.restart();
    foot.restart();
    openMs = undefined;
  }

  function finishEpoch(startMs: number, hasFoot: boolean): MotionEpoch {
    const shankMg = shank.finishEpoch();
    const footMg = hasFoot ? foot.finishEpoch() : 0;
    const movementMg = Math.max(shankMg, footMg);
    let posture: Posture = 'unknown';
    if (shank.started && shankMg <= opts.movingMg) posture = classifyPosture(shank.x, shank.y, shank.z);
    let ankleDeg: number | null = null;
    if (
      hasFoot &&
      foot.started &&
      shank.started &&
      movementMg <= opts.movingMg &&
      isPitchObservable(shank.x, shank.z, opts.minSagittalMg) &&
      isPitchObservable(foot.x, foot.z, opts.minSagittalMg)
    ) {
      ankleDeg = ankleAngleDeg(shank.x, shank.z, foot.x, foot.z);
    }
    neutral.add(ankleDeg, posture);
    return { startMs, movementMg, shankMovementMg: shankMg, posture, ankleDeg };
  }

  return {
    push(frame) {
      const out: MotionEpoch[] = [];
      const firstMs = Math.floor(frame.t0 / EPOCH_MS) * EPOCH_MS;
      if (openMs !== undefined && (firstMs - openMs > MAX_HOLD_MS || openMs - firstMs > MAX_BACKWARD_MS)) {
        restart();
      }
      if (!frame.foot) foot.restart();
      let start = openMs ?? firstMs;
      const endMs = frame.t0 + frameSpanMs(frame);
      const { mg: sMg, hz: sHz } = frame.shank;
      let iShank = 0;
      let iFoot = 0;
      for (;;) {
        const epochEnd = start + EPOCH_MS;
        iShank = shank.take(sMg, sHz, frame.t0, iShank, epochEnd);
        if (frame.foot) iFoot = foot.take(frame.foot.mg, frame.foot.hz, frame.t0, iFoot, epochEnd);
        if (endMs + END_SLACK_MS < epochEnd) break;
        out.push(finishEpoch(start, frame.foot !== undefined));
        start = epochEnd;
      }
      openMs = start;
      return out;
    },
    reset: restart,
    get neutralDeg() {
      return neutral.neutralDeg;
    },
  };
}
