import type { FastifyError, FastifyInstance, FastifySchemaValidationError } from 'fastify';
import { ApiError, badRequest, ERROR_CODES, type ErrorCode } from './errors.ts';

/** Where the API reports failures it did not expect (a pino logger fits). */
export interface ErrorLog {
  error(obj: object, msg: string): void;
}

/** How each part of a request is named in a message: `body.name`, `query.points`, `path.date`. */
const PART_NAMES: Record<string, string> = {
  body: 'body',
  querystring: 'query',
  params: 'path',
  headers: 'header',
};

/**
 * Turns ajv's first complaint into a `bad_request` whose message names the field and the rule
 * (`body.name must NOT have more than 64 characters`). Fastify runs ajv with `allErrors: false`
 * (collecting them all lets a crafted body cost a lot), so there is one complaint to report.
 */
export function formatSchemaErrors(errors: FastifySchemaValidationError[], dataVar: string): ApiError {
  const first = errors[0];
  const part = PART_NAMES[dataVar] ?? dataVar;
  if (first === undefined) return badRequest(`${part} is not valid`);
  const path = first.instancePath
    .split('/')
    .slice(1)
    .map((s) => s.replaceAll('~1', '/').replaceAll('~0', '~'));
  const field = (extra?: unknown) =>
    [part, ...path, ...(extra === undefined ? [] : [String(extra)])].join('.');
  switch (first.keyword) {
    case 'required':
      return badRequest(`${field(first.params['missingProperty'])} is required`);
    case 'additionalProperties':
      return badRequest(`${field(first.params['additionalProperty'])} is not allowed`);
    case 'enum': {
      const allowed = (first.params['allowedValues'] as unknown[] | undefined) ?? [];
      return badRequest(`${field()} must be one of ${allowed.map((v) => JSON.stringify(v)).join(', ')}`);
    }
    default:
      return badRequest(`${field()} ${first.message ?? 'is not valid'}`);
  }
}

/** The status code of a fastify error that is the client's fault, as one of our codes. */
function codeOfClientError(statusCode: number): ErrorCode {
  if (statusCode === 404) return 'not_found';
  if (statusCode === 413) return 'payload_too_large';
  if (statusCode === 415) return 'unsupported_media_type';
  return 'bad_request';
}

/** Any error as the API answers it; what is not the client's fault becomes `internal`. */
export function toApiError(err: FastifyError | Error): ApiError {
  if (err instanceof ApiError) return err;
  const statusCode = (err as FastifyError).statusCode;
  if (statusCode !== undefined && statusCode >= 400 && statusCode < 500) {
    return new ApiError(codeOfClientError(statusCode), err.message);
  }
  return new ApiError('internal', 'internal error: the service logged it');
}

/**
 * One place maps every failure to `{ error: { code, message } }`: thrown {@link ApiError}s,
 * schema violations, fastify's own client errors (bad JSON, wrong content type, too large), unknown
 * routes, and — logged, with no detail for the client — everything else.
 */
export function installErrorHandling(app: FastifyInstance, log: ErrorLog): void {
  app.setErrorHandler((err: FastifyError, request, reply) => {
    const apiError = toApiError(err);
    if (apiError.code === 'internal') log.error({ err, url: request.url }, 'request failed');
    if (apiError.code === 'unauthorized') reply.header('www-authenticate', 'Bearer realm="crampwatch"');
    return reply.code(ERROR_CODES[apiError.code]).send(apiError.body());
  });
  app.setNotFoundHandler((request, reply) => {
    const path = request.url.split('?')[0];
    const apiError = new ApiError('not_found', `no route ${request.method} ${path}`);
    return reply.code(404).send(apiError.body());
  });
}
