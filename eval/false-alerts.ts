/**
 * Why a detector raised a cramp where there was none: the truth episode each false cramp
 * overlaps most. Meant to show which confounder (detector notes, "What looks like a cramp but
 * is not") the detector falls for.
 */
import type { TruthEvent } from '../simulator/index.ts';
import { eventInterval, type Interval } from './detections.ts';
import { overlapMs } from './match-events.ts';

/** A false cramp overlapping only a cramp another detection already matched: a split or repeat. */
export const SPLIT_CAUSE = 'cramp_split';
export const NO_CAUSE = 'none';

/**
 * Truth kinds that are states rather than confounders: the foot held pointed accompanies a real
 * cramp and says nothing about why EMG rose, so it is never named as a cause.
 */
const NOT_A_CAUSE = new Set(['plantar_flexion']);

/** Truth kinds whose overlap with a false cramp is counted on its own ("cramps during …"). */
export const MUST_NOT_KINDS = ['lead_off', 'turn', 'plm_series'] as const;
export type MustNotKind = (typeof MUST_NOT_KINDS)[number];

/**
 * The kind of the truth event that shares the most time with `detected` (ties: the earlier
 * event), `cramp_split` if that is a truth cramp, `none` if it overlaps nothing.
 */
export function falseAlertCause(detected: Interval, truthEvents: readonly TruthEvent[]): string {
  let best: TruthEvent | undefined;
  let bestMs = 0;
  for (const t of truthEvents) {
    if (NOT_A_CAUSE.has(t.kind)) continue;
    const ms = overlapMs(detected, t);
    if (ms > bestMs) {
      best = t;
      bestMs = ms;
    }
  }
  if (!best) return NO_CAUSE;
  return best.kind === 'cramp' ? SPLIT_CAUSE : best.kind;
}

/** Counts of false cramps by cause, and of those overlapping a lead-off, a turn or a PLM series at all. */
export interface FalseAlerts {
  readonly byCause: Readonly<Record<string, number>>;
  readonly during: Readonly<Record<MustNotKind, number>>;
}

export function falseAlerts(
  falseCramps: readonly { start: number; end: number | null }[],
  truthEvents: readonly TruthEvent[],
): FalseAlerts {
  const byCause: Record<string, number> = {};
  const during: Record<MustNotKind, number> = { lead_off: 0, turn: 0, plm_series: 0 };
  for (const d of falseCramps) {
    const span = eventInterval(d);
    const cause = falseAlertCause(span, truthEvents);
    byCause[cause] = (byCause[cause] ?? 0) + 1;
    for (const kind of MUST_NOT_KINDS) {
      if (truthEvents.some((t) => t.kind === kind && overlapMs(span, t) > 0)) during[kind]++;
    }
  }
  return { byCause, during };
}
