/**
 * Why a request to InfluxDB failed, as a stable code: `unreachable` (nothing answers at the URL:
 * refused, DNS, reset), `timeout` (no answer in time), `http` (InfluxDB answered with an error
 * status; `status` says which), `statement` (a 200 answer whose statement failed), `protocol`
 * (an answer that is not InfluxDB's JSON).
 */
export type InfluxErrorCode = 'unreachable' | 'timeout' | 'http' | 'statement' | 'protocol';

/**
 * A failed InfluxDB request. The message names the URL, what was attempted and the cause in
 * InfluxDB's own words, so a log line alone tells an operator what to fix.
 */
export class InfluxError extends Error {
  override readonly name = 'InfluxError';
  readonly code: InfluxErrorCode;
  /** The HTTP status for `http`. */
  readonly status: number | undefined;

  constructor(code: InfluxErrorCode, message: string, options: { status?: number; cause?: unknown } = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.code = code;
    this.status = options.status;
  }
}

/** A hint appended to 401/403 messages: the usual cause is missing or wrong credentials. */
export function authHint(status: number): string {
  if (status === 401) return ' (check the token, or the username and password)';
  if (status === 403) return ' (the credentials lack the permission)';
  return '';
}
