import type { NightPlan } from '../plan/night-plan.ts';
import type { Rng } from '../random/rng.ts';
import { biquadLowpass, type Filter, whiteNoiseGain } from '../signal/dsp/biquad.ts';
import { restingReadings } from './gravity.ts';
import { createPoseTrack } from './pose-track.ts';

/** Accelerometer sensor noise, mg RMS per axis (typical MEMS at 50 Hz). */
const SENSOR_NOISE_MG = 2;
/** Leg movements in sleep carry their acceleration below a few hertz. */
const MOTION_HZ = 4;

export interface AccelSynthConfig {
  readonly accelHz: number;
  readonly shankMountDeg: number;
  readonly footMountDeg: number;
}

/** Renders shank and foot samples, in whole milli-g as the band sends them. */
export interface AccelSynth {
  /** Fills `count` samples from accelerometer sample index `first` (interleaved x, y, z). */
  render(first: number, count: number, shank: Float32Array, foot: Float32Array | undefined): void;
}

/**
 * Gravity from the planned pose plus dynamic acceleration while the leg moves (low-passed noise
 * at the motion's RMS; the foot partly follows the shank) plus sensor noise.
 */
export function createAccelSynth(plan: NightPlan, config: AccelSynthConfig, rng: Rng): AccelSynth {
  const track = createPoseTrack(plan);
  const readings = new Float64Array(6);
  const cutoffHz = Math.min(MOTION_HZ, config.accelHz * 0.4);
  const motion: Filter[] = Array.from({ length: 6 }, () => biquadLowpass(cutoffHz, config.accelHz));
  const motionGain = 1 / whiteNoiseGain(biquadLowpass(cutoffHz, config.accelHz));
  const dyn = new Float64Array(6);
  return {
    render(first, count, shank, foot) {
      for (let i = 0; i < count; i++) {
        const tMs = ((first + i) * 1000) / config.accelHz;
        const pose = track.at(tMs);
        restingReadings(pose, config.shankMountDeg, config.footMountDeg, readings);
        for (let k = 0; k < 6; k++) dyn[k] = motion[k]!.next(rng.normal()) * motionGain * pose.motionMg;
        for (let k = 0; k < 3; k++) {
          shank[3 * i + k] = Math.round(readings[k]! + dyn[k]! + rng.normal() * SENSOR_NOISE_MG);
          // Drawn with or without a foot clip, so the shank's numbers do not depend on it.
          const footNoise = rng.normal() * SENSOR_NOISE_MG;
          if (foot)
            foot[3 * i + k] = Math.round(readings[k + 3]! + 0.6 * dyn[k]! + 0.8 * dyn[k + 3]! + footNoise);
        }
      }
    },
  };
}
