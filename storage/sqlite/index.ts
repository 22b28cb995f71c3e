/**
 * The embedded SQLite store (issue 4): the {@link Store} interface in one file,
 * `<dir>/crampwatch.sqlite`, for installs without InfluxDB.
 */
export type { SqliteStoreOptions } from './sqlite-store.ts';
export { createSqliteStore } from './sqlite-store.ts';
