import type { BandMessage } from '../band/band-message.ts';
import type { Timed } from '../plan/timed.ts';
import type { TruthEvent } from '../truth/truth.ts';

/**
 * A gateway's buffer while it is offline. Messages the band hands over during an outage wait
 * here; once the gateway is back they go out in order, a few after each live message.
 */
export interface OutageBuffer {
  /** Keeps `m` if an outage is on at its time. */
  hold(m: BandMessage): boolean;
  /** The outage's start, when the broker's will for it is due at `atMs` and not yet sent. */
  willDue(atMs: number): number | undefined;
  /** True, for a live message, between the end of an outage and the first upload from its buffer. */
  readonly reconnecting: boolean;
  /** Up to `limit` buffered messages, oldest first, uploaded at `sendMs`. */
  upload(limit: number, sendMs: number): BandMessage[];
  readonly framesLate: number;
  /** The `outage` events, for outages whose buffer has been uploaded. */
  readonly events: readonly TruthEvent[];
}

interface Current {
  readonly span: Timed;
  frames: number;
  willSent: boolean;
  uploadStart?: number;
  uploadEnd?: number;
}

export function createOutageBuffer(
  outages: readonly Timed[],
  willDelayMs: number,
  epoch: (tMs: number) => number,
): OutageBuffer {
  const buffer: BandMessage[] = [];
  let head = 0;
  let next = 0;
  let current: Current | undefined;
  let framesLate = 0;
  const events: TruthEvent[] = [];
  const finish = () => {
    if (!current || head < buffer.length) return;
    const { span, frames, uploadStart, uploadEnd } = current;
    events.push({
      kind: 'outage',
      start: epoch(span.startMs),
      end: epoch(span.endMs),
      frames,
      uploadStart: uploadStart ?? null,
      uploadEnd: uploadEnd ?? null,
    });
    current = undefined;
    buffer.length = 0;
    head = 0;
  };
  return {
    hold(m) {
      while (next < outages.length && outages[next]!.endMs <= m.atMs) next++;
      const span = outages[next];
      if (!span || span.startMs > m.atMs) return false;
      current ??= { span, frames: 0, willSent: false };
      if (m.kind === 'frame') current.frames++;
      buffer.push(m);
      return true;
    },
    willDue(atMs) {
      if (!current || current.willSent || atMs < current.span.startMs + willDelayMs) return undefined;
      current.willSent = true;
      return current.span.startMs;
    },
    get reconnecting() {
      // Asked of a live message: an outage still on record has ended, and its upload not begun.
      return current !== undefined && head === 0;
    },
    upload(limit, sendMs) {
      const out: BandMessage[] = [];
      while (out.length < limit && head < buffer.length) {
        const m = buffer[head++]!;
        if (m.kind === 'frame') framesLate++;
        out.push(m);
      }
      if (current && out.length > 0) {
        current.uploadStart ??= sendMs;
        current.uploadEnd = sendMs;
      }
      finish();
      return out;
    },
    get framesLate() {
      return framesLate;
    },
    events,
  };
}
