import type { CrampWatchEvent, DeviceId, EpochMs } from '../../protocol/index.ts';
import type { InfluxHttp } from './influx-http.ts';
import { ident, ms, tagIn, timeRange } from './influxql.ts';
import { rowsOf } from './query-result.ts';
import { EVENT } from './schema.ts';

/**
 * Events of a device that overlap [fromMs, toMs), in two statements of one request: those that
 * start inside the range (time = start), and those that started earlier but end after `fromMs`
 * or are still open (`end_ms` -1). The second one filters on a field, so it reads the device's
 * older events' `end_ms` — events are sparse (tens a night), which keeps that cheap, and no
 * look-back limit can miss a long or forgotten open event.
 */
export async function readEvents(
  http: InfluxHttp,
  device: DeviceId,
  fromMs: EpochMs,
  toMs: EpochMs,
  kinds?: readonly string[],
): Promise<CrampWatchEvent[]> {
  if (!(toMs > fromMs) || kinds?.length === 0) return [];
  const where = [tagIn(EVENT.device, [device]), ...(kinds ? [tagIn(EVENT.kind, kinds)] : [])].join(' AND ');
  const select = `SELECT ${ident(EVENT.json)} FROM ${ident(EVENT.measurement)} WHERE ${where}`;
  const end = ident(EVENT.endMs);
  const results = await http.query([
    `${select} AND ${timeRange(fromMs, toMs)}`,
    `${select} AND time < ${ms(fromMs)} AND (${end} > ${fromMs} OR ${end} < 0)`,
  ]);
  const events = results.flatMap((r) =>
    rowsOf(r).map((row) => JSON.parse(String(row[EVENT.json])) as CrampWatchEvent),
  );
  return events.sort((a, b) => a.start - b.start || (a.kind < b.kind ? -1 : a.kind > b.kind ? 1 : 0));
}
