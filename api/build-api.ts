import fastifyWebsocket from '@fastify/websocket';
import Fastify, { type FastifyInstance } from 'fastify';
import type { ApiDeps } from './api-deps.ts';
import { requireToken } from './auth/auth-hook.ts';
import { formatSchemaErrors, installErrorHandling } from './error-handler.ts';
import { registerOpenApi } from './openapi.ts';
import { registerDashboard } from './routes/dashboard.ts';
import { registerDeviceRoutes } from './routes/devices.ts';
import { registerEventRoutes } from './routes/events.ts';
import { registerHealthRoute, registerLivenessRoute } from './routes/health.ts';
import { registerLiveRoute } from './routes/live.ts';
import { registerMetricsRoute } from './routes/metrics.ts';
import { registerNightRoutes } from './routes/nights.ts';
import { registerQuarantineRoute } from './routes/quarantine.ts';
import { registerTokenRoutes } from './routes/tokens.ts';
import { SHARED_SCHEMAS } from './schemas/index.ts';

/** Largest message a live client may send (a subscription): far above any real one. */
const MAX_CLIENT_MESSAGE_BYTES = 64 * 1024;

/**
 * Builds the HTTP app, not listening (the service listens; tests `inject` or listen on port 0).
 * The order matters: the OpenAPI collector and the WebSocket plugin must be in place before any
 * route, since both look at routes as they are added. Open routes (`/health`, `/docs`, `/`) are
 * registered on the root; everything else inside one child context whose auth hook makes a token
 * the rule, not something each route must remember.
 */
export async function buildApi(deps: ApiDeps): Promise<FastifyInstance> {
  const app = Fastify({
    logger: false,
    // Every problem gets an answer naming it: unknown fields are refused, not silently dropped.
    ajv: { customOptions: { removeAdditional: false } },
    schemaErrorFormatter: formatSchemaErrors,
  });
  const log = deps.log ?? { error: () => {} };
  installErrorHandling(app, log);
  app.decorateRequest('principal', null);
  for (const schema of SHARED_SCHEMAS) app.addSchema(schema);
  await registerOpenApi(app);
  await app.register(fastifyWebsocket, {
    options: { maxPayload: MAX_CLIENT_MESSAGE_BYTES },
    // After the upgrade fastify's error handler is out of the picture: a broken socket is closed.
    errorHandler: (err, socket) => {
      log.error({ err }, 'live WebSocket failed');
      socket.terminate();
    },
  });

  registerLivenessRoute(app, deps);
  await registerDashboard(app, deps.dashboardDir);
  await app.register(async (authenticated) => {
    requireToken(authenticated, deps.tokens);
    registerDeviceRoutes(authenticated, deps);
    registerNightRoutes(authenticated, deps);
    registerEventRoutes(authenticated, deps);
    registerHealthRoute(authenticated, deps);
    registerTokenRoutes(authenticated, deps);
    registerQuarantineRoute(authenticated, deps);
    registerMetricsRoute(authenticated, deps);
    registerLiveRoute(authenticated, deps);
  });
  return app;
}
