/**
 * Payload builders for the protocol tests. Binary payloads are laid out here byte by byte from
 * the spec's table, independently of `encodeBinaryFrame`, so the decoder is not checked against
 * the encoder's own reading of the layout.
 */
import assert from 'node:assert/strict';
import type { Decoded, RejectCode } from '../../protocol/index.ts';
import { REJECT_CODES } from '../../protocol/index.ts';

export const T0 = 1_764_201_600_000;
/** A service clock one hour after T0. */
export const NOW = T0 + 3_600_000;

/** A valid JSON frame as a plain object: 200 ms, EMG 1 kHz, shank and foot 50 Hz. */
export function jsonFrame(): Record<string, unknown> & {
  emg: Record<string, unknown>;
  shank: Record<string, unknown>;
  foot: Record<string, unknown>;
} {
  return {
    v: 1,
    boot: 3_141_592,
    seq: 4711,
    t0: T0,
    emg: { hz: 1000, uv: Array.from({ length: 200 }, (_, i) => ((i % 17) - 8) * 0.5) },
    shank: { hz: 50, mg: Array.from({ length: 10 }, () => [12, -3, -998]).flat() },
    foot: { hz: 50, mg: Array.from({ length: 10 }, () => [995, 4, -40]).flat() },
  };
}

export function utf8(text: string): Uint8Array {
  return new TextEncoder().encode(text);
}

export function jsonBytes(value: unknown): Uint8Array {
  return utf8(JSON.stringify(value));
}

export interface BinaryFields {
  magic?: [number, number];
  version?: number;
  flags?: number;
  boot?: number;
  seq?: number;
  t0?: bigint;
  emgHz?: number;
  accelHz?: number;
  /** Header's EMG count; defaults to emg.length. */
  n?: number;
  /** Header's accelerometer sample count; defaults to shank.length / 3. */
  m?: number;
  scale?: number;
  emg?: number[];
  shank?: number[];
  /** Written when given; flags default to 1 then. */
  foot?: number[];
}

/** A binary frame laid out from the spec table; defaults: 200 ms at 1 kHz, 50 Hz, foot, scale 0.1. */
export function binaryFrame(fields: BinaryFields = {}): Uint8Array {
  const emg = fields.emg ?? Array.from({ length: 200 }, (_, i) => (i % 21) - 10);
  const shank = fields.shank ?? Array.from({ length: 10 }, () => [12, -3, -998]).flat();
  const foot = 'foot' in fields ? fields.foot : Array.from({ length: 10 }, () => [995, 4, -40]).flat();
  const bytes = new Uint8Array(32 + 2 * emg.length + 2 * shank.length + 2 * (foot?.length ?? 0));
  const view = new DataView(bytes.buffer);
  const [m0, m1] = fields.magic ?? [0x4c, 0x42];
  view.setUint8(0, m0);
  view.setUint8(1, m1);
  view.setUint8(2, fields.version ?? 1);
  view.setUint8(3, fields.flags ?? (foot ? 1 : 0));
  view.setUint32(4, fields.boot ?? 3_141_592, true);
  view.setUint32(8, fields.seq ?? 4711, true);
  view.setBigUint64(12, fields.t0 ?? BigInt(T0), true);
  view.setUint16(20, fields.emgHz ?? 1000, true);
  view.setUint16(22, fields.accelHz ?? 50, true);
  view.setUint16(24, fields.n ?? emg.length, true);
  view.setUint16(26, fields.m ?? shank.length / 3, true);
  view.setFloat32(28, fields.scale ?? 0.1, true);
  let at = 32;
  for (const x of [...emg, ...shank, ...(foot ?? [])]) {
    view.setInt16(at, x, true);
    at += 2;
  }
  return bytes;
}

/** Asserts a rejection with `code` whose message mentions every one of `mentions`. */
export function assertRejected(result: Decoded<unknown>, code: RejectCode, ...mentions: string[]): void {
  assert.equal(result.ok, false, `expected rejection ${code}, got a value`);
  if (result.ok) return;
  assert.equal(
    result.error.code,
    code,
    `expected ${code}, got ${result.error.code}: ${result.error.message}`,
  );
  for (const m of mentions) {
    assert.ok(result.error.message.includes(m), `message "${result.error.message}" should mention "${m}"`);
  }
}

/** Asserts an accepted result and returns its value. */
export function assertAccepted<T>(result: Decoded<T>): T {
  if (!result.ok) assert.fail(`expected a value, got ${result.error.code}: ${result.error.message}`);
  return result.value;
}

/** Asserts the never-throw contract: a value, or a catalogued code with a non-empty message. */
export function assertWellFormed(result: Decoded<unknown>): void {
  if (result.ok) return;
  assert.ok(Object.hasOwn(REJECT_CODES, result.error.code), `unknown code ${result.error.code}`);
  assert.equal(typeof result.error.message, 'string');
  assert.ok(result.error.message.length > 0, `empty message for ${result.error.code}`);
}
