import type Database from 'better-sqlite3';
import type { EpochMs } from '../../protocol/index.ts';
import type { CoverageQuarter } from '../store.ts';
import { QUARTER_MS } from '../store.ts';

const QUARTER_S = QUARTER_MS / 1000;

/**
 * The per-quarter-hour count of stored seconds. The writer collects the seconds a batch newly
 * inserted ({@link CoverageTally}) and adds them in the batch's transaction, so a replayed second,
 * which inserts nothing, is never counted twice.
 */
export interface CoverageTable {
  add(tally: CoverageTally): void;
  /** Quarters with data that overlap [fromMs, toMs), oldest first. */
  quarters(deviceKey: number, fromMs: EpochMs, toMs: EpochMs): CoverageQuarter[];
}

/** Newly stored seconds per device key and quarter, for one batch. */
export class CoverageTally {
  readonly counts = new Map<number, Map<number, number>>();

  /** Counts the second starting at Unix second `s`. */
  count(deviceKey: number, s: number): void {
    let quarters = this.counts.get(deviceKey);
    if (quarters === undefined) {
      quarters = new Map();
      this.counts.set(deviceKey, quarters);
    }
    const q = Math.floor(s / QUARTER_S);
    quarters.set(q, (quarters.get(q) ?? 0) + 1);
  }
}

export function createCoverageTable(db: Database.Database): CoverageTable {
  const add = db.prepare<[number, number, number]>(
    `INSERT INTO coverage (device_key, q, seconds) VALUES (?, ?, ?)
     ON CONFLICT (device_key, q) DO UPDATE SET seconds = seconds + excluded.seconds`,
  );
  const select = db.prepare<[number, number, number], { q: number; seconds: number }>(
    'SELECT q, seconds FROM coverage WHERE device_key = ? AND q >= ? AND q < ? ORDER BY q',
  );
  return {
    add(tally) {
      for (const [key, quarters] of tally.counts) {
        for (const [q, seconds] of quarters) add.run(key, q, seconds);
      }
    },
    quarters(key, from, to) {
      const rows = select.all(key, Math.floor(from / QUARTER_MS), Math.ceil(to / QUARTER_MS));
      return rows.map((row) => ({ t: row.q * QUARTER_MS, seconds: row.seconds }));
    },
  };
}
