import { createAccelSynth } from '../kinematics/accel-synth.ts';
import type { SimulationOptions } from '../options.ts';
import type { NightPlan } from '../plan/night-plan.ts';
import { createRng } from '../random/rng.ts';
import { createEmgSynth } from '../signal/emg-synth.ts';
import type { FrameGrid, FrameSlice } from './frame-grid.ts';
import type { BandTraits } from './traits.ts';

/** One frame's samples. The arrays are views of buffers reused for the next frame. */
export interface FrameSamples {
  readonly uv: Float32Array;
  readonly shank: Float32Array;
  readonly foot: Float32Array | undefined;
}

/** Renders a band's frames, every one in order (the synthesisers keep state from frame to frame). */
export interface FrameRenderer {
  render(slice: FrameSlice): FrameSamples;
}

export function createFrameRenderer(
  options: SimulationOptions,
  traits: BandTraits,
  plan: NightPlan,
  grid: FrameGrid,
): FrameRenderer {
  const emg = createEmgSynth(plan, traits, options.emgHz, options.seed);
  const accel = createAccelSynth(
    plan,
    { accelHz: options.accelHz, shankMountDeg: traits.shankMountDeg, footMountDeg: traits.footMountDeg },
    createRng(options.seed, 'band', traits.index, 'accel'),
  );
  // Frames differ by at most one sample from one another: size the buffers from the first few.
  let emgMax = 0;
  let accelMax = 0;
  for (let k = 0; k < Math.min(grid.frames, 4); k++) {
    const s = grid.slice(k);
    emgMax = Math.max(emgMax, s.emgCount + 1);
    accelMax = Math.max(accelMax, s.accelCount + 1);
  }
  const uvBuffer = new Float32Array(emgMax);
  const shankBuffer = new Float32Array(3 * accelMax);
  const footBuffer = new Float32Array(3 * accelMax);
  return {
    render(s) {
      const uv = uvBuffer.subarray(0, s.emgCount);
      const shank = shankBuffer.subarray(0, 3 * s.accelCount);
      const foot = traits.hasFoot ? footBuffer.subarray(0, 3 * s.accelCount) : undefined;
      emg.render(uv, s.emgFirst);
      accel.render(s.accelFirst, s.accelCount, shank, foot);
      return { uv, shank, foot };
    },
  };
}
