import type { DeviceId, EpochMs } from '../../protocol/index.ts';
import type { StoreRecord } from '../store.ts';
import type { InfluxHttp } from './influx-http.ts';
import { ident, tagIn } from './influxql.ts';
import { rowsOf } from './query-result.ts';
import { STATUS } from './schema.ts';

/** The records to write, and `commit()` to call once they are stored. */
export interface OrderedStatuses {
  readonly records: readonly StoreRecord[];
  commit(): void;
}

/**
 * Keeps the device fields from going back in time. A full status older than the newest full
 * status already applied (a replayed night, an old batch retried late) only counts as "seen":
 * written as it is, InfluxDB's `last()` per field would let its battery or firmware win over a
 * newer status that left those fields out. The newest full status time per device is cached,
 * read once from InfluxDB (`last(full)`) the first time a device's status is written.
 */
export function createStatusOrder(http: InfluxHttp) {
  const newestFull = new Map<DeviceId, EpochMs>();

  async function load(devices: readonly DeviceId[]): Promise<void> {
    const missing = devices.filter((d) => !newestFull.has(d));
    if (missing.length === 0) return;
    const [result] = await http.query([
      `SELECT last(${ident(STATUS.full)}) FROM ${ident(STATUS.measurement)} ` +
        `WHERE ${tagIn(STATUS.device, missing)} GROUP BY ${ident(STATUS.device)}`,
    ]);
    for (const d of missing) newestFull.set(d, Number.NEGATIVE_INFINITY);
    for (const row of rowsOf(result)) newestFull.set(row.tags[STATUS.device] ?? '', row.time as number);
  }

  return {
    async order(records: readonly StoreRecord[]): Promise<OrderedStatuses> {
      const full = records.flatMap((r) =>
        r.type === 'status' && !r.status.seenOnly ? [r.status.device] : [],
      );
      if (full.length === 0) return { records, commit: () => {} };
      await load([...new Set(full)]);
      const newest = new Map(newestFull);
      const ordered = records.map((r): StoreRecord => {
        if (r.type !== 'status' || r.status.seenOnly) return r;
        const { device, t } = r.status;
        if (t < (newest.get(device) ?? Number.NEGATIVE_INFINITY)) {
          return { type: 'status', status: { device, t, seenOnly: true } };
        }
        newest.set(device, t);
        return r;
      });
      return {
        records: ordered,
        commit: () => {
          for (const [device, t] of newest) newestFull.set(device, t);
        },
      };
    },
  };
}
