import type { FastifyInstance } from 'fastify';
import type { ApiDeps } from '../api-deps.ts';
import { badRequest } from '../errors.ts';
import { BEARER, deviceParamsSchema, epochMsSchema, errorResponses } from '../schemas/index.ts';
import { visibleDevice } from './device-access.ts';

interface EventsQuery {
  from: number;
  to: number;
  kind?: string;
}

/** `GET /api/v1/devices/:id/events?from=ms&to=ms&kind=cramp,spasm`. */
export function registerEventRoutes(app: FastifyInstance, deps: ApiDeps): void {
  app.get<{ Params: { id: string }; Querystring: EventsQuery }>(
    '/api/v1/devices/:id/events',
    {
      schema: {
        tags: ['events'],
        summary:
          'Events that overlap [from, to), by start (an event still going on overlaps all after its start)',
        security: BEARER,
        params: deviceParamsSchema,
        querystring: {
          type: 'object',
          required: ['from', 'to'],
          properties: {
            from: epochMsSchema,
            to: epochMsSchema,
            kind: {
              type: 'string',
              pattern: '^[a-z_]{1,32}(,[a-z_]{1,32}){0,15}$',
              description: 'kinds to keep, comma separated (cramp,spasm); default every kind',
            },
          },
          additionalProperties: false,
        },
        response: {
          200: {
            type: 'object',
            required: ['events'],
            properties: { events: { type: 'array', items: { $ref: 'Event#' } } },
          },
          ...errorResponses(400, 401, 403, 404),
        },
      },
    },
    async (request) => {
      const { id } = request.params;
      const { from, to, kind } = request.query;
      if (!(to > from)) throw badRequest(`query.to (${to}) must be after query.from (${from})`);
      await visibleDevice(deps.store, request, id);
      const kinds = kind === undefined ? undefined : [...new Set(kind.split(','))];
      return { events: await deps.store.events(id, from, to, kinds) };
    },
  );
}
