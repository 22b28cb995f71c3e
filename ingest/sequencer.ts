import { type DeviceId, type EpochMs, type Frame, frameSpanMs, type Rejection } from '../protocol/index.ts';
import { BootSequence } from './boot-sequence.ts';
import type { GapItem, IngestItem } from './ingest-item.ts';

export interface SequencerOptions {
  /**
   * A frame arriving this much later than the band's usual delay is late (a gateway uploading
   * what it buffered). Relative to the band's own smallest delay rather than the service clock,
   * so that an accelerated replay of an old night is analysed as live.
   */
  readonly lateAfterMs: number;
  /** Gaps remembered per boot, so that late frames can fill them. */
  readonly maxMissingRanges: number;
  /** Earlier boots remembered per band, for frames of a previous boot uploaded after a restart. */
  readonly maxPreviousBoots: number;
}

export const DEFAULT_SEQUENCER_OPTIONS: SequencerOptions = Object.freeze({
  lateAfterMs: 30_000,
  maxMissingRanges: 256,
  maxPreviousBoots: 3,
});

/** What the sequencer made of a frame. */
export type Admission =
  | {
      readonly kind: 'accepted';
      readonly items: readonly IngestItem[];
      readonly late: boolean;
      readonly gap?: GapItem;
    }
  | { readonly kind: 'duplicate' }
  | { readonly kind: 'rejected'; readonly rejection: Rejection };

interface DeviceSequences {
  current: BootSequence;
  previous: BootSequence[];
}

/**
 * Tracks the sequence numbers of every band, per boot: drops duplicates, reports gaps, notices
 * reboots and marks late frames (band protocol, "What the service must do"). Pure: the arrival
 * time is passed in.
 */
export class Sequencer {
  private readonly devices = new Map<DeviceId, DeviceSequences>();

  constructor(private readonly options: SequencerOptions = DEFAULT_SEQUENCER_OPTIONS) {}

  admit(device: DeviceId, frame: Frame, receivedAt: EpochMs): Admission {
    // Never below 0: a band clock a little ahead of ours (or a recording clock not yet started)
    // is no delay, and must not make every later frame look late against it.
    const delayMs = Math.max(0, receivedAt - (frame.t0 + frameSpanMs(frame)));
    const state = this.devices.get(device);
    if (!state) {
      const current = this.newBoot(frame, delayMs);
      this.devices.set(device, { current, previous: [] });
      return accepted([frameItem(device, frame, false, receivedAt)], false);
    }
    const sequence = this.findBoot(state, frame.boot);
    if (!sequence) {
      const previousBoot = state.current.boot;
      state.previous.unshift(state.current);
      if (state.previous.length > this.options.maxPreviousBoots) state.previous.pop();
      state.current = this.newBoot(frame, delayMs);
      const reboot: IngestItem = { kind: 'reboot', device, previousBoot, boot: frame.boot };
      return accepted([reboot, frameItem(device, frame, false, receivedAt)], false);
    }
    const placement = sequence.place(frame);
    switch (placement.kind) {
      case 'duplicate':
        return { kind: 'duplicate' };
      case 'rejected':
        return { kind: 'rejected', rejection: placement.rejection };
      case 'fill':
        return accepted([frameItem(device, frame, true, receivedAt)], true);
      case 'next': {
        sequence.minDelayMs = Math.min(sequence.minDelayMs, delayMs);
        const late = sequence !== state.current || delayMs - sequence.minDelayMs > this.options.lateAfterMs;
        const item = frameItem(device, frame, late, receivedAt);
        if (!placement.gap) return accepted([item], late);
        const { firstSeq, count, fromMs, toMs } = placement.gap;
        const gap: GapItem = {
          kind: 'gap',
          device,
          boot: frame.boot,
          firstSeq,
          missingFrames: count,
          fromMs,
          toMs,
        };
        return { kind: 'accepted', items: [gap, item], late, gap };
      }
    }
  }

  /** Bands seen so far. */
  get deviceCount(): number {
    return this.devices.size;
  }

  private newBoot(frame: Frame, delayMs: number): BootSequence {
    return new BootSequence(frame.boot, frame, delayMs, this.options.maxMissingRanges);
  }

  private findBoot(state: DeviceSequences, boot: number): BootSequence | undefined {
    if (state.current.boot === boot) return state.current;
    return state.previous.find((s) => s.boot === boot);
  }
}

function frameItem(device: DeviceId, frame: Frame, late: boolean, receivedAt: EpochMs): IngestItem {
  return { kind: 'frame', device, frame, late, receivedAt };
}

function accepted(items: readonly IngestItem[], late: boolean): Admission {
  return { kind: 'accepted', items, late };
}
