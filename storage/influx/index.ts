/**
 * The InfluxDB store (issue 4): `createInfluxStore` implements `Store` over InfluxDB's v1 HTTP
 * API; `InfluxError` is what its requests reject with. Schema and queries: `docs/storage.md`.
 */
export type { InfluxErrorCode } from './influx-error.ts';
export { InfluxError } from './influx-error.ts';
export type { InfluxStoreOptions } from './influx-store.ts';
export { createInfluxStore } from './influx-store.ts';
