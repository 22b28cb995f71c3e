import type { AlertMessage } from '../api/live-messages.ts';

/** A cramp as the banner shows it. */
export interface CrampAlert {
  readonly id: string;
  readonly device: string;
  readonly startMs: number;
  /** Ongoing: duration so far (band time); ended: its length. */
  readonly durationMs: number;
  readonly ended: boolean;
  readonly peakUv: number | undefined;
}

/**
 * The cramp alerts of the page, from the live alert phases: `start` opens one, `update` moves
 * its "so far", `end` closes it with its length. Only cramps are alerts; other kinds are not.
 * Pure: the band's clock comes in with each call.
 */
export class CrampAlerts {
  private readonly alerts = new Map<string, CrampAlert>();
  private readonly dismissed = new Set<string>();

  /**
   * Applies one phase; `bandNowMs` is the band's latest time (the phase's `at`, else the latest
   * summary). Returns the alert and whether it is new, or undefined for phases of other kinds.
   */
  apply(
    message: AlertMessage,
    bandNowMs: number | undefined,
  ): { alert: CrampAlert; isNew: boolean } | undefined {
    const { event, phase } = message;
    if (event.kind !== 'cramp' || this.dismissed.has(event.id)) return undefined;
    const before = this.alerts.get(event.id);
    if (before?.ended && phase !== 'end') return { alert: before, isNew: false };
    const ended = phase === 'end' && event.end !== null;
    const now = message.at ?? bandNowMs ?? event.start;
    const alert: CrampAlert = {
      id: event.id,
      device: event.device,
      startMs: event.start,
      durationMs: ended ? event.end! - event.start : Math.max(before?.durationMs ?? 0, now - event.start),
      ended,
      peakUv: typeof event.peakUv === 'number' ? event.peakUv : before?.peakUv,
    };
    this.alerts.set(event.id, alert);
    return { alert, isNew: before === undefined };
  }

  /** Moves every ongoing cramp of `device` to the band's time `bandNowMs` (from its 1 Hz summary). */
  tick(device: string, bandNowMs: number): CrampAlert[] {
    const moved: CrampAlert[] = [];
    for (const alert of this.alerts.values()) {
      if (alert.device !== device || alert.ended) continue;
      const durationMs = Math.max(alert.durationMs, bandNowMs - alert.startMs);
      if (durationMs === alert.durationMs) continue;
      const next = { ...alert, durationMs };
      this.alerts.set(alert.id, next);
      moved.push(next);
    }
    return moved;
  }

  /** Forgets an alert the user dismissed. */
  dismiss(id: string): void {
    this.alerts.delete(id);
    this.dismissed.add(id);
  }

  list(): CrampAlert[] {
    return [...this.alerts.values()];
  }
}
