import { encodeBinaryFrame, encodeJsonFrame, type Frame } from '../../protocol/index.ts';
import type { FrameEncoding } from '../options.ts';
import type { Rng } from '../random/rng.ts';

/** JSON frames carry EMG to 0.01 µV, finer than the binary encoding's 0.1 µV counts. */
const JSON_UV_DECIMALS = 2;

/** Encodes frames as the band's firmware would; `mixed` picks either, frame by frame. */
export function createFrameEncoder(encoding: FrameEncoding, rng: Rng): (frame: Frame) => Uint8Array | string {
  return (frame) => {
    const binary = encoding === 'binary' || (encoding === 'mixed' && rng.chance(0.5));
    return binary ? encodeBinaryFrame(frame) : encodeJsonFrame(frame, { uvDecimals: JSON_UV_DECIMALS });
  };
}
