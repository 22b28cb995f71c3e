import type { BandTraits } from '../band/traits.ts';
import type { SimulationOptions } from '../options.ts';
import { createRng } from '../random/rng.ts';
import { createBaselineDrift } from './baseline-drift.ts';
import type { NightPlan } from './night-plan.ts';
import { createOccupancy } from './occupancy.ts';
import { planArtifacts } from './plan-artifacts.ts';
import { emptyDraft, type PlanContext } from './plan-context.ts';
import { planCramp } from './plan-cramp.ts';
import { placeCramps } from './plan-cramps.ts';
import { planFootHolds } from './plan-foot-holds.ts';
import { planMovements } from './plan-movements.ts';
import { planPostures } from './plan-postures.ts';
import { postureAt } from './postures.ts';
import { byStart } from './timed.ts';

const NIGHT_MS = 8 * 3_600_000;

/**
 * Plans one band's night, in order of precedence: cramps take their time first, turns keep clear
 * of them, then foot holds, leg movements, spasms and twitches fill the quiet, and signal
 * trouble (lead-off, pops) is laid on top. Each planner draws from its own random stream.
 */
export function planNight(options: SimulationOptions, traits: BandTraits): NightPlan {
  const durationMs = options.minutes * 60_000;
  const draft = emptyDraft();
  const baselineRng = createRng(options.seed, 'band', traits.index, 'plan', 'baseline');
  const ctx: PlanContext = {
    options,
    traits,
    durationMs,
    baseline: createBaselineDrift(baselineRng, traits.restUv, traits.driftRatio, durationMs),
    occupancy: createOccupancy(),
    draft,
    nightFraction: durationMs / NIGHT_MS,
    perNight: (count) => (count * durationMs * traits.rateFactor) / NIGHT_MS,
    rng: (purpose) => createRng(options.seed, 'band', traits.index, 'plan', purpose),
    epoch: (tMs) => Math.round(options.startMs + tMs),
  };
  const cramps = placeCramps(ctx);
  planPostures(ctx, cramps);
  for (const slot of cramps) planCramp(ctx, slot, postureAt(draft.postures, slot.onsetMs));
  planFootHolds(ctx, cramps);
  planMovements(ctx);
  planArtifacts(ctx, cramps);
  return {
    durationMs,
    postures: draft.postures,
    poseModifiers: draft.poseModifiers.sort(byStart),
    motions: draft.motions.sort(byStart),
    emgComponents: draft.emgComponents.sort(byStart),
    leadOffs: draft.leadOffs.sort(byStart),
    pops: draft.pops.sort(byStart),
    arousals: draft.arousals.sort(byStart),
    baseline: ctx.baseline,
    events: draft.events.sort((a, b) => a.start - b.start),
  };
}
