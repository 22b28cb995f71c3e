/**
 * Storage (issue 4): one interface, two stores — InfluxDB over its v1 HTTP API and embedded
 * SQLite — fed through a durable on-disk spool, and the nights (noon to noon in the wearer's
 * time zone) read from either.
 */

export type { DurableWriter, DurableWriterOptions, DurableWriterStats } from './durable-writer.ts';
export { createDurableWriter } from './durable-writer.ts';
export type { InfluxStoreOptions } from './influx/index.ts';
export { createInfluxStore, InfluxError } from './influx/index.ts';
export type { CrampFigures, NightSummary, NightsSummaryOptions, NightTimeline } from './night-summary.ts';
export { nightsSummary, nightTimeline } from './night-summary.ts';
export type { NightBounds, NightDate } from './nights.ts';
export { isNightDate, isValidTimeZone, nightBounds, nightOf } from './nights.ts';
export { SpoolFullError } from './spool/index.ts';
export type { SqliteStoreOptions } from './sqlite/index.ts';
export { createSqliteStore } from './sqlite/index.ts';
export type {
  CountersRecord,
  CoverageQuarter,
  DeviceRecord,
  DeviceSettings,
  DeviceStatusRecord,
  SignalQuality,
  SignalSecond,
  Store,
  StoreRecord,
  TimelineBucket,
} from './store.ts';
export { QUARTER_MS } from './store.ts';
