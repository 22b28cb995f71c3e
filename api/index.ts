/**
 * The HTTP side of the service (docs/api.md): the v1 REST API and live WebSocket behind bearer
 * tokens, `/health`, `/metrics`, the OpenAPI document and UI at `/docs`, and the dashboard's files.
 */

export type { ApiDeps, ServiceHealth } from './api-deps.ts';
export type { Principal } from './auth/principal.ts';
export type { IssuedToken, TokenStore, TokenStoreOptions } from './auth/token-store.ts';
export { openTokenStore } from './auth/token-store.ts';
export { buildApi } from './build-api.ts';
export type { DeviceView } from './device-view.ts';
export type { ErrorBody, ErrorCode } from './errors.ts';
export { ERROR_CODES } from './errors.ts';
export type { LiveHub, LiveHubOptions, LiveSubscriber } from './live/live-hub.ts';
export { createLiveHub } from './live/live-hub.ts';
export type { LiveMessage, LiveStatus } from './live/live-messages.ts';
export type { LiveView } from './live/live-view.ts';
