import Fastify, { type FastifyInstance } from 'fastify';
import type { Registry } from 'prom-client';
import type { QuarantinedMessage } from '../ingest/index.ts';

/** What the HTTP API reads from the running service. */
export interface ApiDeps {
  readonly metrics: Registry;
  readonly health: () => ServiceHealth;
  readonly quarantine: (limit: number) => readonly QuarantinedMessage[];
}

export interface ServiceHealth {
  readonly mqttConnected: boolean;
  readonly mqttUrl: string;
  readonly devices: number;
  readonly startedAt: number;
  /** The store and the spool in front of it. */
  readonly store: {
    readonly kind: string;
    readonly storeHealthy: boolean;
    readonly lastError: string | null;
    readonly pendingRecords: number;
    readonly spoolBytes: number;
    readonly maxBytes: number;
    readonly warning: boolean;
    readonly droppedRecords: number;
  };
}

/**
 * Builds the HTTP app (not listening: `server.ts`-style callers listen, tests `inject`).
 * `GET /health` answers 200 while the ingest is connected to its broker and 503 while not;
 * `GET /metrics` is the Prometheus exposition; `GET /api/v1/quarantine` lists refused messages.
 */
export function buildApi(deps: ApiDeps): FastifyInstance {
  const app = Fastify({ logger: false });

  app.get('/health', async (_request, reply) => {
    const h = deps.health();
    reply.code(h.mqttConnected ? 200 : 503);
    return {
      status: h.mqttConnected && h.store.storeHealthy && !h.store.warning ? 'ok' : 'degraded',
      mqtt: { connected: h.mqttConnected, url: h.mqttUrl },
      devices: h.devices,
      store: {
        kind: h.store.kind,
        healthy: h.store.storeHealthy,
        lastError: h.store.lastError,
        spool: {
          records: h.store.pendingRecords,
          bytes: h.store.spoolBytes,
          maxBytes: h.store.maxBytes,
          nearlyFull: h.store.warning,
          droppedRecords: h.store.droppedRecords,
        },
      },
      uptimeS: Math.round((Date.now() - h.startedAt) / 1000),
    };
  });

  app.get('/metrics', async (_request, reply) => {
    reply.type(deps.metrics.contentType);
    return deps.metrics.metrics();
  });

  app.get<{ Querystring: { limit: number } }>(
    '/api/v1/quarantine',
    {
      schema: {
        querystring: {
          type: 'object',
          properties: { limit: { type: 'integer', minimum: 1, maximum: 1000, default: 100 } },
          additionalProperties: false,
        },
      },
    },
    async (request) => ({ messages: deps.quarantine(request.query.limit) }),
  );

  return app;
}
