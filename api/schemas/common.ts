/**
 * Schemas used by many routes. Each is plain JSON Schema (draft-07, what fastify's ajv speaks):
 * fastify validates requests and serialises answers with them, and `@fastify/swagger` turns the
 * same objects into the OpenAPI document, so the document cannot drift from the code.
 */

/** A band's id (band protocol, "MQTT topics"). */
export const deviceIdSchema = {
  type: 'string',
  pattern: '^[A-Za-z0-9_-]{1,64}$',
  description: 'a band id: 1–64 of A–Z, a–z, 0–9, _ and -',
} as const;

/** A night's name: the local date of the noon it starts at. */
export const nightDateSchema = {
  type: 'string',
  pattern: '^\\d{4}-\\d{2}-\\d{2}$',
  description: 'a night: the local date (YYYY-MM-DD) of the noon it starts at',
} as const;

/**
 * Unix milliseconds (UTC), before 2200: InfluxDB keeps nanoseconds in 64 bits, which end in 2262,
 * so a larger bound would reach the store only to fail there as a 500.
 */
export const epochMsSchema = {
  type: 'integer',
  minimum: 0,
  maximum: 7_258_118_400_000,
  description: 'Unix time, ms',
} as const;

/** `{ error: { code, message } }`, the body of every error answer. */
export const errorSchema = {
  $id: 'Error',
  type: 'object',
  required: ['error'],
  properties: {
    error: {
      type: 'object',
      required: ['code', 'message'],
      properties: {
        code: { type: 'string', description: 'stable; see docs/api.md, "Errors"' },
        message: { type: 'string', description: 'for people: names the field or thing at fault' },
      },
    },
  },
} as const;

const ERROR_REF = { $ref: 'Error#' } as const;

/** The error answers a route documents, by status. */
export function errorResponses(...statuses: number[]): Record<number, typeof ERROR_REF> {
  return Object.fromEntries(statuses.map((s) => [s, ERROR_REF]));
}

/** `:id` of the device routes. */
export const deviceParamsSchema = {
  type: 'object',
  required: ['id'],
  properties: { id: deviceIdSchema },
  additionalProperties: false,
} as const;

/** Marks a route as needing a bearer token in the OpenAPI document. */
export const BEARER = [{ bearer: [] }];
