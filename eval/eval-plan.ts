/**
 * Which nights the evaluation simulates. Two sets: `tuning` (seeds 1-6), the only nights anyone
 * may tune the detector on, and `heldout` (seeds 1001-1012), measured and never tuned on, with
 * heavier conditions: two bands on every third night (each band draws its own hard night, hum,
 * ECG bleed and weak cramps from the seed: more bands, more hard ones) and the `heavy` network
 * fault preset on every third night. 22 band-nights of 8 hours in all.
 */
import type { FaultPresetName, ProfileName } from '../simulator/index.ts';

export type EvalSet = 'tuning' | 'heldout';

export interface NightJob {
  readonly set: EvalSet;
  readonly seed: number;
  readonly profile: ProfileName;
  readonly bands: number;
  readonly faults: FaultPresetName;
  readonly minutes: number;
}

export interface PlanOptions {
  /** Shorter and fewer nights, for a smoke test. */
  readonly quick: boolean;
  readonly sets: readonly EvalSet[];
}

const PROFILE_ORDER: readonly ProfileName[] = ['typical', 'severe', 'restless', 'none', 'occasional'];
const NIGHT_MINUTES = 480;
const QUICK_MINUTES = 120;

export function evalPlan(options: PlanOptions): NightJob[] {
  const minutes = options.quick ? QUICK_MINUTES : NIGHT_MINUTES;
  const jobs: NightJob[] = [];
  if (options.sets.includes('tuning')) {
    for (let i = 0; i < (options.quick ? 3 : 6); i++) {
      jobs.push({
        set: 'tuning',
        seed: 1 + i,
        profile: PROFILE_ORDER[i % PROFILE_ORDER.length]!,
        bands: 1,
        faults: 'light',
        minutes,
      });
    }
  }
  if (options.sets.includes('heldout')) {
    for (let i = 0; i < (options.quick ? 4 : 12); i++) {
      jobs.push({
        set: 'heldout',
        seed: 1001 + i,
        profile: PROFILE_ORDER[i % PROFILE_ORDER.length]!,
        bands: i % 3 === 1 ? 2 : 1,
        faults: i % 3 === 2 ? 'heavy' : 'light',
        minutes,
      });
    }
  }
  return jobs;
}
