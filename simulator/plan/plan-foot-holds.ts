import type { PlanContext } from './plan-context.ts';
import type { CrampSlot } from './plan-cramps.ts';

const MIN_MS = 60_000;

/**
 * Periods lying on the back with the foot pointed 20-45° beyond neutral, held for minutes: a
 * plantar flexion that is not a cramp. (Prone postures point the foot on their own.) Kept clear
 * of cramps, whose own forced plantar flexion is planned with them.
 */
export function planFootHolds(ctx: PlanContext, cramps: readonly CrampSlot[]): void {
  const rng = ctx.rng('foot-holds');
  for (const seg of ctx.draft.postures) {
    const lengthMs = Math.min(seg.endMs, ctx.durationMs) - seg.startMs;
    const draw = rng.next();
    if (seg.from !== seg.to || seg.to.posture !== 'supine' || lengthMs < 6 * MIN_MS || draw > 0.35) continue;
    const holdMs = rng.logUniform(2 * MIN_MS, Math.min(20 * MIN_MS, lengthMs - 3 * MIN_MS));
    const startMs = seg.startMs + MIN_MS + rng.next() * (lengthMs - holdMs - 2 * MIN_MS);
    const endMs = startMs + holdMs;
    if (cramps.some((c) => c.preStartMs < endMs + 5000 && c.stretchEndMs + 5000 > startMs)) continue;
    const ramp = rng.uniform(2000, 5000);
    ctx.draft.poseModifiers.push({
      startMs,
      endMs,
      rampInMs: ramp,
      rampOutMs: ramp,
      ankleDeg: rng.uniform(20, 45) - seg.to.footPfDeg,
      elevDeg: 0,
      rollDeg: 0,
    });
  }
}
