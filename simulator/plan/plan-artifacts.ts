import type { PlanContext } from './plan-context.ts';
import type { CrampSlot } from './plan-cramps.ts';

const S = 1000;
const HOUR_MS = 3_600_000;

/**
 * Signal-quality trouble: lead-off (EMG rails to full scale or goes flat; the band flags it in
 * its status three times in four) and electrode pops (broadband spikes; a few herald a lead-off).
 * Lead-off is kept clear of cramps so that every cramp in the truth can be seen in the signal.
 */
export function planArtifacts(ctx: PlanContext, cramps: readonly CrampSlot[]): void {
  const rng = ctx.rng('artifacts');
  const { draft } = ctx;
  const count = rng.poisson(ctx.traits.leadOffsPerNight * ctx.nightFraction);
  for (let i = 0; i < count; i++) {
    const lengthMs = rng.logUniform(5, 900) * S;
    const startMs = rng.uniform(30 * S, ctx.durationMs - lengthMs - 10 * S);
    const endMs = startMs + lengthMs;
    const clash =
      startMs < 30 * S ||
      cramps.some((c) => c.preStartMs < endMs + 10 * S && c.stretchEndMs + 10 * S > startMs) ||
      draft.leadOffs.some((l) => l.startMs < endMs + 10 * S && l.endMs + 10 * S > startMs);
    const mode = rng.chance(0.6) ? 'rail' : 'flat';
    const levelUv = mode === 'rail' ? (rng.chance(0.5) ? 1 : -1) : rng.normal() * 20;
    const flagged = rng.chance(0.75);
    const heralds = rng.int(0, 4);
    if (clash) continue;
    draft.leadOffs.push({ startMs, endMs, mode, levelUv, flagged });
    draft.events.push({ kind: 'lead_off', start: ctx.epoch(startMs), end: ctx.epoch(endMs), mode, flagged });
    for (let k = 0; k < heralds; k++)
      pop(
        ctx,
        startMs - rng.uniform(0.2, 20) * S,
        rng.logUniform(200, 3000) * (rng.chance(0.5) ? 1 : -1),
        rng.logUniform(3, 30),
      );
  }
  for (let i = rng.poisson(ctx.traits.popsPerHour * (ctx.durationMs / HOUR_MS)); i > 0; i--) {
    pop(
      ctx,
      rng.uniform(0, ctx.durationMs - S),
      rng.logUniform(100, 2500) * (rng.chance(0.5) ? 1 : -1),
      rng.logUniform(3, 30),
    );
  }
}

function pop(ctx: PlanContext, atMs: number, amplitudeUv: number, tauMs: number): void {
  if (atMs < 0) return;
  const endMs = atMs + 5 * tauMs;
  ctx.draft.pops.push({ startMs: atMs, endMs, amplitudeUv, tauMs });
  const amp = Math.round(Math.abs(amplitudeUv));
  ctx.draft.events.push({ kind: 'pop', start: ctx.epoch(atMs), end: ctx.epoch(endMs), amplitudeUv: amp });
}
