import type { CrampWatchEvent, DeviceId } from '../../protocol/index.ts';
import type { StoreRecord } from '../store.ts';
import type { InfluxHttp } from './influx-http.ts';
import { ident, tagIn, timeRange } from './influxql.ts';
import { rowsOf } from './query-result.ts';
import { EVENT } from './schema.ts';

/**
 * The records without the open phases (`end` null) of events that have already ended, stored or
 * earlier in the batch. InfluxDB overwrites a point of the same series and time, so without this a
 * replayed night, or an old batch written after a newer one, would reopen an ended event. Only
 * batches with open phases ask InfluxDB: one statement per device over its open phases' starts.
 */
export async function withoutReopening(
  http: InfluxHttp,
  records: readonly StoreRecord[],
): Promise<StoreRecord[]> {
  const open = records.flatMap((r) => (r.type === 'event' && r.event.end === null ? [r.event] : []));
  if (open.length === 0) return [...records];
  const ended = await storedEnded(http, open);
  return records.filter((r) => {
    if (r.type !== 'event') return true;
    const key = eventKey(r.event);
    if (r.event.end !== null) ended.add(key);
    return r.event.end !== null || !ended.has(key);
  });
}

/** Identity of an event's point: device, kind and start (what its id is made of). */
function eventKey(e: Pick<CrampWatchEvent, 'device' | 'kind' | 'start'>): string {
  return `${e.device}\n${e.kind}\n${e.start}`;
}

async function storedEnded(http: InfluxHttp, open: readonly CrampWatchEvent[]): Promise<Set<string>> {
  const spans = new Map<DeviceId, { from: number; to: number }>();
  for (const e of open) {
    const span = spans.get(e.device);
    spans.set(e.device, {
      from: Math.min(span?.from ?? e.start, e.start),
      to: Math.max(span?.to ?? e.start, e.start),
    });
  }
  const devices = [...spans.keys()];
  const results = await http.query(
    devices.map((device) => {
      const { from, to } = spans.get(device)!;
      return (
        `SELECT ${ident(EVENT.endMs)} FROM ${ident(EVENT.measurement)} ` +
        `WHERE ${tagIn(EVENT.device, [device])} AND ${timeRange(from, to + 1)} AND ${ident(EVENT.endMs)} >= 0 ` +
        `GROUP BY ${ident(EVENT.kind)}`
      );
    }),
  );
  const ended = new Set<string>();
  devices.forEach((device, i) => {
    for (const row of rowsOf(results[i])) {
      ended.add(eventKey({ device, kind: row.tags[EVENT.kind] ?? '', start: row.time as number }));
    }
  });
  return ended;
}
