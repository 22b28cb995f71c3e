import { decodeBinaryFrame } from './decode-binary-frame.ts';
import { frameFromJson } from './decode-json-frame.ts';
import type { Frame } from './frame.ts';
import { BINARY_MAGIC_0, BINARY_MAGIC_1 } from './limits.ts';
import { type Decoded, reject } from './rejection.ts';

const utf8 = new TextDecoder('utf-8', { fatal: true });

/** The encoding of a payload, told by its first bytes (band protocol, "Frame, binary encoding"). */
export function payloadEncoding(bytes: Uint8Array): 'binary' | 'json' | undefined {
  if (bytes.length >= 2 && bytes[0] === BINARY_MAGIC_0 && bytes[1] === BINARY_MAGIC_1) return 'binary';
  for (const b of bytes) {
    if (b === 0x20 || b === 0x09 || b === 0x0a || b === 0x0d) continue;
    return b === 0x7b ? 'json' : undefined;
  }
  return undefined;
}

/**
 * Decodes a frame payload as it came off MQTT, in either encoding. Never throws: anything that
 * breaks a rule comes back as a rejection naming the rule.
 */
export function decodeFrame(bytes: Uint8Array, nowMs?: number): Decoded<Frame> {
  const encoding = payloadEncoding(bytes);
  if (encoding === 'binary') return decodeBinaryFrame(bytes, nowMs);
  if (encoding === undefined) return reject('encoding-unknown', unknownEncodingMessage(bytes));
  const parsed = parseJson(bytes);
  return parsed.ok ? frameFromJson(parsed.value, nowMs) : parsed;
}

/** Parses UTF-8 JSON bytes, as a rejection when they are not. */
export function parseJson(bytes: Uint8Array): Decoded<unknown> {
  try {
    return { ok: true, value: JSON.parse(utf8.decode(bytes)) };
  } catch (err) {
    return reject('json-syntax', err instanceof Error ? err.message : String(err));
  }
}

function unknownEncodingMessage(bytes: Uint8Array): string {
  if (bytes.length === 0) return 'the payload is empty';
  const head = Array.from(bytes.subarray(0, 4), (b) => b.toString(16).padStart(2, '0')).join(' ');
  return `the payload starts with bytes ${head}`;
}
