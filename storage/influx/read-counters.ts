import type { DeviceId, EpochMs } from '../../protocol/index.ts';
import type { CountersRecord } from '../store.ts';
import type { InfluxHttp } from './influx-http.ts';
import { ident, tagIn, timeRange } from './influxql.ts';
import { rowsOf } from './query-result.ts';
import { COUNTERS } from './schema.ts';

/** Counter snapshots of a device in [fromMs, toMs), oldest first, from their JSON field (exact). */
export async function readCounters(
  http: InfluxHttp,
  device: DeviceId,
  fromMs: EpochMs,
  toMs: EpochMs,
): Promise<CountersRecord[]> {
  if (!(toMs > fromMs)) return [];
  const [result] = await http.query([
    `SELECT ${ident(COUNTERS.json)} FROM ${ident(COUNTERS.measurement)} ` +
      `WHERE ${tagIn(COUNTERS.device, [device])} AND ${timeRange(fromMs, toMs)} ORDER BY time ASC`,
  ]);
  return rowsOf(result).map((row) => ({
    device,
    t: row.time as number,
    counts: JSON.parse(String(row[COUNTERS.json])) as Record<string, number>,
  }));
}
