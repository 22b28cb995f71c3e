import type { CrampWatchEvent, NightSummary, TimelineBucket } from '../../dashboard/src/api/types.ts';

/** A bucket of the night timeline with plausible values; `over` replaces any of them. */
export function bucket(t: number, over: Partial<TimelineBucket> = {}): TimelineBucket {
  return {
    t,
    seconds: 60,
    envUv: { min: 2, max: 9, mean: 4 },
    movementMg: { min: 0, max: 12 },
    flexionDeg: { min: 1, max: 5, mean: 3 },
    leadOffSeconds: 0,
    plantarFlexedSeconds: 0,
    ...over,
  };
}

export function event(kind: string, start: number, end: number | null, over: Partial<CrampWatchEvent> = {}) {
  return { id: `band-1:${kind}:${start}`, device: 'band-1', kind, start, end, late: false, ...over };
}

export function nightSummary(date: string, fromMs: number, over: Partial<NightSummary> = {}): NightSummary {
  return {
    date,
    fromMs,
    toMs: fromMs + 86_400_000,
    cramps: { count: 0, totalMs: 0, longestMs: 0, firstOnsetMs: null },
    spasms: 0,
    plms: 0,
    plantarFlexedMinutes: 0,
    leadOffMinutes: 0,
    coverage: 0.3,
    dataMinutes: 432,
    ...over,
  };
}
