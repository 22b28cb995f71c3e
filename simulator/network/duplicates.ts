import type { BandFrameMessage } from '../band/band-message.ts';
import type { Rng } from '../random/rng.ts';

/**
 * QoS 1 redelivery: a frame whose PUBACK went missing is sent again, 0-5 messages later, with the
 * same boot and seq (MQTT 3.1.1 §4.3.2: at least once).
 */
export interface Duplicates {
  /** Draws whether this frame will be repeated (one draw per frame, lost or not). */
  draw(): void;
  /** The frame just delivered, to repeat later (when `draw` said so). */
  schedule(frame: BandFrameMessage): void;
  /** Counts a delivered message; returns the repeats now due. */
  afterMessage(): BandFrameMessage[];
  /** Every repeat still pending (at the end of the night). */
  rest(): BandFrameMessage[];
  readonly count: number;
}

export function createDuplicates(rng: Rng, probability: number): Duplicates {
  const pending: { frame: BandFrameMessage; after: number }[] = [];
  let drawnAfter = -1;
  let count = 0;
  const take = (due: (p: { after: number }) => boolean) => {
    const out: BandFrameMessage[] = [];
    for (let i = 0; i < pending.length; ) {
      if (due(pending[i]!)) out.push(pending.splice(i, 1)[0]!.frame);
      else i++;
    }
    count += out.length;
    return out;
  };
  return {
    draw() {
      drawnAfter = rng.chance(probability) ? rng.int(0, 5) : -1;
    },
    schedule(frame) {
      if (drawnAfter >= 0) pending.push({ frame, after: drawnAfter });
    },
    afterMessage() {
      for (const p of pending) p.after--;
      return take((p) => p.after < 0);
    },
    rest: () => take(() => true),
    get count() {
      return count;
    },
  };
}
