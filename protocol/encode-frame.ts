import type { Frame } from './frame.ts';
import {
  BINARY_FLAG_FOOT,
  BINARY_HEADER_BYTES,
  BINARY_MAGIC_0,
  BINARY_MAGIC_1,
  PROTOCOL_VERSION,
} from './limits.ts';

/** Microvolts per count the band's firmware uses unless told otherwise: ±3.2 mV full scale. */
export const DEFAULT_EMG_SCALE_UV = 0.1;
const I16_MIN = -32768;
const I16_MAX = 32767;

export interface JsonEncodeOptions {
  /** Round EMG microvolts to this many decimals (smaller payloads); full float32 precision if absent. */
  readonly uvDecimals?: number;
}

/** The frame as the JSON encoding's object (band protocol, "Frame, JSON encoding"). */
export function frameToJson(frame: Frame, options: JsonEncodeOptions = {}): Record<string, unknown> {
  const round = options.uvDecimals === undefined ? (x: number) => x : roundTo(options.uvDecimals);
  const json: Record<string, unknown> = {
    v: 1,
    boot: frame.boot,
    seq: frame.seq,
    t0: frame.t0,
    emg: { hz: frame.emg.hz, uv: Array.from(frame.emg.uv, round) },
    shank: { hz: frame.shank.hz, mg: Array.from(frame.shank.mg) },
  };
  if (frame.foot) json.foot = { hz: frame.foot.hz, mg: Array.from(frame.foot.mg) };
  return json;
}

/** Encodes a frame as JSON text. */
export function encodeJsonFrame(frame: Frame, options: JsonEncodeOptions = {}): string {
  return JSON.stringify(frameToJson(frame, options));
}

/**
 * Encodes a frame in the binary encoding. EMG becomes i16 counts of `emgScaleUv` microvolts and
 * accelerometer values i16 milli-g; values beyond the i16 range saturate, as the band's ADC does.
 * Throws a RangeError for a frame the binary layout cannot express (different shank and foot
 * rates or lengths, more than 65,535 samples).
 */
export function encodeBinaryFrame(frame: Frame, emgScaleUv: number = DEFAULT_EMG_SCALE_UV): Uint8Array {
  const n = frame.emg.uv.length;
  const m = frame.shank.mg.length / 3;
  const foot = frame.foot;
  if (foot && (foot.hz !== frame.shank.hz || foot.mg.length !== frame.shank.mg.length)) {
    throw new RangeError('binary frames share one accelerometer rate and length for shank and foot');
  }
  if (n > 0xffff || m > 0xffff || !Number.isInteger(m)) {
    throw new RangeError(`binary frames hold at most 65,535 whole samples a stream (emg ${n}, accel ${m})`);
  }
  // As stored (f32) and as the decoder checks it: > 0 after rounding, and full scale finite.
  const scale = Math.fround(emgScaleUv);
  if (!(scale > 0) || !Number.isFinite(Math.fround(-32768 * scale))) {
    throw new RangeError(`EMG scale ${emgScaleUv} is not a positive float32 that can hold full scale`);
  }
  const bytes = new Uint8Array(BINARY_HEADER_BYTES + 2 * n + 6 * m * (foot ? 2 : 1));
  const view = new DataView(bytes.buffer);
  view.setUint8(0, BINARY_MAGIC_0);
  view.setUint8(1, BINARY_MAGIC_1);
  view.setUint8(2, PROTOCOL_VERSION);
  view.setUint8(3, foot ? BINARY_FLAG_FOOT : 0);
  view.setUint32(4, frame.boot, true);
  view.setUint32(8, frame.seq, true);
  view.setBigUint64(12, BigInt(frame.t0), true);
  view.setUint16(20, frame.emg.hz, true);
  view.setUint16(22, frame.shank.hz, true);
  view.setUint16(24, n, true);
  view.setUint16(26, m, true);
  view.setFloat32(28, scale, true);
  let at = BINARY_HEADER_BYTES;
  for (let i = 0; i < n; i++, at += 2) view.setInt16(at, saturate(frame.emg.uv[i]! / scale), true);
  at = writeAccel(view, at, frame.shank.mg);
  if (foot) writeAccel(view, at, foot.mg);
  return bytes;
}

function writeAccel(view: DataView, at: number, mg: Float32Array): number {
  for (let i = 0; i < mg.length; i++, at += 2) view.setInt16(at, saturate(mg[i]!), true);
  return at;
}

function saturate(x: number): number {
  const r = Math.round(x);
  return Math.max(I16_MIN, Math.min(I16_MAX, r));
}

function roundTo(decimals: number): (x: number) => number {
  const k = 10 ** decimals;
  return (x) => Math.round(x * k) / k;
}
