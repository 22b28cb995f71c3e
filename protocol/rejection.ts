/**
 * Why a payload or topic was refused. Every code names one rule of the band protocol
 * (`shared/spec/band-protocol.md`); the message says what exactly was wrong with this payload.
 * Codes are stable: they label metrics and firmware teams grep for them.
 */
export const REJECT_CODES = {
  'topic-invalid': 'the topic is not <prefix>/<device>/frame|status|event',
  'device-id-invalid': 'the device id does not match [A-Za-z0-9_-]{1,64}',
  'encoding-unknown': 'the payload is neither binary ("LB" magic) nor JSON (first non-space byte "{")',
  'json-syntax': 'the payload is not well-formed JSON',
  'json-not-object': 'the JSON payload is not an object',
  'version-unsupported': 'v (or the binary version byte) is not 1',
  'boot-invalid': 'boot is not an unsigned 32-bit integer',
  'seq-invalid': 'seq is not an unsigned 32-bit integer',
  't0-invalid': 't0 is not a non-negative integer number of milliseconds',
  't0-future': 't0 is more than 5 minutes ahead of the service clock (clock error)',
  't0-discontinuous': "t0 is not the previous frame's t0 plus its span, within 50 ms",
  'emg-missing': 'the emg stream is missing or not an object',
  'emg-rate-invalid': 'emg.hz is not an integer from 250 to 4000',
  'emg-samples-invalid': 'emg.uv is not an array of finite numbers',
  'shank-missing': 'the shank stream is missing or not an object',
  'foot-invalid': 'the foot stream is present but not an object',
  'accel-rate-invalid': 'an accelerometer rate is not an integer from 10 to 200',
  'accel-samples-invalid':
    'accelerometer samples are not an array of finite numbers whose length is a multiple of 3',
  'frame-span-invalid': 'the frame does not cover 40 ms to 5 s',
  'span-mismatch':
    'the streams of the frame do not cover the same span within one accelerometer sample period',
  'binary-header-truncated': 'the binary payload is shorter than its 32-byte header',
  'binary-flags-reserved': 'a reserved flag bit is set in the binary header',
  'binary-scale-invalid': 'the binary EMG scale is not a finite positive number',
  'binary-length-mismatch': 'the binary payload length is not what its header says',
  'status-invalid': 'the status message breaks a rule of the status format',
} as const;

export type RejectCode = keyof typeof REJECT_CODES;

/** A refusal: the rule broken and what was wrong. */
export interface Rejection {
  readonly code: RejectCode;
  readonly message: string;
}

/** Result of decoding untrusted input: the value, or the rule it broke. */
export type Decoded<T> =
  | { readonly ok: true; readonly value: T }
  | { readonly ok: false; readonly error: Rejection };

export function reject(code: RejectCode, message: string): { ok: false; error: Rejection } {
  return { ok: false, error: { code, message } };
}

export function accept<T>(value: T): { ok: true; value: T } {
  return { ok: true, value };
}
