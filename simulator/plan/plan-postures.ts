import { PROFILES } from '../profiles.ts';
import type { Rng } from '../random/rng.ts';
import { burstsEnvelope } from './envelopes.ts';
import type { PostureState } from './night-plan.ts';
import { MIX, type PlanContext } from './plan-context.ts';
import type { CrampSlot } from './plan-cramps.ts';
import { drawFirstPosture, drawNextPosture, drawPostureState } from './postures.ts';

const S = 1000;
const MIN_DWELL_MS = 2 * 60 * S;

/**
 * The night's postures: still periods (2 minutes and up, exponential around the profile's mean)
 * separated by turns of 3-45 s of EMG bursts and clear leg movement (IRLSSG 2021, via detector
 * notes), placed clear of cramps; sometimes the sleeper turns right after a cramp.
 */
export function planPostures(ctx: PlanContext, cramps: readonly CrampSlot[]): void {
  const rng = ctx.rng('postures');
  const meanDwellMs = PROFILES[ctx.options.profile].turnEveryMin * 60 * S;
  let state = drawPostureState(rng, drawFirstPosture(rng));
  let t = 0;
  for (;;) {
    let turnAt = t + Math.max(MIN_DWELL_MS, rng.exponential(meanDwellMs));
    const after = cramps.find((c) => c.turnAfter && c.recoveredMs > t && c.recoveredMs < turnAt);
    if (after) turnAt = after.recoveredMs;
    const turnMs = rng.logUniform(3, 45) * S;
    turnAt = ctx.occupancy.nextFree(turnAt, turnMs + 2 * S);
    if (turnAt + turnMs > ctx.durationMs - 10 * S) break;
    ctx.occupancy.reserve(turnAt, turnAt + turnMs + 2 * S);
    pushStill(ctx, state, t, turnAt);
    const next = drawPostureState(rng, drawNextPosture(rng, state.posture));
    planTurn(ctx, rng, state, next, turnAt, turnAt + turnMs);
    state = next;
    t = turnAt + turnMs;
  }
  pushStill(ctx, state, t, Number.POSITIVE_INFINITY);
}

function pushStill(ctx: PlanContext, state: PostureState, startMs: number, endMs: number): void {
  ctx.draft.postures.push({
    startMs,
    endMs,
    from: state,
    to: state,
    rollTravelDeg: 0,
    rollStartMs: startMs,
    rollEndMs: startMs,
  });
}

function planTurn(
  ctx: PlanContext,
  rng: Rng,
  from: PostureState,
  to: PostureState,
  startMs: number,
  endMs: number,
): void {
  const { draft } = ctx;
  const durMs = endMs - startMs;
  const rollMs = Math.min(durMs * 0.6, rng.uniform(1500, 4000));
  const rollStartMs = startMs + rng.uniform(0.1, 0.9) * (durMs - rollMs);
  // Supine to prone (or back) goes over one side or the other; otherwise the short way round.
  let travel = wrap180(to.rollDeg - from.rollDeg);
  if (Math.abs(travel) > 150) travel = rng.chance(0.5) ? Math.abs(travel) : -Math.abs(travel);
  draft.postures.push({
    startMs,
    endMs,
    from,
    to,
    rollTravelDeg: travel,
    rollStartMs,
    rollEndMs: rollStartMs + rollMs,
  });

  const burst = burstsEnvelope(rng, startMs, endMs, 15, rng.logUniform(40, 150));
  draft.emgComponents.push({ startMs, endMs, mix: MIX.phasic, seed: rng.u32(), ...burst });
  draft.motions.push({
    startMs,
    endMs,
    rampInMs: 300,
    rampOutMs: 500,
    mg: rng.uniform(60, 300),
    artifactUv: rng.uniform(20, 150),
  });
  // Knee drawn up while turning, and the foot moving about.
  draft.poseModifiers.push({
    startMs,
    endMs,
    rampInMs: durMs / 3,
    rampOutMs: durMs / 3,
    ankleDeg: 0,
    elevDeg: rng.uniform(5, 30),
    rollDeg: 0,
  });
  for (let i = rng.int(1, 3); i > 0; i--) {
    const s = rng.uniform(startMs, endMs - 1000);
    const e = Math.min(endMs, s + rng.uniform(1000, 5000));
    draft.poseModifiers.push({
      startMs: s,
      endMs: e,
      rampInMs: 400,
      rampOutMs: 400,
      ankleDeg: rng.uniform(-20, 20),
      elevDeg: 0,
      rollDeg: 0,
    });
  }
  draft.events.push({
    kind: 'turn',
    start: ctx.epoch(startMs),
    end: ctx.epoch(endMs),
    from: from.posture,
    to: to.posture,
  });
}

function wrap180(deg: number): number {
  let d = deg % 360;
  if (d > 180) d -= 360;
  if (d <= -180) d += 360;
  return d;
}
