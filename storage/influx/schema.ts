/**
 * The measurements, tags and fields this store writes (documented for Grafana users in
 * `docs/storage.md`). Writers and readers take names from here so they cannot drift apart.
 * Every numeric field is written as a float, even when integral: InfluxDB fixes a field's type
 * per shard, and one integer write into a float field would fail every later batch.
 */
export const EVENT = {
  measurement: 'event',
  /** Tags: with the start as the point's time they make the event id, so rewriting is an upsert. */
  device: 'device',
  kind: 'kind',
  id: 'id',
  /** End in ms, or -1 while the event is open (InfluxDB cannot store a null). */
  endMs: 'end_ms',
  late: 'late',
  /** The whole event as JSON: fields a newer detector adds round-trip unchanged. */
  json: 'json',
} as const;

/** Event keys kept in the point itself, never copied as extra numeric fields. */
export const EVENT_RESERVED_FIELDS: ReadonlySet<string> = new Set([
  'id',
  'device',
  'kind',
  'start',
  'end',
  'late',
  'end_ms',
  'json',
  'time',
]);

export const SIGNAL = {
  measurement: 'signal',
  device: 'device',
  envUv: 'env_uv',
  envMaxUv: 'env_max_uv',
  baselineUv: 'baseline_uv',
  movementMg: 'movement_mg',
  flexionDeg: 'flexion_deg',
  observable: 'observable',
  /** 1 or 0, so that `sum()` counts plantar-flexed seconds. */
  plantarFlexed: 'plantar_flexed',
  /**
   * 1 when `quality` is `lead_off`, else 0, so that `sum()` counts lead-off seconds. Always
   * written, so `count(lead_off)` counts the seconds with data (a float column reads faster
   * than the `quality` string).
   */
  leadOff: 'lead_off',
  posture: 'posture',
  quality: 'quality',
  humUv: 'hum_uv',
} as const;

export const STATUS = {
  measurement: 'status',
  device: 'device',
  /** True on every status point, so `last(seen)` finds the newest one (its time is "last seen"). */
  seen: 'seen',
  /** True on a full status (not `seenOnly`): `last(full)` is the newest one (see `status-order.ts`). */
  full: 'full',
  online: 'online',
  battery: 'battery',
  fw: 'fw',
  side: 'side',
  leadOff: 'lead_off',
} as const;

export const SETTINGS = {
  measurement: 'settings',
  device: 'device',
  /** True on every settings point, so an update that sets nothing still creates the device. */
  updated: 'updated',
  /** An empty string means "cleared" (null): InfluxDB cannot store a null. */
  name: 'name',
  side: 'side',
  tz: 'tz',
} as const;

export const COUNTERS = {
  measurement: 'counters',
  device: 'device',
  /** The whole counts object as JSON; each count is also a float field of its own name. */
  json: 'json',
} as const;

export const COVERAGE = {
  measurement: 'coverage',
  device: 'device',
  /** Seconds with data in the quarter starting at the point's time. */
  seconds: 'seconds',
  /** True while `seconds` may be out of date (see `coverage-rollup.ts`). */
  stale: 'stale',
} as const;
