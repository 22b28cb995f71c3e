import type { NightResponse } from '../api/types.ts';

/** One CSV field (RFC 4180): quoted when it holds a comma, quote or line break. */
export function csvField(value: unknown): string {
  if (value === null || value === undefined) return '';
  const text = typeof value === 'object' ? JSON.stringify(value) : String(value);
  return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

function csv(header: readonly string[], rows: ReadonlyArray<readonly unknown[]>): string {
  return `${[header, ...rows].map((row) => row.map(csvField).join(',')).join('\r\n')}\r\n`;
}

/** The timeline's buckets, one a line; absent angles are empty fields. */
export function bucketsCsv(night: NightResponse): string {
  return csv(
    [
      't_ms',
      't_utc',
      'seconds',
      'env_min_uv',
      'env_mean_uv',
      'env_max_uv',
      'movement_min_mg',
      'movement_max_mg',
      'flexion_min_deg',
      'flexion_mean_deg',
      'flexion_max_deg',
      'lead_off_s',
      'plantar_flexed_s',
    ],
    night.buckets.map((b) => [
      b.t,
      new Date(b.t).toISOString(),
      b.seconds,
      b.envUv.min,
      b.envUv.mean,
      b.envUv.max,
      b.movementMg.min,
      b.movementMg.max,
      b.flexionDeg?.min,
      b.flexionDeg?.mean,
      b.flexionDeg?.max,
      b.leadOffSeconds,
      b.plantarFlexedSeconds,
    ]),
  );
}

const EVENT_COLUMNS = ['id', 'device', 'kind', 'start', 'end', 'late'] as const;

/** The night's events, one a line: the spec's fields first, then any other field of any event. */
export function eventsCsv(night: NightResponse): string {
  const extra = [...new Set(night.events.flatMap((e) => Object.keys(e)))].filter(
    (k) => !(EVENT_COLUMNS as readonly string[]).includes(k),
  );
  return csv(
    [...EVENT_COLUMNS, 'start_utc', 'end_utc', 'duration_s', ...extra],
    night.events.map((e) => [
      ...EVENT_COLUMNS.map((k) => e[k]),
      new Date(e.start).toISOString(),
      e.end === null ? null : new Date(e.end).toISOString(),
      e.end === null ? null : (e.end - e.start) / 1000,
      ...extra.map((k) => e[k]),
    ]),
  );
}

/** The file names of a night's exports: `crampwatch-band-1-2026-11-25-events.csv`. */
export function exportName(night: Pick<NightResponse, 'device' | 'date'>, part: string, ext: string): string {
  const safe = night.device.replace(/[^A-Za-z0-9._-]/g, '_');
  return `crampwatch-${safe}-${night.date}-${part}.${ext}`;
}
