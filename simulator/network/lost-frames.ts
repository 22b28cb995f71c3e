import type { BandFrameMessage } from '../band/band-message.ts';
import type { Timed } from '../plan/timed.ts';
import type { Rng } from '../random/rng.ts';
import type { TruthEvent } from '../truth/truth.ts';

/** Decides which frames the radio loses, and keeps the runs of consecutive losses for the truth. */
export interface LostFrames {
  /** Whether `frame` is lost: on its own (one draw per frame) or inside a dropout. */
  isLost(frame: BandFrameMessage): boolean;
  readonly count: number;
  /** The `lost_frames` events, one per run of consecutive seqs. */
  events(): TruthEvent[];
}

interface Run {
  start: number;
  end: number;
  boot: number;
  firstSeq: number;
  frames: number;
}

export function createLostFrames(rng: Rng, probability: number, dropouts: readonly Timed[]): LostFrames {
  const runs: Run[] = [];
  let count = 0;
  let next = 0;
  const inDropout = (tMs: number) => {
    while (next < dropouts.length && dropouts[next]!.endMs <= tMs) next++;
    const d = dropouts[next];
    return d !== undefined && d.startMs <= tMs;
  };
  return {
    isLost(frame) {
      if (!(rng.chance(probability) || inDropout(frame.atMs))) return false;
      count++;
      const end = frame.t0 + Math.round(frame.spanMs);
      const run = runs.at(-1);
      if (run && run.boot === frame.boot && run.firstSeq + run.frames === frame.seq) {
        run.frames++;
        run.end = end;
      } else {
        runs.push({ start: frame.t0, end, boot: frame.boot, firstSeq: frame.seq, frames: 1 });
      }
      return true;
    },
    get count() {
      return count;
    },
    events: () => runs.map((r) => ({ kind: 'lost_frames', ...r })),
  };
}
