import type { Frame } from './frame.ts';
import {
  ACCEL_HZ_MAX,
  ACCEL_HZ_MIN,
  EMG_HZ_MAX,
  EMG_HZ_MIN,
  FRAME_SPAN_MAX_MS,
  FRAME_SPAN_MIN_MS,
  MAX_CLOCK_AHEAD_MS,
  U32_MAX,
} from './limits.ts';
import type { Rejection } from './rejection.ts';

// Tolerance for float rounding in span arithmetic; far below any sample period.
const EPSILON_S = 1e-9;

export function isU32(x: unknown): x is number {
  return typeof x === 'number' && Number.isInteger(x) && x >= 0 && x <= U32_MAX;
}

export function isEmgHz(x: unknown): x is number {
  return typeof x === 'number' && Number.isInteger(x) && x >= EMG_HZ_MIN && x <= EMG_HZ_MAX;
}

export function isAccelHz(x: unknown): x is number {
  return typeof x === 'number' && Number.isInteger(x) && x >= ACCEL_HZ_MIN && x <= ACCEL_HZ_MAX;
}

export function isEpochMs(x: unknown): x is number {
  return typeof x === 'number' && Number.isSafeInteger(x) && x >= 0;
}

/**
 * The rules both encodings share once the fields are parsed: the frame spans 40 ms to 5 s,
 * every stream covers the same span within one accelerometer sample period, and t0 is not more
 * than 5 minutes ahead of the service clock. Returns the first rule broken, or undefined.
 */
export function checkFrameRules(frame: Frame, nowMs: number | undefined): Rejection | undefined {
  if (nowMs !== undefined && frame.t0 > nowMs + MAX_CLOCK_AHEAD_MS) {
    const aheadS = Math.round((frame.t0 - nowMs) / 1000);
    return {
      code: 't0-future',
      message: `t0 ${frame.t0} is ${aheadS} s ahead of the service clock (limit 300 s)`,
    };
  }
  const spanS = frame.emg.uv.length / frame.emg.hz;
  if (spanS * 1000 < FRAME_SPAN_MIN_MS - EPSILON_S || spanS * 1000 > FRAME_SPAN_MAX_MS + EPSILON_S) {
    return {
      code: 'frame-span-invalid',
      message: `${frame.emg.uv.length} EMG samples at ${frame.emg.hz} Hz span ${fmtMs(spanS)} ms, outside 40-5000 ms`,
    };
  }
  return (
    spanMismatch('shank', frame.shank, spanS) ??
    (frame.foot ? spanMismatch('foot', frame.foot, spanS) : undefined)
  );
}

function spanMismatch(
  name: string,
  stream: { hz: number; mg: Float32Array },
  emgSpanS: number,
): Rejection | undefined {
  const samples = stream.mg.length / 3;
  const spanS = samples / stream.hz;
  if (Math.abs(spanS - emgSpanS) <= 1 / stream.hz + EPSILON_S) return undefined;
  return {
    code: 'span-mismatch',
    message: `${name} covers ${fmtMs(spanS)} ms (${samples} samples at ${stream.hz} Hz) but emg covers ${fmtMs(emgSpanS)} ms`,
  };
}

function fmtMs(s: number): string {
  return (s * 1000).toFixed(1);
}
