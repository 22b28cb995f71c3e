/** Numbers fixed by the band protocol (`shared/spec/band-protocol.md`), in one place. */
export const PROTOCOL_VERSION = 1;
export const EMG_HZ_MIN = 250;
export const EMG_HZ_MAX = 4000;
export const ACCEL_HZ_MIN = 10;
export const ACCEL_HZ_MAX = 200;
/** "It streams raw samples in frames of 40 ms to 5 s." */
export const FRAME_SPAN_MIN_MS = 40;
export const FRAME_SPAN_MAX_MS = 5000;
/** "the next t0 is this t0 plus the frame's span, give or take 50 ms of clock drift." */
export const CONTIGUITY_TOLERANCE_MS = 50;
/** "t0 more than 5 minutes ahead of the service's clock is rejected as clock error." */
export const MAX_CLOCK_AHEAD_MS = 5 * 60 * 1000;
export const U32_MAX = 0xffffffff;
export const BINARY_MAGIC_0 = 0x4c; // 'L'
export const BINARY_MAGIC_1 = 0x42; // 'B'
export const BINARY_HEADER_BYTES = 32;
export const BINARY_FLAG_FOOT = 0x01;
