/**
 * The SQLite store's tables. Devices are numbered (`device_keys`) so the 7.8 M rows of 90 nights
 * of seconds carry a small integer rather than the device's name; times are Unix milliseconds
 * except `seconds.s` (Unix seconds) and `coverage.q` (quarter hours since the epoch), which are
 * the keys their tables are counted by.
 *
 * `coverage` is the per-quarter-hour rollup of `seconds`, kept up to date by the writer only when a
 * second is newly inserted, so the nights summary reads 96 rows a night instead of 28,800.
 * `seconds.quality` and `seconds.posture` hold the codes of `codes.ts`.
 */
export const SCHEMA_VERSION = 1;

export const SCHEMA_SQL = `
CREATE TABLE device_keys (
  key INTEGER PRIMARY KEY,
  id TEXT NOT NULL UNIQUE
);
CREATE TABLE devices (
  id TEXT PRIMARY KEY,
  name TEXT,
  tz TEXT,
  wearer_side TEXT,
  band_side TEXT,
  last_seen INTEGER,
  status_t INTEGER,
  online INTEGER,
  battery REAL,
  fw TEXT,
  lead_off INTEGER
);
CREATE TABLE events (
  id TEXT PRIMARY KEY,
  device_key INTEGER NOT NULL,
  kind TEXT NOT NULL,
  start_ms INTEGER NOT NULL,
  end_ms INTEGER,
  json TEXT NOT NULL
);
CREATE INDEX events_by_start ON events (device_key, start_ms);
CREATE TABLE seconds (
  device_key INTEGER NOT NULL,
  s INTEGER NOT NULL,
  env_uv REAL NOT NULL,
  env_max_uv REAL NOT NULL,
  baseline_uv REAL,
  movement_mg REAL NOT NULL,
  flexion_deg REAL,
  observable REAL NOT NULL,
  plantar_flexed INTEGER NOT NULL,
  posture INTEGER NOT NULL,
  quality INTEGER NOT NULL,
  hum_uv REAL NOT NULL,
  PRIMARY KEY (device_key, s)
) WITHOUT ROWID;
CREATE TABLE coverage (
  device_key INTEGER NOT NULL,
  q INTEGER NOT NULL,
  seconds INTEGER NOT NULL,
  PRIMARY KEY (device_key, q)
) WITHOUT ROWID;
CREATE TABLE counters (
  device_key INTEGER NOT NULL,
  t INTEGER NOT NULL,
  counts TEXT NOT NULL,
  PRIMARY KEY (device_key, t)
) WITHOUT ROWID;
`;
