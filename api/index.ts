/** The HTTP side of the service: health, Prometheus metrics, and (later) the REST API and live alerts. */

export type { ApiDeps, ServiceHealth } from './build-api.ts';
export { buildApi } from './build-api.ts';
