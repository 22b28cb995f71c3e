import {
  CONTIGUITY_TOLERANCE_MS,
  type EpochMs,
  type Frame,
  frameSpanMs,
  type Rejection,
} from '../protocol/index.ts';

const U32 = 2 ** 32;
const HALF_U32 = 2 ** 31;

/** Frames of one boot not yet seen: seqs `firstSeq … firstSeq+count-1` (mod 2^32), samples in `[fromMs, toMs)`. */
interface MissingRange {
  firstSeq: number;
  count: number;
  fromMs: EpochMs;
  toMs: EpochMs;
}

/** Where a frame falls in its boot's sequence. */
export type Placement =
  | { readonly kind: 'next'; readonly gap?: Readonly<MissingRange> }
  | { readonly kind: 'fill' }
  | { readonly kind: 'duplicate' }
  | { readonly kind: 'rejected'; readonly rejection: Rejection };

/**
 * The sequence state of one boot of one band: the newest frame, the oldest, and the frames still
 * missing between them, so that a frame is placed as next (possibly after a gap), as a late fill
 * of a gap, or as a duplicate. `seq` wraps at 2^32 (band protocol, "Frame"); comparisons are
 * modular, a forward step being less than 2^31.
 *
 * State is only changed by a frame that is accepted: a rejected frame leaves it as it was.
 */
export class BootSequence {
  private newestSeq: number;
  private newestEndMs: EpochMs;
  private oldestSeq: number;
  private oldestT0: EpochMs;
  private readonly missing: MissingRange[] = [];
  /** The smallest arrival delay seen (arrival minus frame end): the band's usual delay. */
  minDelayMs: number;

  constructor(
    readonly boot: number,
    first: Frame,
    delayMs: number,
    private readonly maxMissingRanges: number,
  ) {
    this.newestSeq = this.oldestSeq = first.seq;
    this.oldestT0 = first.t0;
    this.newestEndMs = first.t0 + frameSpanMs(first);
    this.minDelayMs = delayMs;
  }

  /** Places a frame of this boot and, unless it is a duplicate or rejected, records it as seen. */
  place(frame: Frame): Placement {
    const ahead = (frame.seq - this.newestSeq + U32) % U32;
    if (ahead === 0) return { kind: 'duplicate' };
    if (ahead < HALF_U32) return this.placeAhead(frame, ahead);
    return this.placeBehind(frame);
  }

  private placeAhead(frame: Frame, ahead: number): Placement {
    const span = frameSpanMs(frame);
    if (ahead === 1 && Math.abs(frame.t0 - this.newestEndMs) > CONTIGUITY_TOLERANCE_MS) {
      return discontinuous(
        `seq ${frame.seq} follows the previous frame, which ended at ${this.newestEndMs}, but t0 is ${frame.t0}`,
      );
    }
    if (ahead > 1 && frame.t0 < this.newestEndMs - CONTIGUITY_TOLERANCE_MS) {
      return discontinuous(
        `seq ${frame.seq} is ${ahead} frames ahead but t0 ${frame.t0} is before the newest frame's end ${this.newestEndMs}`,
      );
    }
    let gap: MissingRange | undefined;
    if (ahead > 1) {
      gap = {
        firstSeq: (this.newestSeq + 1) % U32,
        count: ahead - 1,
        fromMs: this.newestEndMs,
        toMs: frame.t0,
      };
      this.remember(gap);
    }
    this.newestSeq = frame.seq;
    this.newestEndMs = frame.t0 + span;
    return gap ? { kind: 'next', gap: { ...gap } } : { kind: 'next' };
  }

  private placeBehind(frame: Frame): Placement {
    const span = frameSpanMs(frame);
    const end = frame.t0 + span;
    const index = this.missing.findIndex((r) => (frame.seq - r.firstSeq + U32) % U32 < r.count);
    if (index >= 0) {
      const range = this.missing[index]!;
      if (frame.t0 < range.fromMs - CONTIGUITY_TOLERANCE_MS || end > range.toMs + CONTIGUITY_TOLERANCE_MS) {
        return discontinuous(
          `seq ${frame.seq} belongs in the gap from ${range.fromMs} to ${range.toMs} but covers ${frame.t0} to ${end}`,
        );
      }
      this.missing.splice(index, 1, ...splitAround(range, frame.seq, frame.t0, end));
      // A fill in the middle of a range splits it in two: keep to the bound here too.
      this.trim();
      return { kind: 'fill' };
    }
    const behindNewest = (this.newestSeq - frame.seq + U32) % U32;
    const oldestBehindNewest = (this.newestSeq - this.oldestSeq + U32) % U32;
    if (behindNewest <= oldestBehindNewest) return { kind: 'duplicate' };
    // Older than anything seen of this boot (the service started mid-stream and a backlog is
    // arriving): accept it, and expect the frames between it and the oldest seen.
    if (end > this.oldestT0 + CONTIGUITY_TOLERANCE_MS) {
      return discontinuous(
        `seq ${frame.seq} precedes seq ${this.oldestSeq} but ends at ${end}, after its t0 ${this.oldestT0}`,
      );
    }
    const between = ((this.oldestSeq - frame.seq + U32) % U32) - 1;
    if (between > 0)
      this.remember({ firstSeq: (frame.seq + 1) % U32, count: between, fromMs: end, toMs: this.oldestT0 });
    this.oldestSeq = frame.seq;
    this.oldestT0 = frame.t0;
    return { kind: 'fill' };
  }

  /** Keeps a missing range; past the bound, the oldest is forgotten (its frames then count as duplicates). */
  private remember(range: MissingRange): void {
    this.missing.push(range);
    this.trim();
  }

  private trim(): void {
    while (this.missing.length > this.maxMissingRanges) this.missing.shift();
  }

  /** How many frames this boot is still missing (bounded by the ranges remembered). */
  missingFrames(): number {
    return this.missing.reduce((sum, r) => sum + r.count, 0);
  }
}

function splitAround(range: MissingRange, seq: number, t0: EpochMs, end: EpochMs): MissingRange[] {
  const before = (seq - range.firstSeq + U32) % U32;
  const after = range.count - before - 1;
  const parts: MissingRange[] = [];
  if (before > 0) parts.push({ firstSeq: range.firstSeq, count: before, fromMs: range.fromMs, toMs: t0 });
  if (after > 0) parts.push({ firstSeq: (seq + 1) % U32, count: after, fromMs: end, toMs: range.toMs });
  return parts;
}

function discontinuous(message: string): Placement {
  return { kind: 'rejected', rejection: { code: 't0-discontinuous', message } };
}
