import type { EpochMs } from '../../protocol/index.ts';
import type { BandTraits } from '../band/traits.ts';
import type { SimulationOptions } from '../options.ts';
import type { Rng } from '../random/rng.ts';
import type { TruthEvent } from '../truth/truth.ts';
import type { BaselineDrift } from './baseline-drift.ts';
import type {
  EmgComponent,
  LeadOff,
  Motion,
  Pop,
  PoseModifier,
  PostureSegment,
  SourceMix,
} from './night-plan.ts';
import type { Occupancy } from './occupancy.ts';
import type { Timed } from './timed.ts';

/** The lists a night plan is built up in, each planner appending its episodes. */
export interface PlanDraft {
  readonly postures: PostureSegment[];
  readonly poseModifiers: PoseModifier[];
  readonly motions: Motion[];
  readonly emgComponents: EmgComponent[];
  readonly leadOffs: LeadOff[];
  readonly pops: Pop[];
  readonly arousals: Timed[];
  readonly events: TruthEvent[];
}

/** What every planner gets: the band, the night so far, and its own random stream by purpose. */
export interface PlanContext {
  readonly options: SimulationOptions;
  readonly traits: BandTraits;
  readonly durationMs: number;
  readonly baseline: BaselineDrift;
  /** Episodes that must not overlap reserve their time here. */
  readonly occupancy: Occupancy;
  readonly draft: PlanDraft;
  /** The night's length as a fraction of 8 hours. */
  readonly nightFraction: number;
  /** Expected count of a profile's episode over this night: per-8-hour figure x length x band factor. */
  perNight(countPer8h: number): number;
  /** Random stream for one purpose of this band's plan, independent of the others. */
  rng(purpose: string): Rng;
  /** Band-clock Unix milliseconds of a time in the night. */
  epoch(tMs: number): EpochMs;
}

export function emptyDraft(): PlanDraft {
  return {
    postures: [],
    poseModifiers: [],
    motions: [],
    emgComponents: [],
    leadOffs: [],
    pops: [],
    arousals: [],
    events: [],
  };
}

/** Source mixes (weights' squares sum to 1). Cramps are irregular motor-unit firing over real hold texture. */
export const MIX = {
  cramp: { hold: 0.6, motorUnits: 0.8, phasic: 0, noise: 0 },
  tonic: { hold: 1, motorUnits: 0, phasic: 0, noise: 0 },
  phasic: { hold: 0, motorUnits: 0, phasic: 1, noise: 0 },
  stretch: { hold: 0, motorUnits: 0, phasic: 0.8, noise: 0.6 },
  twitch: { hold: 0, motorUnits: 0.6, phasic: 0.8, noise: 0 },
} as const satisfies Record<string, SourceMix>;
