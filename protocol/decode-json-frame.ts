import type { AccelStream, EmgStream, Frame } from './frame.ts';
import { checkFrameRules, isAccelHz, isEmgHz, isEpochMs, isU32 } from './frame-rules.ts';
import { accept, type Decoded, type Rejection, reject } from './rejection.ts';

/**
 * Validates a JSON frame already parsed into a value (band protocol, "Frame, JSON encoding").
 * Unknown fields are ignored, as for status messages. `nowMs` is the service clock for the
 * clock-error rule; leave it out to skip that rule.
 */
export function frameFromJson(value: unknown, nowMs?: number): Decoded<Frame> {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    return reject('json-not-object', `the payload is ${describe(value)}, not an object`);
  }
  const o = value as Record<string, unknown>;
  if (o.v !== 1) return reject('version-unsupported', `v is ${describe(o.v)}; this service speaks version 1`);
  if (!isU32(o.boot)) return reject('boot-invalid', `boot is ${describe(o.boot)}`);
  if (!isU32(o.seq)) return reject('seq-invalid', `seq is ${describe(o.seq)}`);
  if (!isEpochMs(o.t0)) return reject('t0-invalid', `t0 is ${describe(o.t0)}`);

  const emg = emgFromJson(o.emg);
  if ('code' in emg) return { ok: false, error: emg };
  const shank = accelFromJson('shank', o.shank);
  if ('code' in shank) return { ok: false, error: shank };
  let foot: AccelStream | undefined;
  if (o.foot !== undefined) {
    const f = accelFromJson('foot', o.foot);
    if ('code' in f) return { ok: false, error: f };
    foot = f;
  }
  const frame: Frame = foot
    ? { v: 1, boot: o.boot, seq: o.seq, t0: o.t0, emg, shank, foot }
    : { v: 1, boot: o.boot, seq: o.seq, t0: o.t0, emg, shank };
  const broken = checkFrameRules(frame, nowMs);
  return broken ? { ok: false, error: broken } : accept(frame);
}

function emgFromJson(x: unknown): EmgStream | Rejection {
  if (typeof x !== 'object' || x === null || Array.isArray(x)) {
    return { code: 'emg-missing', message: `emg is ${describe(x)}, not an object` };
  }
  const s = x as Record<string, unknown>;
  if (!isEmgHz(s.hz)) return { code: 'emg-rate-invalid', message: `emg.hz is ${describe(s.hz)}` };
  const uv = finiteArray(s.uv);
  if (typeof uv === 'string') return { code: 'emg-samples-invalid', message: `emg.uv ${uv}` };
  return { hz: s.hz, uv };
}

function accelFromJson(name: 'shank' | 'foot', x: unknown): AccelStream | Rejection {
  if (typeof x !== 'object' || x === null || Array.isArray(x)) {
    return name === 'shank'
      ? { code: 'shank-missing', message: `shank is ${describe(x)}, not an object` }
      : { code: 'foot-invalid', message: `foot is ${describe(x)}, not an object` };
  }
  const s = x as Record<string, unknown>;
  if (!isAccelHz(s.hz)) return { code: 'accel-rate-invalid', message: `${name}.hz is ${describe(s.hz)}` };
  const mg = finiteArray(s.mg);
  if (typeof mg === 'string') return { code: 'accel-samples-invalid', message: `${name}.mg ${mg}` };
  if (mg.length % 3 !== 0) {
    return {
      code: 'accel-samples-invalid',
      message: `${name}.mg has ${mg.length} values, not a multiple of 3`,
    };
  }
  return { hz: s.hz, mg };
}

/** Copies an array of finite numbers into a Float32Array, or says what is wrong with it. */
function finiteArray(x: unknown): Float32Array | string {
  if (!Array.isArray(x)) return `is ${describe(x)}, not an array`;
  const out = new Float32Array(x.length);
  for (let i = 0; i < x.length; i++) {
    const v: unknown = x[i];
    // Checked as float32, as stored: 1e39 is a finite double but Infinity in the Float32Array.
    if (typeof v !== 'number' || !Number.isFinite(Math.fround(v))) {
      return `[${i}] is ${describe(v)}, not a finite (float32) number`;
    }
    out[i] = v;
  }
  return out;
}

/** A short, safe description of an untrusted value for an error message. */
export function describe(x: unknown): string {
  if (x === undefined) return 'missing';
  if (x === null) return 'null';
  if (Array.isArray(x)) return `an array of ${x.length}`;
  if (typeof x === 'object') return 'an object';
  if (typeof x === 'string') return JSON.stringify(x.length > 40 ? `${x.slice(0, 40)}…` : x);
  return String(x);
}
