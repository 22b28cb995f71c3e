import type { DeviceId, EpochMs } from '../../protocol/index.ts';
import type { TimelineBucket } from '../store.ts';
import type { InfluxHttp } from './influx-http.ts';
import { ident, tagIn, timeRange } from './influxql.ts';
import { numberOrNull, rowsOf } from './query-result.ts';
import { SIGNAL } from './schema.ts';

/**
 * The aggregates of a bucket, in two groups sent as two concurrent requests: InfluxDB 1.x runs one
 * statement's calls one after the other (each call reads its column again, about 10 ms per call
 * for a night), while separate requests run on separate cores.
 */
const CALLS: readonly (readonly [alias: string, call: string, field: string])[][] = [
  [
    ['seconds', 'count', SIGNAL.leadOff],
    ['lead_off', 'sum', SIGNAL.leadOff],
    ['pf', 'sum', SIGNAL.plantarFlexed],
    ['mov_min', 'min', SIGNAL.movementMg],
    ['mov_max', 'max', SIGNAL.movementMg],
  ],
  [
    ['env_min', 'min', SIGNAL.envUv],
    ['env_max', 'max', SIGNAL.envMaxUv],
    ['env_mean', 'mean', SIGNAL.envUv],
    ['flex_min', 'min', SIGNAL.flexionDeg],
    ['flex_max', 'max', SIGNAL.flexionDeg],
    ['flex_mean', 'mean', SIGNAL.flexionDeg],
  ],
];

/**
 * The timeline, aggregated by InfluxDB: `GROUP BY time(<width>, <offset>)` with the offset
 * putting a bucket boundary at `fromMs`, and `fill(none)` so that a bucket without data is absent
 * rather than zero. The envelope's max is the max of the per-second peaks (`env_max_uv`), so a
 * one-second burst survives any downsampling; min and mean are of the per-second means. The
 * width is the smallest whole number of seconds giving at most `points` buckets.
 */
export async function readTimeline(
  http: InfluxHttp,
  device: DeviceId,
  fromMs: EpochMs,
  toMs: EpochMs,
  points: number,
): Promise<TimelineBucket[]> {
  const widthMs = bucketWidthMs(fromMs, toMs, points);
  if (!(toMs > fromMs)) return [];
  const offsetMs = ((fromMs % widthMs) + widthMs) % widthMs;
  const rest =
    ` FROM ${ident(SIGNAL.measurement)} WHERE ${tagIn(SIGNAL.device, [device])} AND ${timeRange(fromMs, toMs)}` +
    ` GROUP BY time(${widthMs}ms, ${offsetMs}ms) fill(none)`;
  const [counts, levels] = await Promise.all(
    CALLS.map(async (calls) => {
      const select = calls.map(([alias, call, field]) => `${call}(${ident(field)}) AS ${alias}`).join(', ');
      const [result] = await http.query([`SELECT ${select}${rest}`]);
      return rowsOf(result);
    }),
  );
  const levelsAt = new Map((levels ?? []).map((row) => [row.time, row]));
  return (counts ?? [])
    .filter((row) => (numberOrNull(row.seconds) ?? 0) > 0)
    .map((row) => toBucket({ ...levelsAt.get(row.time), ...row }));
}

/** Whole seconds, at least 1, and `width × points ≥ to − from`: never more than `points` buckets. */
export function bucketWidthMs(fromMs: EpochMs, toMs: EpochMs, points: number): number {
  if (!Number.isInteger(points) || points < 1) {
    throw new RangeError(`timeline points must be a positive whole number, not ${String(points)}`);
  }
  return Math.max(1, Math.ceil((toMs - fromMs) / points / 1000)) * 1000;
}

function toBucket(row: Readonly<Record<string, unknown>>): TimelineBucket {
  const n = (key: string) => numberOrNull(row[key]) ?? 0;
  const flexMin = numberOrNull(row.flex_min);
  return {
    t: row.time as number,
    seconds: n('seconds'),
    envUv: { min: n('env_min'), max: n('env_max'), mean: n('env_mean') },
    movementMg: { min: n('mov_min'), max: n('mov_max') },
    flexionDeg: flexMin === null ? null : { min: flexMin, max: n('flex_max'), mean: n('flex_mean') },
    leadOffSeconds: n('lead_off'),
    plantarFlexedSeconds: n('pf'),
  };
}
