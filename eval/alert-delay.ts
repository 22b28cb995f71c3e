/**
 * Alert delay: how long after a cramp's true onset the first live alert for it went out.
 * Late events (found in frames that arrived late) are not live alerts and do not count.
 */
import type { TruthEvent } from '../simulator/index.ts';
import type { AlertPhase } from './detections.ts';
import { overlapMs } from './match-events.ts';

/**
 * For each truth cramp, `at − start` of the earliest live `start` phase of a cramp on that
 * device whose alerted span (its event's `start` to the phase's `at`) overlaps the cramp or its
 * silent tension rise (`preStart` to onset: "an alert can come before the person wakes",
 * detector notes); null when none did. Negative when the alert came before the true onset.
 */
export function alertDelaysMs(
  truthCramps: readonly TruthEvent[],
  phases: readonly AlertPhase[],
  device: string,
): (number | null)[] {
  const starts = phases.filter(
    (p) => p.phase === 'start' && p.event.kind === 'cramp' && p.event.device === device && !p.event.late,
  );
  return truthCramps.map((t) => {
    let first: number | null = null;
    for (const p of starts) {
      const alerted = { start: Math.min(p.event.start, p.at), end: Math.max(p.event.start, p.at) + 1 };
      const span = { start: typeof t.preStart === 'number' ? t.preStart : t.start, end: t.end };
      if (overlapMs(alerted, span) > 0 && (first === null || p.at < first)) first = p.at;
    }
    return first === null ? null : first - t.start;
  });
}
