import type { FastifyInstance } from 'fastify';
import type { ApiDeps } from '../api-deps.ts';
import { BEARER, errorResponses } from '../schemas/index.ts';

/** `GET /api/v1/quarantine`: the latest refused MQTT messages with their reasons (admin only). */
export function registerQuarantineRoute(app: FastifyInstance, deps: ApiDeps): void {
  app.get<{ Querystring: { limit: number } }>(
    '/api/v1/quarantine',
    {
      config: { adminOnly: true },
      schema: {
        tags: ['service'],
        summary: 'The latest refused MQTT messages, newest first, with the rule each broke (admin token)',
        security: BEARER,
        querystring: {
          type: 'object',
          properties: { limit: { type: 'integer', minimum: 1, maximum: 1000, default: 100 } },
          additionalProperties: false,
        },
        response: {
          200: {
            type: 'object',
            required: ['messages'],
            properties: {
              messages: { type: 'array', items: { type: 'object', additionalProperties: true } },
            },
          },
          ...errorResponses(400, 401, 403),
        },
      },
    },
    async (request) => ({ messages: deps.quarantine(request.query.limit) }),
  );
}
