import type { FastifyInstance } from 'fastify';
import type { ApiDeps } from '../api-deps.ts';
import { BEARER, errorResponses } from '../schemas/index.ts';

/**
 * `GET /metrics`, the Prometheus exposition. Admin only: its labels name every device, which a
 * scoped token must not learn.
 */
export function registerMetricsRoute(app: FastifyInstance, deps: ApiDeps): void {
  app.get(
    '/metrics',
    {
      config: { adminOnly: true },
      schema: {
        tags: ['service'],
        summary: 'Prometheus metrics (text exposition format; admin token)',
        security: BEARER,
        produces: ['text/plain'],
        response: { 200: { type: 'string' }, ...errorResponses(401, 403) },
      },
    },
    async (_request, reply) => {
      reply.type(deps.metrics.contentType);
      return deps.metrics.metrics();
    },
  );
}
