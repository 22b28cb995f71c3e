import type { Rng } from '../random/rng.ts';
import { burstsEnvelope, excessUv, plateauPoints } from './envelopes.ts';
import type { PostureState } from './night-plan.ts';
import { MIX, type PlanContext } from './plan-context.ts';
import type { CrampSlot } from './plan-cramps.ts';

/**
 * A cramp's signal: silent tension rise (+100-500% over resting, no movement), sudden sustained
 * irregular contraction (tens to hundreds of µV; one in five weak, 10-18 µV over resting)
 * that forces the foot 25-45° into plantar flexion, then the stretch: a loud burst of all calf
 * muscles with dorsiflexion and leg movement that ends it (detector notes, "Cramps").
 */
export function planCramp(ctx: PlanContext, slot: CrampSlot, posture: PostureState): void {
  const rng = ctx.rng(`cramp-${slot.seed}`);
  const baseUv = ctx.baseline.at(slot.onsetMs) * posture.restFactor;
  const weak = rng.chance(0.2);
  const peakUv = weak ? baseUv + rng.uniform(10, 18) : rng.logUniform(30, 400);
  const riseMs = rng.uniform(500, 3000);
  tensionRise(ctx, rng, slot, baseUv, riseMs);
  contraction(ctx, rng, slot, excessUv(baseUv, peakUv) / 1.15, riseMs); // the plateau waxes up to x1.15
  const pfDeg = footAndLeg(ctx, rng, slot, posture);
  const stretchUv = stretchBurst(ctx, rng, slot, peakUv);
  ctx.draft.arousals.push({ startMs: slot.onsetMs, endMs: slot.recoveredMs });
  const e = (t: number) => ctx.epoch(t);
  ctx.draft.events.push(
    {
      kind: 'cramp',
      start: e(slot.onsetMs),
      end: e(slot.stretchEndMs),
      preStart: e(slot.preStartMs),
      stretchStart: e(slot.stretchStartMs),
      peakUv: round1(peakUv),
      baselineUv: round1(baseUv),
      weak,
      plantarFlexionDeg: round1(pfDeg),
    },
    {
      kind: 'stretch',
      start: e(slot.stretchStartMs),
      end: e(slot.stretchEndMs),
      peakUv: round1(Math.hypot(stretchUv, baseUv)),
    },
  );
}

/** Total RMS grows to (1 + gain) x resting, gain 1-5, then hands over to the contraction. */
function tensionRise(ctx: PlanContext, rng: Rng, slot: CrampSlot, baseUv: number, riseMs: number): void {
  const gain = rng.uniform(1, 5);
  const env = { envelopeMs: [] as number[], envelopeUv: [] as number[] };
  const preMs = slot.onsetMs - slot.preStartMs;
  for (let t = 0; t < preMs; t += 2000) {
    env.envelopeMs.push(slot.preStartMs + t);
    env.envelopeUv.push(excessUv(baseUv, baseUv * (1 + gain * (t / preMs) ** 1.5)));
  }
  env.envelopeMs.push(slot.onsetMs, slot.onsetMs + riseMs);
  env.envelopeUv.push(excessUv(baseUv, baseUv * (1 + gain)), 0);
  const endMs = slot.onsetMs + riseMs;
  ctx.draft.emgComponents.push({ startMs: slot.preStartMs, endMs, mix: MIX.tonic, seed: rng.u32(), ...env });
}

/** The sustained contraction, waxing and waning, fading out through the stretch. */
function contraction(ctx: PlanContext, rng: Rng, slot: CrampSlot, levelUv: number, riseMs: number): void {
  const env = { envelopeMs: [slot.onsetMs, slot.onsetMs + riseMs], envelopeUv: [0, levelUv] };
  plateauPoints(rng, env, slot.onsetMs + riseMs, slot.stretchStartMs, levelUv);
  env.envelopeMs.push(slot.stretchStartMs, slot.stretchEndMs);
  env.envelopeUv.push(levelUv * rng.uniform(0.7, 1.1), 0);
  const { onsetMs: startMs, stretchEndMs: endMs } = slot;
  ctx.draft.emgComponents.push({ startMs, endMs, mix: MIX.cramp, seed: rng.u32(), ...env });
}

/** Forced plantar flexion (leg still), then the stretch: foot pulled up, knee bent or leg raised. Returns the flexion. */
function footAndLeg(ctx: PlanContext, rng: Rng, slot: CrampSlot, posture: PostureState): number {
  const pfDeg = rng.uniform(25, 45);
  const dorsiDeg = rng.uniform(10, 25);
  const footMs = rng.uniform(1000, 3000);
  ctx.draft.poseModifiers.push(
    {
      startMs: slot.onsetMs,
      endMs: slot.stretchStartMs + 1000,
      rampInMs: footMs,
      rampOutMs: 1000,
      ankleDeg: pfDeg - posture.footPfDeg,
      elevDeg: 0,
      rollDeg: 0,
    },
    // Ramps in as the flexion ramps out, so the two add up to a smooth swing from one to the other.
    {
      startMs: slot.stretchStartMs,
      endMs: slot.stretchEndMs + 2000,
      rampInMs: 1000,
      rampOutMs: 2000,
      ankleDeg: -dorsiDeg - posture.footPfDeg,
      elevDeg: rng.uniform(10, 40),
      rollDeg: rng.uniform(-15, 15),
    },
  );
  return pfDeg;
}

/** The stretch's loud burst of all calf muscles, with leg movement; returns its level. */
function stretchBurst(ctx: PlanContext, rng: Rng, slot: CrampSlot, peakUv: number): number {
  const { stretchStartMs: startMs, stretchEndMs: endMs } = slot;
  const levelUv = Math.min(1500, Math.max(2.5 * peakUv, rng.logUniform(150, 600)));
  const env = burstsEnvelope(rng, startMs, endMs, levelUv * 0.6, levelUv);
  ctx.draft.emgComponents.push({ startMs, endMs, mix: MIX.stretch, seed: rng.u32(), ...env });
  const motion = {
    rampInMs: 300,
    rampOutMs: 1500,
    mg: rng.uniform(100, 400),
    artifactUv: rng.uniform(30, 200),
  };
  ctx.draft.motions.push({ startMs, endMs: endMs + 2000, ...motion });
  return levelUv;
}

function round1(x: number): number {
  return Math.round(x * 10) / 10;
}
