import { PROFILES } from '../profiles.ts';
import type { Rng } from '../random/rng.ts';
import { bumpEnvelope, excessUv } from './envelopes.ts';
import type { SourceMix } from './night-plan.ts';
import { MIX, type PlanContext } from './plan-context.ts';
import { postureAt } from './postures.ts';

const S = 1000;
const HOUR_MS = 3_600_000;
const ATTEMPTS = 30;

/**
 * Leg movements, spasms and twitches, placed in time no cramp or turn has taken. Figures from
 * the detector notes: a leg movement starts >= 8 µV over resting and lasts 0.5-10 s (AASM/WASM);
 * PLM series are >= 4 of them 10-90 s apart onset to onset, peaking at 15-30 s, mean 3.2 s long
 * (WASM 2016, Ferri 2006); spasms are cramp-like, 0.5-10 s, with the leg still; twitches are
 * single bursts under 2 s.
 */
export function planMovements(ctx: PlanContext): void {
  const profile = PROFILES[ctx.options.profile];
  const hours = ctx.durationMs / HOUR_MS;
  const plm = ctx.rng('plm');
  planPlmSeries(ctx, plm, plm.poisson(ctx.perNight(profile.plmSeriesPerNight)));
  const lm = ctx.rng('leg-movements');
  for (let i = lm.poisson(profile.legMovementsPerHour * hours * ctx.traits.rateFactor); i > 0; i--) {
    place(ctx, lm, drawLegMovementMs(lm), 2 * S, (s, e) => {
      const peakUv = legMovement(ctx, lm, s, e);
      ctx.draft.events.push({ kind: 'leg_movement', start: ctx.epoch(s), end: ctx.epoch(e), peakUv });
    });
  }
  const sp = ctx.rng('spasms');
  for (let i = sp.poisson(ctx.perNight(profile.spasmsPerNight)); i > 0; i--) {
    place(ctx, sp, sp.logUniform(0.5, 10) * S, 5 * S, (s, e) => {
      const peakUv = burst(ctx, sp, s, e, MIX.cramp, sp.logUniform(15, 200), 150);
      ctx.draft.events.push({ kind: 'spasm', start: ctx.epoch(s), end: ctx.epoch(e), peakUv });
    });
  }
  const tw = ctx.rng('twitches');
  for (let i = tw.poisson(profile.twitchesPerHour * hours * ctx.traits.rateFactor); i > 0; i--) {
    place(ctx, tw, tw.uniform(0.1, 1.5) * S, 1 * S, (s, e) => {
      const peakUv = burst(ctx, tw, s, e, MIX.twitch, tw.logUniform(8, 80), 40);
      if (tw.chance(0.5)) {
        ctx.draft.motions.push({
          startMs: s,
          endMs: e,
          rampInMs: 50,
          rampOutMs: 100,
          mg: tw.uniform(5, 20),
          artifactUv: 0,
        });
      }
      ctx.draft.events.push({ kind: 'twitch', start: ctx.epoch(s), end: ctx.epoch(e), peakUv });
    });
  }
}

function planPlmSeries(ctx: PlanContext, rng: Rng, count: number): void {
  for (let i = 0; i < count; i++) {
    const n = Math.max(4, Math.round(rng.logNormal(10, 0.6)));
    const onsets = [0];
    for (let k = 1; k < n; k++) onsets.push(onsets[k - 1]! + clamp(rng.logNormal(22, 0.4), 10, 90) * S);
    const lengths = onsets.map(() => drawLegMovementMs(rng));
    const spanMs = onsets[n - 1]! + lengths[n - 1]!;
    place(ctx, rng, spanMs, 5 * S, (s) => {
      const movements = onsets.map((o, k) => {
        const start = s + o;
        const end = start + lengths[k]!;
        legMovement(ctx, rng, start, end);
        return { start: ctx.epoch(start), end: ctx.epoch(end) };
      });
      ctx.draft.events.push({
        kind: 'plm_series',
        start: movements[0]!.start,
        end: movements[n - 1]!.end,
        movements,
      });
    });
  }
}

/** 0.5-10 s, mean about 3 s. */
function drawLegMovementMs(rng: Rng): number {
  return clamp(rng.logNormal(2.6, 0.5), 0.5, 10) * S;
}

/** A leg movement: phasic burst, ankle dorsiflexion (triple flexion), small acceleration. */
function legMovement(ctx: PlanContext, rng: Rng, s: number, e: number): number {
  const peakUv = burst(ctx, rng, s, e, MIX.phasic, rng.logUniform(10, 60), 200);
  ctx.draft.poseModifiers.push({
    startMs: s,
    endMs: e,
    rampInMs: 200,
    rampOutMs: 300,
    ankleDeg: -rng.uniform(5, 20),
    elevDeg: rng.uniform(0, 5),
    rollDeg: 0,
  });
  ctx.draft.motions.push({
    startMs: s,
    endMs: e,
    rampInMs: 150,
    rampOutMs: 300,
    mg: rng.uniform(10, 50),
    artifactUv: rng.uniform(3, 15),
  });
  return peakUv;
}

/** A burst `overUv` above resting at its height; returns its peak total RMS. */
function burst(
  ctx: PlanContext,
  rng: Rng,
  s: number,
  e: number,
  mix: SourceMix,
  overUv: number,
  rampMs: number,
): number {
  const baseUv = ctx.baseline.at(s) * postureAt(ctx.draft.postures, s).restFactor;
  const env = bumpEnvelope(s, e, excessUv(baseUv, baseUv + overUv), rampMs, rampMs);
  ctx.draft.emgComponents.push({ startMs: s, endMs: e, mix, seed: rng.u32(), ...env });
  return Math.round((baseUv + overUv) * 10) / 10;
}

/** Tries random starts until `lengthMs` (plus `marginMs` either side) is free, then reserves it. */
function place(
  ctx: PlanContext,
  rng: Rng,
  lengthMs: number,
  marginMs: number,
  plan: (s: number, e: number) => void,
): void {
  for (let attempt = 0; attempt < ATTEMPTS; attempt++) {
    const s = rng.uniform(marginMs, ctx.durationMs - lengthMs - marginMs);
    if (s < marginMs || !ctx.occupancy.isFree(s - marginMs, s + lengthMs + marginMs)) continue;
    ctx.occupancy.reserve(s - marginMs, s + lengthMs + marginMs);
    plan(s, s + lengthMs);
    return;
  }
}

function clamp(x: number, lo: number, hi: number): number {
  return Math.min(hi, Math.max(lo, x));
}
