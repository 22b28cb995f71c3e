import { PROFILES } from '../profiles.ts';
import type { Rng } from '../random/rng.ts';
import type { PlanContext } from './plan-context.ts';

/** When a cramp happens, decided before the postures so that turns can keep out of its way. */
export interface CrampSlot {
  readonly preStartMs: number;
  readonly onsetMs: number;
  readonly stretchStartMs: number;
  readonly stretchEndMs: number;
  /** Lying awake a little after the stretch; nothing else starts before this. */
  readonly recoveredMs: number;
  /** Whether the sleeper turns over once recovered. */
  readonly turnAfter: boolean;
  readonly seed: number;
}

const S = 1000;
const MIN_CRAMP_MS = 10 * S;

/**
 * Places the night's cramps (Poisson count from the profile; the first at `firstCrampAtS` when
 * set) and reserves their time. Durations from the detector notes: tension rise 41 ± 11 s,
 * EMG-active part median about 60 s (10 s to several minutes), a stretch of several seconds.
 */
export function placeCramps(ctx: PlanContext): CrampSlot[] {
  const rng = ctx.rng('cramps');
  const slots: CrampSlot[] = [];
  const firstAtS = ctx.options.firstCrampAtS ?? PROFILES[ctx.options.profile].firstCrampAtS;
  if (firstAtS !== undefined) {
    const onsetMs = firstAtS * S;
    const slot = drawSlot(rng, onsetMs, ctx.durationMs, onsetMs - S);
    if (slot && ctx.occupancy.isFree(slot.preStartMs, slot.recoveredMs)) {
      ctx.occupancy.reserve(slot.preStartMs, slot.recoveredMs);
      slots.push(slot);
    }
  }
  const count = rng.poisson(ctx.perNight(PROFILES[ctx.options.profile].crampsPerNight));
  for (let i = 0; i < count; i++) {
    for (let attempt = 0; attempt < 50; attempt++) {
      const slot = drawSlot(rng, rng.uniform(90 * S, ctx.durationMs - 60 * S), ctx.durationMs, Infinity);
      if (!slot || !ctx.occupancy.isFree(slot.preStartMs - 10 * S, slot.recoveredMs)) continue;
      ctx.occupancy.reserve(slot.preStartMs - 10 * S, slot.recoveredMs);
      slots.push(slot);
      break;
    }
  }
  return slots.sort((a, b) => a.onsetMs - b.onsetMs);
}

function drawSlot(rng: Rng, onsetMs: number, nightMs: number, maxPreMs: number): CrampSlot | undefined {
  const preMs = Math.max(0, Math.min(maxPreMs, clamp(rng.normal() * 11 + 41, 15, 70) * S));
  const stretchMs = rng.uniform(3, 10) * S;
  const recoveryMs = rng.uniform(20, 90) * S;
  const turnAfter = rng.chance(0.4);
  const seed = rng.u32();
  const wantedMs = clamp(rng.logNormal(60, 0.8), 10, 600) * S;
  // Near the end of the night the cramp is cut short to end (stretch included) before it; one that
  // would be shorter than 10 s is not planned at all.
  const crampMs = Math.min(wantedMs, nightMs - S - stretchMs - onsetMs);
  if (crampMs < MIN_CRAMP_MS || onsetMs < 0) return undefined;
  const stretchStartMs = onsetMs + crampMs;
  return {
    preStartMs: onsetMs - preMs,
    onsetMs,
    stretchStartMs,
    stretchEndMs: stretchStartMs + stretchMs,
    recoveredMs: stretchStartMs + stretchMs + recoveryMs,
    turnAfter,
    seed,
  };
}

function clamp(x: number, lo: number, hi: number): number {
  return Math.min(hi, Math.max(lo, x));
}
