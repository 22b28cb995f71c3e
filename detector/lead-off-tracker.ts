import type { EpochMs } from '../protocol/index.ts';

/**
 * Lead-off from both sources: the band's status (`leadOff`, band protocol "Status") and the
 * signal itself (rails or a flat line for `minSignalMs`, cleared after as long a clean stretch,
 * so that a single electrode pop is not a lead-off). Reports intervals through callbacks.
 */
export class LeadOffTracker {
  private statusLeadOff = false;
  private signalRun = 0;
  private cleanRun = 0;
  private signalLeadOff = false;
  private since: EpochMs | undefined;

  constructor(
    private readonly minSignalEpochs: number,
    private readonly onStart: (startMs: EpochMs, atMs: EpochMs) => void,
    private readonly onEnd: (startMs: EpochMs, endMs: EpochMs) => void,
  ) {}

  setStatus(leadOff: boolean, atMs: EpochMs): void {
    this.statusLeadOff = leadOff;
    this.update(atMs, atMs);
  }

  /** Feeds one epoch; returns whether EMG is to be ignored for it. */
  epoch(startMs: EpochMs, leadOffLike: boolean, epochMs: number): boolean {
    if (leadOffLike) {
      this.signalRun++;
      this.cleanRun = 0;
      if (this.signalRun >= this.minSignalEpochs && !this.signalLeadOff) {
        this.signalLeadOff = true;
        this.update(startMs - (this.signalRun - 1) * epochMs, startMs);
        return true;
      }
    } else {
      this.cleanRun++;
      this.signalRun = 0;
      if (this.cleanRun >= this.minSignalEpochs && this.signalLeadOff) {
        this.signalLeadOff = false;
        this.update(startMs - (this.cleanRun - 1) * epochMs, startMs);
      }
    }
    return this.active || leadOffLike;
  }

  get active(): boolean {
    return this.since !== undefined;
  }

  /** Ends an open interval at `endMs` (end of the stream, or a long gap). */
  close(endMs: EpochMs): void {
    if (this.since === undefined) return;
    this.onEnd(this.since, endMs);
    this.since = undefined;
    this.signalLeadOff = false;
    this.signalRun = this.cleanRun = 0;
  }

  private update(changeMs: EpochMs, atMs: EpochMs): void {
    const on = this.statusLeadOff || this.signalLeadOff;
    if (on && this.since === undefined) {
      this.since = changeMs;
      this.onStart(changeMs, atMs);
    } else if (!on && this.since !== undefined) {
      this.onEnd(this.since, Math.max(this.since, changeMs));
      this.since = undefined;
    }
  }
}
