import type { FastifyInstance } from 'fastify';
import {
  isNightDate,
  type NightDate,
  nightBounds,
  nightsSummary,
  nightTimeline,
} from '../../storage/index.ts';
import type { ApiDeps } from '../api-deps.ts';
import { badRequest, nightNotFound } from '../errors.ts';
import { BEARER, deviceIdSchema, errorResponses, nightDateSchema } from '../schemas/index.ts';
import { visibleDevice } from './device-access.ts';

/** Longest range of nights one request may ask for: ten years, far more than a person scrolls. */
export const MAX_NIGHTS = 3660;
const DAY_MS = 86_400_000;

interface NightsQuery {
  from?: string;
  to?: string;
}

/** The pattern lets 2025-02-30 through; a night must be a real date. */
function realDate(field: string, value: string | undefined): NightDate | undefined {
  if (value !== undefined && !isNightDate(value))
    throw badRequest(`${field} is not a calendar date: "${value}"`);
  return value;
}

/** `GET /api/v1/devices/:id/nights` and `GET /api/v1/devices/:id/nights/:date`. */
export function registerNightRoutes(app: FastifyInstance, deps: ApiDeps): void {
  const now = deps.now ?? Date.now;

  app.get<{ Params: { id: string }; Querystring: NightsQuery }>(
    '/api/v1/devices/:id/nights',
    {
      schema: {
        tags: ['nights'],
        summary: 'One summary per night with data or events, oldest first',
        description:
          "Nights run noon to noon in the device's zone. Default: from the first night with data to tonight.",
        security: BEARER,
        params: {
          type: 'object',
          required: ['id'],
          properties: { id: deviceIdSchema },
          additionalProperties: false,
        },
        querystring: {
          type: 'object',
          properties: { from: nightDateSchema, to: nightDateSchema },
          additionalProperties: false,
        },
        response: {
          200: {
            type: 'object',
            required: ['device', 'tz', 'nights'],
            properties: {
              device: { type: 'string' },
              tz: { type: 'string' },
              nights: { type: 'array', items: { $ref: 'NightSummary#' } },
            },
          },
          ...errorResponses(400, 401, 403, 404),
        },
      },
    },
    async (request) => {
      const { id } = request.params;
      const from = realDate('query.from', request.query.from);
      const to = realDate('query.to', request.query.to);
      if (from !== undefined && to !== undefined) {
        if (to < from) throw badRequest(`query.to (${to}) is before query.from (${from})`);
        const nights = (Date.parse(to) - Date.parse(from)) / DAY_MS + 1;
        if (nights > MAX_NIGHTS)
          throw badRequest(`query.from to query.to spans more than ${MAX_NIGHTS} nights`);
      }
      const device = await visibleDevice(deps.store, request, id);
      const tz = device.tz ?? deps.timeZone;
      const nights = await nightsSummary(deps.store, id, tz, {
        ...(from === undefined ? {} : { from }),
        ...(to === undefined ? {} : { to }),
        nowMs: now(),
      });
      return { device: id, tz, nights };
    },
  );

  app.get<{ Params: { id: string; date: string }; Querystring: { points: number } }>(
    '/api/v1/devices/:id/nights/:date',
    {
      schema: {
        tags: ['nights'],
        summary: 'One night: its summary, its timeline downsampled to at most `points` buckets, its events',
        security: BEARER,
        params: {
          type: 'object',
          required: ['id', 'date'],
          properties: { id: deviceIdSchema, date: nightDateSchema },
          additionalProperties: false,
        },
        querystring: {
          type: 'object',
          properties: { points: { type: 'integer', minimum: 10, maximum: 5000, default: 1000 } },
          additionalProperties: false,
        },
        response: {
          200: {
            type: 'object',
            required: ['device', 'tz', 'date', 'fromMs', 'toMs', 'summary', 'buckets', 'events'],
            properties: {
              device: { type: 'string' },
              tz: { type: 'string' },
              date: { type: 'string' },
              fromMs: { type: 'integer' },
              toMs: { type: 'integer' },
              summary: { anyOf: [{ $ref: 'NightSummary#' }, { type: 'null' }] },
              buckets: { type: 'array', items: { $ref: 'TimelineBucket#' } },
              events: { type: 'array', items: { $ref: 'Event#' } },
            },
          },
          ...errorResponses(400, 401, 403, 404),
        },
      },
    },
    async (request) => {
      const { id } = request.params;
      const date = realDate('path.date', request.params.date)!;
      const device = await visibleDevice(deps.store, request, id);
      const tz = device.tz ?? deps.timeZone;
      const nowMs = now();
      if (nightBounds(date, tz).fromMs > nowMs) throw nightNotFound(date);
      const [timeline, summaries] = await Promise.all([
        nightTimeline(deps.store, id, tz, date, request.query.points),
        nightsSummary(deps.store, id, tz, { from: date, to: date, nowMs }),
      ]);
      return { device: id, tz, ...timeline, summary: summaries[0] ?? null };
    },
  );
}
