import type { EpochMs } from '../../protocol/index.ts';
import type { EmgEpoch } from '../epoch.ts';

/** Lead-off thresholds an epoch is judged by (from the conditioner's options). */
export interface LeadOffRule {
  readonly railFraction: number;
  readonly flatStdUv: number;
  /** Fewer samples than this (a sliver of an epoch after a reset) are never called flat. */
  readonly minFlatSamples: number;
}

/**
 * Running sums for one epoch. The conditioner's per-sample loop adds to these fields directly
 * (through locals); `finish` turns them into an {@link EmgEpoch} and clears them. Raw variance
 * is summed relative to the epoch's first sample, so a rail at 3276.7 µV still gives an exact 0.
 */
export class EpochStats {
  startMs: EpochMs = 0;
  count = 0;
  /** Σ y² of the conditioned signal, Σ of the low band², Σ of the removed hum². */
  sumSq = 0;
  lowSq = 0;
  humSq = 0;
  peakUv = 0;
  railCount = 0;
  /** First raw sample of the epoch; Σ (x - ref), Σ (x - ref)². */
  ref = 0;
  sumD = 0;
  sumD2 = 0;

  finish(rule: LeadOffRule): EmgEpoch {
    const n = this.count;
    const mean = this.sumD / n;
    const variance = Math.max(0, this.sumD2 / n - mean * mean);
    const flat = n >= rule.minFlatSamples && variance < rule.flatStdUv * rule.flatStdUv;
    const epoch: EmgEpoch = {
      startMs: this.startMs,
      rmsUv: Math.sqrt(this.sumSq / n),
      lowFreqUv: Math.sqrt(this.lowSq / n),
      humUv: Math.sqrt(this.humSq / n),
      peakUv: this.peakUv,
      leadOffLike: flat || this.railCount >= rule.railFraction * n,
    };
    this.clear();
    return epoch;
  }

  clear(): void {
    this.count = 0;
    this.sumSq = 0;
    this.lowSq = 0;
    this.humSq = 0;
    this.peakUv = 0;
    this.railCount = 0;
    this.ref = 0;
    this.sumD = 0;
    this.sumD2 = 0;
  }
}
