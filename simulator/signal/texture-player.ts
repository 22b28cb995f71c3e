import type { Texture } from '../textures/real-emg.ts';

/** A unit-RMS sample source. */
export interface Source {
  next(): number;
}

/**
 * Plays a texture from `offset`, back and forth (ping-pong), so a 10 s recording can texture a
 * cramp of minutes without a seam: time-reversed EMG is still EMG-like.
 */
export function createTexturePlayer(texture: Texture, offset: number): Source {
  const x = texture.samples;
  const last = x.length - 1;
  let i = Math.max(0, Math.min(last, offset));
  let step = 1;
  return {
    next() {
      const v = x[i]!;
      if (i + step > last || i + step < 0) step = -step;
      i += step;
      return v;
    },
  };
}
