import type { Frame } from './frame.ts';
import { checkFrameRules, isAccelHz, isEmgHz } from './frame-rules.ts';
import { BINARY_FLAG_FOOT, BINARY_HEADER_BYTES, PROTOCOL_VERSION } from './limits.ts';
import { accept, type Decoded, reject } from './rejection.ts';

/**
 * Decodes a binary frame (band protocol, "Frame, binary encoding"): a 32-byte little-endian
 * header, EMG as i16 counts times an f32 scale, then shank and (flag bit 0) foot as i16 milli-g.
 * The caller has checked the "LB" magic. The payload's length must be exactly what the header says.
 */
export function decodeBinaryFrame(bytes: Uint8Array, nowMs?: number): Decoded<Frame> {
  if (bytes.length < BINARY_HEADER_BYTES) {
    return reject('binary-header-truncated', `${bytes.length} bytes, the header alone is 32`);
  }
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const version = view.getUint8(2);
  if (version !== PROTOCOL_VERSION) {
    return reject('version-unsupported', `binary version byte is ${version}; this service speaks version 1`);
  }
  const flags = view.getUint8(3);
  if ((flags & ~BINARY_FLAG_FOOT) !== 0) {
    return reject(
      'binary-flags-reserved',
      `flags are 0x${flags.toString(16).padStart(2, '0')}; only bit 0 is defined`,
    );
  }
  const hasFoot = (flags & BINARY_FLAG_FOOT) !== 0;
  const boot = view.getUint32(4, true);
  const seq = view.getUint32(8, true);
  // u64 as two u32 halves: BigInt is slow on this hot path. Beyond 2^53 is no real clock.
  const t0High = view.getUint32(16, true);
  if (t0High >= 2 ** 21)
    return reject(
      't0-invalid',
      `t0 ${BigInt(t0High) * 2n ** 32n + BigInt(view.getUint32(12, true))} is beyond any real clock`,
    );
  const t0 = t0High * 2 ** 32 + view.getUint32(12, true);
  const emgHz = view.getUint16(20, true);
  if (!isEmgHz(emgHz)) return reject('emg-rate-invalid', `EMG rate is ${emgHz} Hz`);
  const accelHz = view.getUint16(22, true);
  if (!isAccelHz(accelHz)) return reject('accel-rate-invalid', `accelerometer rate is ${accelHz} Hz`);
  const n = view.getUint16(24, true);
  const m = view.getUint16(26, true);
  const scale = view.getFloat32(28, true);
  if (!Number.isFinite(scale) || scale <= 0) return reject('binary-scale-invalid', `EMG scale is ${scale}`);
  // A scale so large that a full-scale count overflows float32 would put Infinity in the frame.
  if (!Number.isFinite(Math.fround(-32768 * scale))) {
    return reject('binary-scale-invalid', `EMG scale is ${scale}, full-scale counts overflow float32`);
  }
  const expected = BINARY_HEADER_BYTES + 2 * n + 6 * m * (hasFoot ? 2 : 1);
  if (bytes.length !== expected) {
    return reject(
      'binary-length-mismatch',
      `${bytes.length} bytes, header says ${expected} (${n} EMG, ${m} accelerometer samples${hasFoot ? ', foot' : ''})`,
    );
  }

  // One allocation for all three streams (typed-array backing stores are the costly part).
  const accelValues = 3 * m;
  const samples = int16s(bytes, BINARY_HEADER_BYTES, n + accelValues * (hasFoot ? 2 : 1));
  const values = new Float32Array(samples.length);
  for (let i = 0; i < n; i++) values[i] = samples[i]! * scale;
  for (let i = n; i < samples.length; i++) values[i] = samples[i]!;
  const uv = values.subarray(0, n);
  const shank = values.subarray(n, n + accelValues);
  const frame: Frame = hasFoot
    ? {
        v: 1,
        boot,
        seq,
        t0,
        emg: { hz: emgHz, uv },
        shank: { hz: accelHz, mg: shank },
        foot: { hz: accelHz, mg: values.subarray(n + accelValues) },
      }
    : { v: 1, boot, seq, t0, emg: { hz: emgHz, uv }, shank: { hz: accelHz, mg: shank } };
  const broken = checkFrameRules(frame, nowMs);
  return broken ? { ok: false, error: broken } : accept(frame);
}

const LITTLE_ENDIAN_HOST = new Uint8Array(new Uint16Array([1]).buffer)[0] === 1;

/**
 * `count` little-endian i16 values at `at`. A typed-array view where the host is little-endian
 * and the offset is even (the common case: 5-8× faster than DataView reads per sample); else an
 * aligned copy, or byte-wise reads on a big-endian host.
 */
function int16s(bytes: Uint8Array, at: number, count: number): Int16Array {
  const offset = bytes.byteOffset + at;
  if (LITTLE_ENDIAN_HOST) {
    if (offset % 2 === 0) return new Int16Array(bytes.buffer, offset, count);
    // A copy to an aligned buffer (not bytes.slice: on a Node Buffer that is a view of its pool).
    const aligned = new Uint8Array(2 * count);
    aligned.set(bytes.subarray(at, at + 2 * count));
    return new Int16Array(aligned.buffer);
  }
  const view = new DataView(bytes.buffer, offset, 2 * count);
  const out = new Int16Array(count);
  for (let i = 0; i < count; i++) out[i] = view.getInt16(2 * i, true);
  return out;
}
