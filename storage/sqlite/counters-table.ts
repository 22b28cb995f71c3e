import type Database from 'better-sqlite3';
import type { DeviceId, EpochMs } from '../../protocol/index.ts';
import type { CountersRecord } from '../store.ts';

/** Ingest counter snapshots keyed by (device, t); the same snapshot written again replaces itself. */
export interface CountersTable {
  put(deviceKey: number, record: CountersRecord): void;
  range(deviceKey: number, device: DeviceId, fromMs: EpochMs, toMs: EpochMs): CountersRecord[];
}

export function createCountersTable(db: Database.Database): CountersTable {
  const put = db.prepare<[number, number, string]>(
    'INSERT OR REPLACE INTO counters (device_key, t, counts) VALUES (?, ?, ?)',
  );
  const select = db.prepare<[number, number, number], { t: number; counts: string }>(
    'SELECT t, counts FROM counters WHERE device_key = ? AND t >= ? AND t < ? ORDER BY t',
  );
  return {
    put(key, record) {
      put.run(key, record.t, JSON.stringify(record.counts));
    },
    range(key, device, from, to) {
      return select.all(key, from, to).map((row) => ({
        device,
        t: row.t,
        counts: JSON.parse(row.counts) as Record<string, number>,
      }));
    },
  };
}
