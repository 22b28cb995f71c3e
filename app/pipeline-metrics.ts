import { Counter, Gauge, type Registry } from 'prom-client';
import type { DetectorOutput } from '../detector/index.ts';
import type { IngestItem } from '../ingest/index.ts';
import { frameSpanMs } from '../protocol/index.ts';

/**
 * What the detector found, by kind, and how far behind the bands the pipeline runs, on /metrics.
 * The lag is the worst since the last scrape (a gauge set per frame would show only the newest).
 */
export class PipelineMetrics {
  private readonly events: Counter<'kind' | 'late'>;
  private worstLagMs = 0;

  constructor(registry: Registry) {
    const registers = [registry];
    this.events = new Counter({
      name: 'crampwatch_events_total',
      help: 'Events the detector started, by kind and whether found in late frames',
      labelNames: ['kind', 'late'] as const,
      registers,
    });
    const self = this;
    new Gauge({
      name: 'crampwatch_processing_lag_seconds',
      help: 'Worst delay since the last scrape from the end of a live frame (band clock) to its detection',
      registers,
      collect() {
        this.set(self.worstLagMs / 1000);
        self.worstLagMs = 0;
      },
    });
  }

  /** Items of one message, processed at `nowMs`. */
  processed(items: readonly IngestItem[], nowMs: number): void {
    for (const item of items) {
      if (item.kind !== 'frame' || item.late) continue;
      const lag = nowMs - (item.frame.t0 + frameSpanMs(item.frame));
      if (lag > this.worstLagMs) this.worstLagMs = lag;
    }
  }

  output({ phase, event }: DetectorOutput): void {
    if (phase === 'start') this.events.inc({ kind: event.kind, late: String(event.late) });
  }
}
