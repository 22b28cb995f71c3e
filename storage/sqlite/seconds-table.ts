import type Database from 'better-sqlite3';
import type { SignalSecond } from '../store.ts';
import { codeOf, POSTURE_CODES, QUALITY_CODES } from './codes.ts';

/**
 * The per-second signal summaries, keyed by (device, Unix second). A second already stored is
 * kept as it is: the detector computes the same second the same way, so a replay brings nothing
 * new, and keeping the first copy is what lets the coverage rollup count each second once.
 */
export interface SecondsTable {
  /** Stores the second unless it is already there; true when it was newly stored. */
  insert(deviceKey: number, second: SignalSecond): boolean;
}

/** The Unix second a record belongs to (a `t` off the whole second counts for the second it falls in). */
export function unixSecond(t: number): number {
  return Math.floor(t / 1000);
}

export function createSecondsTable(db: Database.Database): SecondsTable {
  // ON CONFLICT DO NOTHING rather than INSERT OR IGNORE: OR IGNORE would also drop a row that
  // breaks NOT NULL silently, where this makes the write fail and say so.
  const insert = db.prepare(
    `INSERT INTO seconds (device_key, s, env_uv, env_max_uv, baseline_uv, movement_mg, flexion_deg,
       observable, plantar_flexed, posture, quality, hum_uv)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
     ON CONFLICT (device_key, s) DO NOTHING`,
  );
  return {
    insert(key, x) {
      const info = insert.run(
        key,
        unixSecond(x.t),
        x.envUv,
        x.envMaxUv,
        x.baselineUv,
        x.movementMg,
        x.flexionDeg,
        x.observable,
        x.plantarFlexed ? 1 : 0,
        codeOf(POSTURE_CODES, x.posture, 'posture'),
        codeOf(QUALITY_CODES, x.quality, 'quality'),
        x.humUv,
      );
      return info.changes > 0;
    },
  };
}
