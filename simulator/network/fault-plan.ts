import type { SimulationOptions } from '../options.ts';
import type { Timed } from '../plan/timed.ts';
import { createRng } from '../random/rng.ts';

/** When one band's network faults happen (ms of the night). */
export interface FaultPlan {
  /** The gateway is offline; frames are buffered and uploaded when it is back. */
  readonly outages: readonly Timed[];
  /** The band restarts at `startMs` and sends nothing until `endMs`. */
  readonly reboot: Timed | undefined;
  /** Radio dropouts: every frame ending inside is lost. */
  readonly lossBursts: readonly Timed[];
}

const S = 1000;
const MIN = 60 * S;
const NIGHT_MS = 8 * 60 * MIN;
const OUTAGE_GAP_MS = 40 * MIN;

/** Draws the faults of band `index` from the settings; forced times (`outageAtS`, `rebootAtS`) win. */
export function planFaults(options: SimulationOptions, index: number): FaultPlan {
  const f = options.faults;
  const rng = createRng(options.seed, 'band', index, 'faults');
  const durationMs = options.minutes * MIN;
  const outages: Timed[] = [];
  if (f.outageAtS !== undefined) {
    const startMs = f.outageAtS * S;
    outages.push({ startMs, endMs: Math.min(durationMs, startMs + (f.outageDurationS ?? 300) * S) });
  } else {
    const count = Math.min(3, rng.poisson((f.outagesPerNight * durationMs) / NIGHT_MS));
    for (let i = 0; i < count; i++) {
      const lengthMs = rng.uniform(1, Math.max(1, f.outageMaxMinutes)) * MIN;
      const startMs = rng.uniform(2 * MIN, durationMs - lengthMs - 2 * MIN);
      const endMs = startMs + lengthMs;
      // Apart enough that one backlog is uploaded before the next outage begins.
      const clash = outages.some(
        (o) => o.startMs < endMs + OUTAGE_GAP_MS && o.endMs + OUTAGE_GAP_MS > startMs,
      );
      if (startMs < 2 * MIN || clash) continue;
      outages.push({ startMs, endMs });
    }
    outages.sort((a, b) => a.startMs - b.startMs);
  }
  const rebootDraw = rng.chance(f.rebootProbability);
  const rebootAtMs = f.rebootAtS !== undefined ? f.rebootAtS * S : rng.uniform(5 * MIN, durationMs - 5 * MIN);
  const downMs = rng.uniform(5, 30) * S;
  const clear = outages.every((o) => rebootAtMs + downMs < o.startMs - MIN || rebootAtMs > o.endMs + MIN);
  const reboot =
    (f.rebootAtS !== undefined || (rebootDraw && clear)) && rebootAtMs >= 0 && rebootAtMs < durationMs
      ? { startMs: rebootAtMs, endMs: Math.min(durationMs, rebootAtMs + downMs) }
      : undefined;
  const lossBursts: Timed[] = [];
  for (let i = rng.poisson((f.lossBurstsPerHour * durationMs) / (60 * MIN)); i > 0; i--) {
    const lengthMs = rng.int(2, Math.max(2, f.lossBurstMaxFrames)) * options.frameMs;
    const startMs = rng.uniform(0, durationMs - lengthMs);
    lossBursts.push({ startMs, endMs: startMs + lengthMs });
  }
  lossBursts.sort((a, b) => a.startMs - b.startMs);
  return { outages, reboot, lossBursts };
}
