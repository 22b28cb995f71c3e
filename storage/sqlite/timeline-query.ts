import type Database from 'better-sqlite3';
import type { EpochMs } from '../../protocol/index.ts';
import type { TimelineBucket } from '../store.ts';
import { LEAD_OFF_CODE } from './codes.ts';

/**
 * The width of each timeline bucket: the range split into `points` parts, rounded up to whole
 * seconds (at least one), so that there are never more than `points` buckets.
 */
export function bucketWidthMs(fromMs: EpochMs, toMs: EpochMs, points: number): number {
  if (!Number.isInteger(points) || points < 1) {
    throw new RangeError(`timeline points must be a positive whole number, not ${String(points)}`);
  }
  return Math.max(1, Math.ceil((toMs - fromMs) / points / 1000)) * 1000;
}

interface Row {
  readonly k: number;
  readonly n: number;
  readonly envMin: number;
  readonly envMax: number;
  readonly envMean: number;
  readonly moveMin: number;
  readonly moveMax: number;
  readonly flexMin: number | null;
  readonly flexMax: number | null;
  readonly flexMean: number | null;
  readonly leadOff: number;
  readonly flexed: number;
}

export type TimelineQuery = (
  deviceKey: number,
  fromMs: EpochMs,
  toMs: EpochMs,
  points: number,
) => TimelineBucket[];

/**
 * Aggregates the seconds in SQL, one row per non-empty bucket: the envelope's min of the means and
 * max of the per-second peaks (`envMaxUv`), so a one-second burst survives any downsampling; the
 * flexion over the seconds where it was observable only (null when none was).
 */
export function createTimelineQuery(db: Database.Database): TimelineQuery {
  // Parameters bind as REAL in better-sqlite3: cast them so the bucket index is integer division.
  const select = db.prepare<{ key: number; from: number; width: number; s0: number; s1: number }, Row>(
    `SELECT (s * 1000 - CAST(@from AS INTEGER)) / CAST(@width AS INTEGER) AS k,
       COUNT(*) AS n,
       MIN(env_uv) AS envMin, MAX(env_max_uv) AS envMax, AVG(env_uv) AS envMean,
       MIN(movement_mg) AS moveMin, MAX(movement_mg) AS moveMax,
       MIN(flexion_deg) AS flexMin, MAX(flexion_deg) AS flexMax, AVG(flexion_deg) AS flexMean,
       SUM(quality = ${LEAD_OFF_CODE}) AS leadOff, SUM(plantar_flexed) AS flexed
     FROM seconds
     WHERE device_key = @key AND s >= @s0 AND s < @s1
     GROUP BY k ORDER BY k`,
  );
  return (key, fromMs, toMs, points) => {
    const width = bucketWidthMs(fromMs, toMs, points);
    if (!(toMs > fromMs)) return [];
    const from = Math.ceil(fromMs);
    const rows = select.all({ key, from, width, s0: Math.ceil(from / 1000), s1: Math.ceil(toMs / 1000) });
    return rows.map((r) => ({
      t: from + r.k * width,
      seconds: r.n,
      envUv: { min: r.envMin, max: r.envMax, mean: r.envMean },
      movementMg: { min: r.moveMin, max: r.moveMax },
      flexionDeg:
        r.flexMin === null || r.flexMax === null || r.flexMean === null
          ? null
          : { min: r.flexMin, max: r.flexMax, mean: r.flexMean },
      leadOffSeconds: r.leadOff,
      plantarFlexedSeconds: r.flexed,
    }));
  };
}
