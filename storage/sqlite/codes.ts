import type { SignalQuality, SignalSecond } from '../store.ts';

/**
 * Small integer codes for the two enumerations of a {@link SignalSecond}: SQLite stores 0 and 1
 * in no payload bytes at all and other small integers in one, where the names would cost 4 to 8
 * bytes in each of millions of rows. The order of each list is the code; append only.
 */
export const QUALITY_CODES: readonly SignalQuality[] = ['lead_off', 'noisy', 'good'];
export const POSTURE_CODES: readonly SignalSecond['posture'][] = [
  'unknown',
  'supine',
  'prone',
  'left',
  'right',
  'upright',
];

/**
 * The code of `value` in `codes`. A value outside the list breaks the record's type, a bug upstream:
 * it is refused (the write rejects naming it) rather than stored as something it is not.
 */
export function codeOf<T>(codes: readonly T[], value: T, what: string): number {
  const code = codes.indexOf(value);
  if (code < 0) throw new TypeError(`unknown ${what} ${JSON.stringify(value)}`);
  return code;
}

/** The code of `lead_off`, for counting lead-off seconds in SQL. */
export const LEAD_OFF_CODE = codeOf(QUALITY_CODES, 'lead_off', 'quality');
