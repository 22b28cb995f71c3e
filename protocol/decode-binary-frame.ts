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
  const t0Big = view.getBigUint64(12, true);
  if (t0Big > BigInt(Number.MAX_SAFE_INTEGER))
    return reject('t0-invalid', `t0 ${t0Big} is beyond any real clock`);
  const t0 = Number(t0Big);
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

  const uv = new Float32Array(n);
  let at = BINARY_HEADER_BYTES;
  for (let i = 0; i < n; i++, at += 2) uv[i] = view.getInt16(at, true) * scale;
  const shank = readAccel(view, at, m);
  at += 6 * m;
  const frame: Frame = hasFoot
    ? {
        v: 1,
        boot,
        seq,
        t0,
        emg: { hz: emgHz, uv },
        shank: { hz: accelHz, mg: shank },
        foot: { hz: accelHz, mg: readAccel(view, at, m) },
      }
    : { v: 1, boot, seq, t0, emg: { hz: emgHz, uv }, shank: { hz: accelHz, mg: shank } };
  const broken = checkFrameRules(frame, nowMs);
  return broken ? { ok: false, error: broken } : accept(frame);
}

function readAccel(view: DataView, at: number, samples: number): Float32Array {
  const out = new Float32Array(samples * 3);
  for (let i = 0; i < out.length; i++, at += 2) out[i] = view.getInt16(at, true);
  return out;
}
