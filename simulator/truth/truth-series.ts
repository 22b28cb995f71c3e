import type { BandTraits } from '../band/traits.ts';
import { ankleAngleDeg } from '../kinematics/ankle-angle.ts';
import { isAngleObservable, restingReadings } from '../kinematics/gravity.ts';
import { createPoseTrack } from '../kinematics/pose-track.ts';
import type { NightPlan } from '../plan/night-plan.ts';
import type { TruthEvent, TruthSeries } from './truth.ts';

const STEP_MS = 1000;
/** Plantar flexion worth reporting: >= 20° beyond neutral held >= 60 s (detector notes, "Suggested rules"). */
const PF_THRESHOLD_DEG = 20;
const PF_MIN_MS = 60_000;

/**
 * The foot angle and resting EMG level once a second, read off the same pose track the
 * accelerometer samples come from: the angle is the protocol's formula applied to the
 * noise-free gravity vectors, so it is what a perfect reading of the frames would give.
 */
export function truthSeries(plan: NightPlan, traits: BandTraits, startMs: number): TruthSeries {
  const track = createPoseTrack(plan);
  const readings = new Float64Array(6);
  const angleDeg: number[] = [];
  const plantarFlexionDeg: number[] = [];
  const observable: boolean[] = [];
  const restingUv: number[] = [];
  for (let t = 0; t < plan.durationMs; t += STEP_MS) {
    const pose = track.at(t);
    restingReadings(pose, traits.shankMountDeg, traits.footMountDeg, readings);
    angleDeg.push(round2(ankleAngleDeg(readings[0]!, readings[2]!, readings[3]!, readings[5]!)));
    plantarFlexionDeg.push(round2(pose.anklePfDeg));
    observable.push(isAngleObservable(readings, pose.motionMg > 0, traits.hasFoot));
    restingUv.push(round2(plan.baseline.at(t) * pose.restFactor));
  }
  return { startMs, stepMs: STEP_MS, angleDeg, plantarFlexionDeg, observable, restingUv };
}

/** Intervals with the foot >= 20° beyond neutral for >= 60 s, from the series. */
export function plantarFlexionEvents(series: TruthSeries): TruthEvent[] {
  const events: TruthEvent[] = [];
  const pf = series.plantarFlexionDeg;
  let from = -1;
  for (let i = 0; i <= pf.length; i++) {
    const on = i < pf.length && pf[i]! >= PF_THRESHOLD_DEG;
    if (on && from < 0) from = i;
    if (on || from < 0) continue;
    if ((i - from) * series.stepMs >= PF_MIN_MS) {
      let max = 0;
      let seen = 0;
      for (let k = from; k < i; k++) {
        max = Math.max(max, pf[k]!);
        if (series.observable[k]) seen++;
      }
      events.push({
        kind: 'plantar_flexion',
        start: series.startMs + from * series.stepMs,
        end: series.startMs + (i - 1) * series.stepMs,
        maxDeg: max,
        observableFraction: round2(seen / (i - from)),
      });
    }
    from = -1;
  }
  return events;
}

function round2(x: number): number {
  return Math.round(x * 100) / 100;
}
