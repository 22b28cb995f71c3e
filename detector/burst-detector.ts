import type { EpochMs } from '../protocol/index.ts';
import type { DetectorConfig } from './detector-config.ts';
import type { EnvelopeHistory } from './envelope-history.ts';

export interface BurstCallbacks {
  /** Confident it is a cramp: `onsetMs` is the back-dated onset. */
  readonly crampStart: (onsetMs: EpochMs, atMs: EpochMs, peakUv: number, baselineUv: number) => void;
  readonly crampUpdate: (onsetMs: EpochMs, atMs: EpochMs, peakUv: number) => void;
  readonly crampEnd: (
    onsetMs: EpochMs,
    endMs: EpochMs,
    atMs: EpochMs,
    peakUv: number,
    baselineUv: number,
  ) => void;
  /** A burst that ended before it could be a cramp; `still` when the leg did not move. */
  readonly shortBurst: (startMs: EpochMs, endMs: EpochMs, still: boolean, peakUv: number) => void;
}

interface Run {
  readonly firstActiveMs: EpochMs;
  readonly baselineUv: number;
  readonly onUv: number;
  readonly offUv: number;
  lastActiveMs: EpochMs;
  quietEpochs: number;
  peakUv: number;
  moved: boolean;
  onsetMs: EpochMs | undefined;
  lastUpdateMs: EpochMs;
  epochs: number;
}

/**
 * Bursts of calf EMG above the resting baseline, and which of them are cramps. A burst starts
 * when the smoothed envelope reaches max(2 × baseline, baseline + 8 µV) and ends after a quiet
 * stretch below halfway back to baseline. It becomes a cramp once the contraction has lasted
 * `crampMinMs` from its onset with the leg still around the onset; the onset is back-dated to
 * where the envelope first reached half the contraction's level, so the silent tension rise
 * before a cramp (Chaney & Sherman) is not taken for its start. Once a cramp, movement no longer
 * matters: the stretch that ends it is loud and moving, and belongs to it (Ross & Thomas 1995).
 */
export class BurstDetector {
  private run: Run | undefined;

  constructor(
    private readonly config: DetectorConfig,
    private readonly history: EnvelopeHistory,
    private readonly callbacks: BurstCallbacks,
  ) {}

  /** Feeds one epoch (already pushed into the history). */
  epoch(t: EpochMs, envUv: number, moving: boolean, baselineUv: number, epochMs: number): void {
    const c = this.config;
    let run = this.run;
    if (!run) {
      const onUv = Math.max(c.activeRatio * baselineUv, baselineUv + c.activeAboveUv);
      if (envUv < onUv) return;
      run = {
        firstActiveMs: this.backDate(onUv, baselineUv),
        baselineUv,
        onUv,
        offUv: baselineUv + 0.5 * (onUv - baselineUv),
        lastActiveMs: t,
        quietEpochs: 0,
        peakUv: envUv,
        moved: false,
        onsetMs: undefined,
        lastUpdateMs: t,
        epochs: 0,
      };
      this.run = run;
    }
    run.epochs++;
    if (moving) run.moved = true;
    if (envUv >= run.offUv) {
      run.lastActiveMs = t;
      run.quietEpochs = 0;
      run.peakUv = Math.max(run.peakUv, envUv);
    } else {
      run.quietEpochs++;
    }
    const quietMs = run.quietEpochs * epochMs;
    if (run.onsetMs !== undefined) {
      if (quietMs >= c.crampEndQuietMs) {
        this.callbacks.crampEnd(
          run.onsetMs,
          run.lastActiveMs + epochMs,
          t + epochMs,
          run.peakUv,
          run.baselineUv,
        );
        this.run = undefined;
      } else if (t - run.lastUpdateMs >= c.updateEveryMs) {
        run.lastUpdateMs = t;
        this.callbacks.crampUpdate(run.onsetMs, t + epochMs, run.peakUv);
      }
      return;
    }
    if (quietMs >= c.burstEndQuietMs) {
      this.endShort(run, epochMs);
      return;
    }
    if (t + epochMs - run.firstActiveMs >= c.crampMinMs && run.epochs % 5 === 0)
      this.tryConfirm(run, t, epochMs);
  }

