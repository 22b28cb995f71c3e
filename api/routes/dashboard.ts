import { existsSync } from 'node:fs';
import { join } from 'node:path';
import fastifyStatic from '@fastify/static';
import type { FastifyInstance } from 'fastify';

/** What `/` shows while the dashboard has not been built. */
const NOT_BUILT_PAGE = `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>CrampWatch</title></head>
<body>
<h1>CrampWatch</h1>
<p>The service is running, but the dashboard has not been built: run <code>npm run build:dashboard</code>
and restart the service.</p>
<p>The API is documented at <a href="/docs">/docs</a>.</p>
</body></html>
`;

/**
 * The dashboard's built files at `/` (no token: the page holds no data, and reads everything
 * through the API with the token the dashboard link gave it). The folder is looked at once, when
 * the app is built: a dashboard built later shows after a restart. Missing, `/` explains how to
 * build it rather than fail the service, which runs fine without it.
 */
export async function registerDashboard(app: FastifyInstance, dashboardDir: string): Promise<void> {
  if (existsSync(join(dashboardDir, 'index.html'))) {
    await app.register(fastifyStatic, { root: dashboardDir, prefix: '/', decorateReply: false });
    return;
  }
  app.get('/', { schema: { hide: true } }, async (_request, reply) => {
    reply.type('text/html; charset=utf-8');
    return NOT_BUILT_PAGE;
  });
}
