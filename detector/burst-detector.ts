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
  /** A cramp in all but its step (see `onsetStepFraction`): confirmed when it ends, if not before. */
  pendingOnsetMs: EpochMs | undefined;
  lastUpdateMs: EpochMs;
  epochs: number;
}

/**
 * Bursts of calf EMG above the resting baseline, and which of them are cramps. A burst starts
 * when the smoothed envelope reaches max(2 × baseline, baseline + 8 µV) and ends after a quiet
 * stretch below halfway back to baseline. It becomes a cramp once the contraction has lasted
 * `crampMinMs` from its onset with the leg still around the onset; the onset is back-dated to
 * the envelope's biggest step up, so the slow, silent tension rise before a cramp (Chaney &
 * Sherman) is not taken for its start. Once a cramp, movement no longer
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
        pendingOnsetMs: undefined,
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
          this.endOf(run, epochMs),
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
    if (run.pendingOnsetMs !== undefined && quietMs >= c.crampEndQuietMs) {
      this.confirmAtEnd(run, t, epochMs);
      return;
    }
    if (run.pendingOnsetMs === undefined && quietMs >= c.burstEndQuietMs) {
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
      const end = this.endOf(run, epochMs);
      this.callbacks.crampEnd(run.onsetMs, end, end, run.peakUv, run.baselineUv);
    } else if (run.pendingOnsetMs !== undefined) {
      this.confirmAtEnd(run, this.endOf(run, epochMs), 0);
    } else {
      this.endShort(run, epochMs);
    }
    this.run = undefined;
  }

  /** A sustained, still contraction that never showed a clear step is still a cramp: reported as it ends. */
  private confirmAtEnd(run: Run, t: EpochMs, epochMs: number): void {
    const onset = run.pendingOnsetMs!;
    this.run = undefined;
    this.callbacks.crampStart(onset, t + epochMs, run.peakUv, run.baselineUv);
    this.callbacks.crampEnd(onset, this.endOf(run, epochMs), t + epochMs, run.peakUv, run.baselineUv);
  }

  get inBurst(): boolean {
    return this.run !== undefined;
  }

  private endShort(run: Run, epochMs: number): void {
    this.run = undefined;
    const endMs = this.endOf(run, epochMs);
    const still = !this.history.anyMovingBetween(
      run.firstActiveMs - this.config.stillBeforeOnsetMs,
      endMs,
      this.config.spasmStillMg,
    );
    this.callbacks.shortBurst(run.firstActiveMs, endMs, still, run.peakUv);
  }

  /** The last active epoch's end, less the half-window the smoothing holds a burst's end back. */
  private endOf(run: Run, epochMs: number): EpochMs {
    return Math.max(run.firstActiveMs + epochMs, run.lastActiveMs + epochMs - this.config.smoothingMs / 2);
  }

  private tryConfirm(run: Run, t: EpochMs, epochMs: number): void {
    const c = this.config;
    const { onsetMs: onset, stepUv, afterUv, earlierUv } = this.stepOnset(run, t, epochMs);
    if (t + epochMs - onset < c.crampMinMs) return;
    // A slow climb with no step yet is the tension rise before a cramp, not its onset: wait for
    // the step (or, if none comes, for long enough that the climb itself is sustained activity).
    if (this.history.anyMovingBetween(onset - c.stillBeforeOnsetMs, onset + c.stillAfterOnsetMs, c.movingMg))
      return;
    const isStep = stepUv >= c.onsetStepFraction * (afterUv - earlierUv);
    if (!isStep && t - run.firstActiveMs < c.crampMinMs + c.tensionRiseMaxMs) {
      run.pendingOnsetMs = onset;
      return;
    }
    run.onsetMs = onset;
    run.lastUpdateMs = t;
    this.callbacks.crampStart(onset, t + epochMs, run.peakUv, run.baselineUv);
  }

  /**
   * The onset of the sustained contraction: the biggest step up of the envelope (the mean over
   * the 3 s after a point minus the mean over the 3 s before it) since shortly before the burst
   * began. The tension rise before a cramp climbs slowly (41 ± 11 s, Chaney & Sherman); the cramp
   * itself is a step. Shifted back by half the smoothing window, which delays a step that much.
   */
  private stepOnset(
    run: Run,
    t: EpochMs,
    epochMs: number,
  ): { onsetMs: EpochMs; stepUv: number; afterUv: number; earlierUv: number } {
    const h = this.history;
    const w = Math.round(3000 / epochMs);
    let n = 0;
    while (n < h.length && h.timeAt(n) >= run.firstActiveMs - 45_000) n++;
    if (n < 2 * w)
      return { onsetMs: run.firstActiveMs, stepUv: Number.POSITIVE_INFINITY, afterUv: 0, earlierUv: 0 };
    // Oldest first, with prefix sums: the score of every split point in one pass.
    const prefix = new Float64Array(n + 1);
    for (let i = 0; i < n; i++) prefix[i + 1] = prefix[i]! + h.envAt(n - 1 - i);
    let best = -Infinity;
    let bestAt = run.firstActiveMs;
    let bestAfter = 0;
    let bestEarlier = run.baselineUv;
    let bestK = -1;
    let bestBefore = 0;
    const far = Math.round(10_000 / epochMs);
    for (let k = w; k + w <= n; k++) {
      const before = (prefix[k]! - prefix[k - w]!) / w;
      const after = (prefix[k + w]! - prefix[k]!) / w;
      const time = h.timeAt(n - 1 - k);
      if (time < run.firstActiveMs - 5_000) continue;
      if (after - before > best) {
        best = after - before;
        bestAt = time;
        bestAfter = after;
        bestK = k;
        bestBefore = before;
        bestEarlier = k - far - w >= 0 ? (prefix[k - far]! - prefix[k - far - w]!) / w : run.baselineUv;
      }
    }
    // The split point is the middle of the rise (0.5-3 s in cramps): walk back to where the
    // envelope left the level before it.
    if (bestK > 0) {
      const leftLevel = bestBefore + 0.1 * (bestAfter - bestBefore);
      let k = bestK;
      while (k > bestK - w && k > 0 && h.envAt(n - k) > leftLevel) k--;
      bestAt = h.timeAt(n - 1 - k);
    }
    return {
      onsetMs: Math.min(t, bestAt - this.config.smoothingMs / 2 + epochMs / 2),
      stepUv: best,
      afterUv: bestAfter,
      earlierUv: bestEarlier,
    };
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
