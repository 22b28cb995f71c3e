import fastifySwagger from '@fastify/swagger';
import fastifySwaggerUi from '@fastify/swagger-ui';
import type { FastifyInstance } from 'fastify';

/**
 * The OpenAPI document (`/docs/json`) and its UI (`/docs`), both without a token. The document is
 * made from the routes' own schemas (`@fastify/swagger` collects them as routes are added, so it
 * must be registered before them); the UI's files come from the package, so it works offline.
 * Shared schemas keep their `$id` as their name under `components.schemas`.
 */
export async function registerOpenApi(app: FastifyInstance): Promise<void> {
  await app.register(fastifySwagger, {
    openapi: {
      openapi: '3.1.0',
      info: {
        title: 'CrampWatch API',
        version: '1',
        description:
          'Devices, nights, events and live alerts of CrampWatch. Send `Authorization: Bearer <token>`; ' +
          'errors are `{ error: { code, message } }`. The contract, with the WebSocket messages: docs/api.md.',
      },
      components: { securitySchemes: { bearer: { type: 'http', scheme: 'bearer' } } },
    },
    refResolver: {
      buildLocalReference: (json, _baseUri, _fragment, i) =>
        typeof json.$id === 'string' ? json.$id : `def-${i}`,
    },
  });
  await app.register(fastifySwaggerUi, { routePrefix: '/docs' });
}
