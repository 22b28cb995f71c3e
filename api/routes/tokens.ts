import type { FastifyInstance } from 'fastify';
import type { ApiDeps } from '../api-deps.ts';
import { BEARER, deviceIdSchema, errorResponses } from '../schemas/index.ts';

interface TokenRequest {
  name: string;
  devices?: string[];
}

/** `POST /api/v1/tokens` (admin): a new token, shown this once; the service keeps only its hash. */
export function registerTokenRoutes(app: FastifyInstance, deps: ApiDeps): void {
  app.post<{ Body: TokenRequest }>(
    '/api/v1/tokens',
    {
      config: { adminOnly: true },
      schema: {
        tags: ['tokens'],
        summary: 'Creates a token: scoped to `devices`, or an admin token when `devices` is absent',
        security: BEARER,
        body: {
          type: 'object',
          required: ['name'],
          properties: {
            name: { type: 'string', minLength: 1, maxLength: 64, pattern: '\\S' },
            devices: { type: 'array', items: deviceIdSchema, maxItems: 1000 },
          },
          additionalProperties: false,
        },
        response: {
          201: {
            type: 'object',
            required: ['token', 'name', 'devices'],
            properties: {
              token: { type: 'string', description: 'shown once: the service keeps only its SHA-256' },
              name: { type: 'string' },
              devices: { type: ['array', 'null'], items: { type: 'string' } },
            },
          },
          ...errorResponses(400, 401, 403, 409),
        },
      },
    },
    async (request, reply) => {
      const { name, devices } = request.body;
      const issued = await deps.tokens.create(name.trim(), devices ?? null);
      reply.code(201);
      return issued;
    },
  );
}
