import type { EpochMs } from '../protocol/index.ts';
import type { DetectorConfig } from './detector-config.ts';

interface Burst {
  readonly startMs: EpochMs;
  readonly endMs: EpochMs;
  readonly still: boolean;
  readonly peakUv: number;
}

export interface ShortBurstCallbacks {
  readonly spasm: (burst: Burst, atMs: EpochMs) => void;
  /** A periodic limb movement series: ≥ 4 movements 10-90 s apart (WASM 2016). */
  readonly plm: (movements: readonly Burst[], atMs: EpochMs) => void;
}

/**
 * Decides what the bursts too short to be cramps were. Leg-movement-length bursts (0.5-10 s)
 * are chained while their onsets follow 10-90 s apart; a chain of ≥ 4 is a PLM series, which
 * points to restless legs rather than cramps, and none of its members is a spasm. A burst that
 * ends up in no series, with the leg still and lasting at least `spasmMinMs`, is a spasm. So a
 * spasm is only known once no series can claim it: up to 90 s after it.
 */
export class ShortBurstClassifier {
  private chain: Burst[] = [];

  constructor(
    private readonly config: DetectorConfig,
    private readonly callbacks: ShortBurstCallbacks,
  ) {}

  burst(b: Burst): void {
    const duration = b.endMs - b.startMs;
    if (duration < 500 || duration > 10_000) return; // a twitch, or a movement too long for a PLM
    const last = this.chain[this.chain.length - 1];
    if (last) {
      const interval = b.startMs - last.startMs;
      if (interval < this.config.plmMinIntervalMs || interval > this.config.plmMaxIntervalMs)
        this.settle(b.startMs);
    }
    this.chain.push(b);
  }

  /** Time passes: a chain nothing can extend any more is settled. */
  tick(nowMs: EpochMs): void {
    const last = this.chain[this.chain.length - 1];
    if (last && nowMs - last.startMs > this.config.plmMaxIntervalMs) this.settle(nowMs);
  }

  /** End of the stream (or a long gap): settles what is pending. */
  close(nowMs: EpochMs): void {
    this.settle(nowMs);
  }

  private settle(atMs: EpochMs): void {
    const chain = this.chain;
    this.chain = [];
    if (chain.length >= this.config.plmMinCount) {
      this.callbacks.plm(chain, atMs);
      return;
    }
    for (const b of chain) {
      if (b.still && b.endMs - b.startMs >= this.config.spasmMinMs) this.callbacks.spasm(b, atMs);
    }
  }
}
