import type { EpochMs } from '../protocol/index.ts';
import type { DetectorConfig } from './detector-config.ts';

export interface PlantarFlexionCallbacks {
  /** The foot has been pointed long enough to report (live `start`). */
  readonly onStart: (startMs: EpochMs, atMs: EpochMs, angleDeg: number) => void;
  readonly onEnd: (startMs: EpochMs, endMs: EpochMs, maxAngleDeg: number, meanAngleDeg: number) => void;
}

/**
 * Intervals with the foot held pointed: ≥ `plantarFlexionDeg` beyond the band's neutral angle for
 * ≥ `plantarFlexionMinMs`, ending when it drops below `plantarFlexionEndDeg` for 5 s. Epochs
 * where the angle is unknown (side lying, moving, no foot clip) neither extend nor break an
 * interval unless they last longer than `plantarFlexionBridgeMs`: unknown is not neutral.
 */
export class PlantarFlexionTracker {
  private startMs: EpochMs | undefined;
  private lastPointedMs: EpochMs = 0;
  private lastKnownMs: EpochMs = 0;
  private belowSinceMs: EpochMs | undefined;
  private reported = false;
  private max = 0;
  private sum = 0;
  private n = 0;

  constructor(
    private readonly config: DetectorConfig,
    private readonly callbacks: PlantarFlexionCallbacks,
  ) {}

  /** Feeds one epoch: `flexionDeg` beyond neutral, or null where unknown. */
  epoch(startMs: EpochMs, flexionDeg: number | null, epochMs: number): void {
    const c = this.config;
    if (flexionDeg === null) {
      if (this.startMs !== undefined && startMs - this.lastKnownMs > c.plantarFlexionBridgeMs) {
        this.finish(this.lastPointedMs + epochMs);
      }
      return;
    }
    this.lastKnownMs = startMs;
    if (this.startMs === undefined) {
      if (flexionDeg >= c.plantarFlexionDeg) this.begin(startMs, flexionDeg);
      return;
    }
    if (flexionDeg >= c.plantarFlexionEndDeg) {
      this.belowSinceMs = undefined;
      this.lastPointedMs = startMs;
      this.max = Math.max(this.max, flexionDeg);
      this.sum += flexionDeg;
      this.n++;
      if (!this.reported && startMs + epochMs - this.startMs >= c.plantarFlexionMinMs) {
        this.reported = true;
        this.callbacks.onStart(this.startMs, startMs + epochMs, this.sum / this.n);
      }
      return;
    }
    this.belowSinceMs ??= startMs;
    if (startMs - this.belowSinceMs >= 5_000) this.finish(this.lastPointedMs + epochMs);
  }

  /** Ends an open interval (end of the stream, a long gap, a reboot). */
  close(): void {
    if (this.startMs !== undefined) this.finish(this.lastPointedMs + 100);
  }

  private begin(startMs: EpochMs, flexionDeg: number): void {
    this.startMs = startMs;
    this.lastPointedMs = startMs;
    this.belowSinceMs = undefined;
    this.reported = false;
    this.max = flexionDeg;
    this.sum = flexionDeg;
    this.n = 1;
  }

  private finish(endMs: EpochMs): void {
    const startMs = this.startMs!;
    if (this.reported) this.callbacks.onEnd(startMs, endMs, this.max, this.sum / this.n);
    this.startMs = undefined;
    this.reported = false;
  }
}
