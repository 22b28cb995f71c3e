/**
 * The API's error catalogue: every code a client may see, with its HTTP status. Codes are stable
 * (the dashboard switches on them; `docs/api.md` lists each, and a test keeps the two in step);
 * messages are for people and name the field or thing at fault.
 */
export const ERROR_CODES = {
  bad_request: 400,
  unauthorized: 401,
  forbidden: 403,
  not_found: 404,
  device_not_found: 404,
  night_not_found: 404,
  conflict: 409,
  payload_too_large: 413,
  unsupported_media_type: 415,
  internal: 500,
} as const;

export type ErrorCode = keyof typeof ERROR_CODES;

/** The body of every error answer: `{ error: { code, message } }`. */
export interface ErrorBody {
  readonly error: { readonly code: ErrorCode; readonly message: string };
}

/** An error a handler or hook throws to answer with its code; the error handler maps it to HTTP. */
export class ApiError extends Error {
  override name = 'ApiError';
  readonly statusCode: number;

  constructor(
    readonly code: ErrorCode,
    message: string,
  ) {
    super(message);
    this.statusCode = ERROR_CODES[code];
  }

  body(): ErrorBody {
    return { error: { code: this.code, message: this.message } };
  }
}

export const badRequest = (message: string) => new ApiError('bad_request', message);
export const unauthorized = (message = 'a valid bearer token is required') =>
  new ApiError('unauthorized', message);
export const forbidden = (message: string) => new ApiError('forbidden', message);
export const deviceNotFound = (id: string) => new ApiError('device_not_found', `device "${id}" is not known`);
export const nightNotFound = (date: string) =>
  new ApiError('night_not_found', `night ${date} has not begun yet`);
