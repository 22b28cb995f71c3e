import type { SimMessage } from './sim-message.ts';

/**
 * Interleaves the bands' message streams in order of send time, as a broker would receive them.
 * Each stream is already in order; ties go to the lower band index, so the result is deterministic.
 */
export function* mergeBySendTime(streams: readonly Iterator<SimMessage>[]): Generator<SimMessage> {
  const heads: (SimMessage | undefined)[] = streams.map((s) => take(s));
  for (;;) {
    let best = -1;
    for (let i = 0; i < heads.length; i++) {
      const h = heads[i];
      if (h && (best < 0 || h.sendMs < heads[best]!.sendMs)) best = i;
    }
    if (best < 0) return;
    yield heads[best]!;
    heads[best] = take(streams[best]!);
  }
}

function take(it: Iterator<SimMessage>): SimMessage | undefined {
  const r = it.next();
  return r.done ? undefined : r.value;
}
