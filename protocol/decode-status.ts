import { parseJson } from './decode-frame.ts';
import { describe } from './decode-json-frame.ts';
import { isEpochMs } from './frame-rules.ts';
import { accept, type Decoded, reject } from './rejection.ts';
import type { BandStatus } from './status.ts';

/**
 * Validates a status message (band protocol, "Status, JSON"). `v` and `online` are required
 * (the last will carries just these); the other known fields are optional, but when present
 * must have their documented type. Unknown fields are ignored.
 */
export function statusFromJson(value: unknown): Decoded<BandStatus> {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    return reject('json-not-object', `the status is ${describe(value)}, not an object`);
  }
  const o = value as Record<string, unknown>;
  if (o.v !== 1) return reject('version-unsupported', `v is ${describe(o.v)}; this service speaks version 1`);
  if (typeof o.online !== 'boolean') return bad(`online is ${describe(o.online)}, not true or false`);
  const status: { -readonly [K in keyof BandStatus]: BandStatus[K] } = { v: 1, online: o.online };
  if (o.t !== undefined) {
    if (!isEpochMs(o.t)) return bad(`t is ${describe(o.t)}, not milliseconds`);
    status.t = o.t;
  }
  if (o.battery !== undefined) {
    if (typeof o.battery !== 'number' || !(o.battery >= 0 && o.battery <= 1)) {
      return bad(`battery is ${describe(o.battery)}, not a number from 0 to 1`);
    }
    status.battery = o.battery;
  }
  if (o.fw !== undefined) {
    if (typeof o.fw !== 'string') return bad(`fw is ${describe(o.fw)}, not a string`);
    status.fw = o.fw;
  }
  if (o.side !== undefined) {
    if (o.side !== 'left' && o.side !== 'right')
      return bad(`side is ${describe(o.side)}, not "left" or "right"`);
    status.side = o.side;
  }
  if (o.leadOff !== undefined) {
    if (typeof o.leadOff !== 'boolean') return bad(`leadOff is ${describe(o.leadOff)}, not true or false`);
    status.leadOff = o.leadOff;
  }
  return accept(status);
}

/** Decodes a status payload as it came off MQTT. Never throws. */
export function decodeStatus(bytes: Uint8Array): Decoded<BandStatus> {
  const parsed = parseJson(bytes);
  return parsed.ok ? statusFromJson(parsed.value) : parsed;
}

function bad(message: string) {
  return reject('status-invalid', message);
}
