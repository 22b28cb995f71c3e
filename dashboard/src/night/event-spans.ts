import type { CrampWatchEvent } from '../api/types.ts';

/** The event kinds the timeline shades, drawn in this order (cramps on top). */
export const SHADED_KINDS = ['lead_off', 'plantar_flexion', 'spasm', 'cramp'] as const;

/** An interval to shade, in seconds (uPlot's x). */
export interface Span {
  readonly kind: string;
  readonly fromS: number;
  readonly toS: number;
}

/**
 * The shaded intervals of a night's events, clipped to the night. An event still open (`end`
 * null) is shaded up to `openEndMs` (the end of the data shown), not to the end of the night.
 */
export function eventSpans(
  events: readonly CrampWatchEvent[],
  night: { readonly fromMs: number; readonly toMs: number },
  openEndMs: number,
): Span[] {
  const order = new Map<string, number>(SHADED_KINDS.map((k, i) => [k, i]));
  return events
    .filter((e) => order.has(e.kind))
    .map((e) => ({
      kind: e.kind,
      fromS: Math.max(e.start, night.fromMs) / 1000,
      toS: Math.min(e.end ?? Math.max(openEndMs, e.start), night.toMs) / 1000,
    }))
    .filter((s) => s.toS >= s.fromS)
    .sort((a, b) => order.get(a.kind)! - order.get(b.kind)! || a.fromS - b.fromS);
}
