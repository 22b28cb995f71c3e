import type { NightPlan, PoseModifier, PostureSegment } from '../plan/night-plan.ts';
import { createActiveWindow, smoothstep, trapezoid } from '../plan/timed.ts';

/** The leg at one instant: posture, modifiers and movement summed. */
export interface Pose {
  rollDeg: number;
  elevDeg: number;
  /** Anatomical plantar flexion beyond neutral (negative: dorsiflexion). */
  anklePfDeg: number;
  humFactor: number;
  restFactor: number;
  /** RMS of dynamic acceleration, mg; 0 while the leg is still. */
  motionMg: number;
}

/** Reads the pose at non-decreasing times. `at` returns one reused object. */
export interface PoseTrack {
  at(tMs: number): Pose;
}

export function createPoseTrack(plan: NightPlan): PoseTrack {
  const postures = createActiveWindow(plan.postures);
  const modifiers = createActiveWindow(plan.poseModifiers);
  const motions = createActiveWindow(plan.motions);
  const pose: Pose = { rollDeg: 0, elevDeg: 0, anklePfDeg: 0, humFactor: 1, restFactor: 1, motionMg: 0 };
  return {
    at(tMs) {
      const seg = postures.overlapping(tMs, tMs).find((s) => s.startMs <= tMs && tMs < s.endMs);
      if (!seg) throw new RangeError(`no posture at ${tMs} ms`);
      setPosture(pose, seg, tMs);
      for (const m of modifiers.overlapping(tMs, tMs)) addModifier(pose, m, tMs);
      let motionMg = 0;
      for (const m of motions.overlapping(tMs, tMs)) motionMg += trapezoid(tMs, m) * m.mg;
      pose.motionMg = motionMg;
      return pose;
    },
  };
}

function setPosture(pose: Pose, seg: PostureSegment, tMs: number): void {
  const { from, to } = seg;
  const span = seg.rollEndMs - seg.rollStartMs;
  const s = from === to ? 1 : smoothstep(span > 0 ? (tMs - seg.rollStartMs) / span : 1);
  pose.rollDeg = from.rollDeg + seg.rollTravelDeg * s;
  pose.elevDeg = lerp(from.elevDeg, to.elevDeg, s);
  pose.anklePfDeg = lerp(from.footPfDeg, to.footPfDeg, s);
  pose.humFactor = lerp(from.humFactor, to.humFactor, s);
  pose.restFactor = lerp(from.restFactor, to.restFactor, s);
}

function addModifier(pose: Pose, m: PoseModifier, tMs: number): void {
  const w = trapezoid(tMs, m);
  pose.anklePfDeg += w * m.ankleDeg;
  pose.elevDeg += w * m.elevDeg;
  pose.rollDeg += w * m.rollDeg;
}

function lerp(a: number, b: number, s: number): number {
  return a + (b - a) * s;
}
