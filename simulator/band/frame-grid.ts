/**
 * Which samples go in which frame. Frame k holds EMG samples [floor(k·F), floor((k+1)·F)) for F
 * samples a frame, and the accelerometer samples whose time falls in the same span, so every
 * stream covers the frame within one accelerometer period and consecutive `t0`s differ by the
 * span to within a millisecond (band protocol, "Frame, JSON encoding").
 */
export interface FrameSlice {
  readonly index: number;
  readonly emgFirst: number;
  readonly emgCount: number;
  readonly accelFirst: number;
  readonly accelCount: number;
  /** Start and end in ms of the night (t0 is the start, rounded). */
  readonly startMs: number;
  readonly endMs: number;
}

export interface FrameGrid {
  readonly frames: number;
  slice(index: number): FrameSlice;
}

export function createFrameGrid(
  durationMs: number,
  frameMs: number,
  emgHz: number,
  accelHz: number,
): FrameGrid {
  const emgAt = (k: number) => Math.floor((k * frameMs * emgHz) / 1000);
  const accelAt = (emgSample: number) => Math.ceil((emgSample * accelHz) / emgHz);
  return {
    frames: Math.floor(durationMs / frameMs),
    slice(index) {
      const emgFirst = emgAt(index);
      const emgEnd = emgAt(index + 1);
      const accelFirst = accelAt(emgFirst);
      return {
        index,
        emgFirst,
        emgCount: emgEnd - emgFirst,
        accelFirst,
        accelCount: accelAt(emgEnd) - accelFirst,
        startMs: (emgFirst * 1000) / emgHz,
        endMs: (emgEnd * 1000) / emgHz,
      };
    },
  };
}
