import type { FastifyInstance } from 'fastify';
import type { ApiDeps, ServiceHealth } from '../api-deps.ts';
import { BEARER, errorResponses } from '../schemas/index.ts';

/** The health body shared by the liveness probe and the API. */
function healthBody(h: ServiceHealth, nowMs: number) {
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
    uptimeS: Math.round((nowMs - h.startedAt) / 1000),
  };
}

/**
 * `GET /health`, the liveness probe: no token (a container runtime or load balancer has none),
 * 200 while the ingest is connected to its broker and 503 while not.
 */
export function registerLivenessRoute(app: FastifyInstance, deps: ApiDeps): void {
  app.get(
    '/health',
    {
      schema: {
        tags: ['service'],
        summary: 'Liveness: 200 while the ingest is connected to its broker, 503 while not (no token)',
        response: { 200: { $ref: 'Health#' }, 503: { $ref: 'Health#' } },
      },
    },
    async (_request, reply) => {
      const h = deps.health();
      reply.code(h.mqttConnected ? 200 : 503);
      return healthBody(h, Date.now());
    },
  );
}

/** `GET /api/v1/health`: the same, for any token, with the live side; always 200. */
export function registerHealthRoute(app: FastifyInstance, deps: ApiDeps): void {
  app.get(
    '/api/v1/health',
    {
      schema: {
        tags: ['service'],
        summary: 'Service health: MQTT, store, spool, devices, live clients',
        security: BEARER,
        response: { 200: { $ref: 'Health#' }, ...errorResponses(401) },
      },
    },
    async () => ({
      ...healthBody(deps.health(), Date.now()),
      live: { clients: deps.live.subscriberCount, alertSeq: deps.live.latestSeq },
    }),
  );
}
