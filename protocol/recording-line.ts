/**
 * One line of a recording (`shared/spec/events-and-recordings.md`, "Recording"): one MQTT message
 * in arrival order, a JSON payload stored as the object, a binary one as base64.
 */
export type RecordingLine =
  | { readonly topic: string; readonly payload: unknown }
  | { readonly topic: string; readonly payloadBase64: string };

/** A recording line read back: the topic and the payload as it went over MQTT. */
export interface RecordedMessage {
  readonly topic: string;
  readonly bytes: Uint8Array;
  /** The stored JSON payload, for JSON lines, so that it need not be parsed twice. */
  readonly json?: unknown;
}

const BASE64 = /^[A-Za-z0-9+/]*={0,2}$/;

/** The recording line for a message: JSON payloads as objects, anything else as base64. */
export function toRecordingLine(topic: string, payload: Uint8Array | string): string {
  if (typeof payload === 'string') {
    // Re-serialised rather than spliced in: pretty-printed JSON would break the one-line format,
    // and text that is not JSON would corrupt the line; such text is stored as base64 instead.
    try {
      return JSON.stringify({ topic, payload: JSON.parse(payload) });
    } catch {
      payload = Buffer.from(payload);
    }
  }
  return JSON.stringify({ topic, payloadBase64: Buffer.from(payload).toString('base64') });
}

/** Parses one line of a recording, or says what is wrong with it. Never throws. */
export function parseRecordingLine(
  text: string,
): { ok: true; value: RecordedMessage } | { ok: false; error: string } {
  let o: unknown;
  try {
    o = JSON.parse(text);
  } catch (err) {
    return { ok: false, error: `not a JSON line (${err instanceof Error ? err.message : String(err)})` };
  }
  if (typeof o !== 'object' || o === null || Array.isArray(o))
    return { ok: false, error: 'not a JSON object' };
  const line = o as Record<string, unknown>;
  if (typeof line.topic !== 'string') return { ok: false, error: 'the line has no "topic" string' };
  if ('payload' in line) {
    let bytes: Buffer;
    try {
      bytes = Buffer.from(JSON.stringify(line.payload));
    } catch (err) {
      // JSON.stringify recurses: a payload nested a few thousand levels deep overflows the stack.
      return {
        ok: false,
        error: `the payload cannot be re-encoded (${err instanceof Error ? err.message : String(err)})`,
      };
    }
    return { ok: true, value: { topic: line.topic, bytes, json: line.payload } };
  }
  if (typeof line.payloadBase64 === 'string') {
    if (line.payloadBase64.length % 4 !== 0 || !BASE64.test(line.payloadBase64)) {
      return { ok: false, error: 'payloadBase64 is not valid base64' };
    }
    return { ok: true, value: { topic: line.topic, bytes: Buffer.from(line.payloadBase64, 'base64') } };
  }
  return { ok: false, error: 'the line has neither "payload" nor "payloadBase64"' };
}