  /** Missing samples: a long gap ends what is going on at its start; a short one is bridged. */
  gap(fromMs: EpochMs, toMs: EpochMs, epochMs: number): void {
    const run = this.run;
    if (!run || toMs - fromMs <= this.config.maxBridgedGapMs) return;
    if (run.onsetMs !== undefined) {
      this.callbacks.crampEnd(
        run.onsetMs,
        Math.min(fromMs, run.lastActiveMs + epochMs),
        toMs,
        run.peakUv,
        run.baselineUv,
      );
    }
    this.run = undefined;
  }

  /** The EMG became meaningless (lead-off): an ongoing cramp ends here; an unconfirmed burst is dropped. */
  abort(atMs: EpochMs, epochMs: number): void {
    const run = this.run;
    if (run?.onsetMs !== undefined) {
      this.callbacks.crampEnd(
        run.onsetMs,
        Math.max(run.lastActiveMs + epochMs, atMs),
        atMs,
        run.peakUv,
        run.baselineUv,
      );
    }
    this.run = undefined;
  }

  /** End of the stream: closes an ongoing cramp at its last activity. */
  close(epochMs: number): void {
    const run = this.run;
    if (!run) return;
    if (run.onsetMs !== undefined) {
      const end = run.lastActiveMs + epochMs;
      this.callbacks.crampEnd(run.onsetMs, end, end, run.peakUv, run.baselineUv);
    } else {
      this.endShort(run, epochMs);
    }
    this.run = undefined;
  }

  get inBurst(): boolean {
    return this.run !== undefined;
  }

  private endShort(run: Run, epochMs: number): void {
    this.run = undefined;
    const endMs = run.lastActiveMs + epochMs;
    const still = !this.history.anyMovingBetween(run.firstActiveMs - this.config.stillBeforeOnsetMs, endMs);
    this.callbacks.shortBurst(run.firstActiveMs, endMs, still, run.peakUv);
  }

  private tryConfirm(run: Run, t: EpochMs, epochMs: number): void {
    const c = this.config;
    const onset = this.halfLevelOnset(run, epochMs);
    if (t + epochMs - onset < c.crampMinMs) return;
    if (this.history.anyMovingBetween(onset - c.stillBeforeOnsetMs, onset + c.stillAfterOnsetMs)) return;
    run.onsetMs = onset;
    run.lastUpdateMs = t;
    this.callbacks.crampStart(onset, t + epochMs, run.peakUv, run.baselineUv);
  }

  /**
   * Where the envelope last rose to half the contraction's present level (median of the last
   * 10 s) and stayed there, dips under 1 s forgiven: the onset of the sustained contraction.
   */
  private halfLevelOnset(run: Run, epochMs: number): EpochMs {
    const h = this.history;
    const recent = Math.min(h.length, Math.round(10_000 / epochMs));
    const values: number[] = [];
    for (let back = 0; back < recent; back++) values.push(h.envAt(back));
    values.sort((a, b) => a - b);
    const level = run.baselineUv + 0.5 * (values[values.length >> 1]! - run.baselineUv);
    const threshold = Math.max(level, run.offUv);
    const maxDip = Math.round(1000 / epochMs);
    let onset = h.timeAt(0);
    let below = 0;
    for (let back = 0; back < h.length; back++) {
      if (h.timeAt(back) < run.firstActiveMs - 5_000) break;
      if (h.envAt(back) >= threshold) {
        onset = h.timeAt(back);
        below = 0;
      } else if (++below > maxDip) {
        break;
      }
    }
    return onset;
  }

  /** The start of a burst: back from its first epoch above `onUv` while above halfway to baseline (≤ 3 s). */
  private backDate(onUv: number, baselineUv: number): EpochMs {
    const h = this.history;
    const half = baselineUv + 0.5 * (onUv - baselineUv);
    let start = h.timeAt(0);
    for (let back = 1; back < Math.min(h.length, 30); back++) {
      if (h.envAt(back) < half) break;
      start = h.timeAt(back);
    }
    return start;
  }
}
