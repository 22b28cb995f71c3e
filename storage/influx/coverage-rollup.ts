import { Point } from '@influxdata/influxdb-client';
import type { DeviceId, EpochMs } from '../../protocol/index.ts';
import { type CoverageQuarter, QUARTER_MS, type StoreRecord } from '../store.ts';
import type { InfluxHttp } from './influx-http.ts';
import { ident, tagIn, timeRange } from './influxql.ts';
import { booleanOrNull, numberOrNull, rowsOf } from './query-result.ts';
import { COVERAGE, SIGNAL } from './schema.ts';

/**
 * The nights summary's coverage without counting millions of seconds per request: a rollup
 * measurement `coverage` (per device and quarter hour, the seconds with data).
 *
 * - A write that brings seconds into a quarter first stores a marker `stale=true` for it (in a
 *   request before the seconds'), and the quarter then joins the in-memory pending set.
 * - `flush()` (rate-limited by the store, always under its write lock) recounts every pending
 *   quarter from `signal` with grouped queries and overwrites its point with `seconds=N,
 *   stale=false`. Recounting, never adding, keeps replays exact.
 * - `coverage()` reads the rollup, and counts on the fly the quarters still stale or pending.
 *
 * A crash or restart loses the pending set but not the markers: a stale quarter is counted on the
 * fly whenever it is read, and then queued for the next flush. So no start-up scan is needed and
 * coverage is exact across restarts.
 */
export interface CoverageRollup {
  /** Marker lines for the quarters these records touch that are not yet pending. */
  markers(records: readonly StoreRecord[]): PendingMarkers;
  /** Recounts every pending quarter and stores the counts. */
  flush(): Promise<void>;
  /** Quarters waiting for a recount. */
  pendingCount(): number;
  coverage(device: DeviceId, fromMs: EpochMs, toMs: EpochMs): Promise<CoverageQuarter[]>;
}

/** Markers to store before the seconds; `commit()` once they are stored. */
export interface PendingMarkers {
  readonly lines: readonly string[];
  commit(): void;
}

/** Statements per `/query` request while flushing (keeps each request small). */
const STATEMENTS_PER_REQUEST = 50;

export function createCoverageRollup(http: InfluxHttp): CoverageRollup {
  const pending = new Map<DeviceId, Set<EpochMs>>();

  function addPending(device: DeviceId, quarter: EpochMs): void {
    let set = pending.get(device);
    if (!set) {
      set = new Set();
      pending.set(device, set);
    }
    set.add(quarter);
  }

  function removePending(device: DeviceId, quarter: EpochMs): void {
    const set = pending.get(device);
    set?.delete(quarter);
    if (set?.size === 0) pending.delete(device);
  }

  /** Counts the runs' quarters (one statement each, one request) and stores the counts. */
  async function recount(runs: readonly Run[]): Promise<void> {
    const results = await http.query(runs.map((run) => countStatement(run.devices, run.from, run.to)));
    const lines = runs.flatMap((run, i) => {
      const counts = countsByDeviceQuarter(rowsOf(results[i]));
      return run.devices.flatMap((device) =>
        quartersOf(run).map((q) =>
          coverageLine(device, q, { stale: false, seconds: counts.get(`${device}\n${q}`) ?? 0 }),
        ),
      );
    });
    await http.write(lines.join('\n'));
    for (const run of runs)
      for (const device of run.devices) for (const q of quartersOf(run)) removePending(device, q);
  }

  return {
    markers(records) {
      const fresh = new Map<string, { device: DeviceId; quarter: EpochMs }>();
      for (const r of records) {
        if (r.type !== 'second') continue;
        const device = r.second.device;
        const quarter = quarterOf(r.second.t);
        if (pending.get(device)?.has(quarter)) continue;
        fresh.set(`${device}\n${quarter}`, { device, quarter });
      }
      const entries = [...fresh.values()];
      return {
        lines: entries.map((e) => coverageLine(e.device, e.quarter, { stale: true })),
        commit: () => entries.forEach((e) => addPending(e.device, e.quarter)),
      };
    },

    async flush() {
      const runs = groupRuns(pending);
      for (let i = 0; i < runs.length; i += STATEMENTS_PER_REQUEST) {
        await recount(runs.slice(i, i + STATEMENTS_PER_REQUEST));
      }
    },

    pendingCount() {
      let n = 0;
      for (const set of pending.values()) n += set.size;
      return n;
    },

    async coverage(device, fromMs, toMs) {
      if (!(toMs > fromMs)) return [];
      const from = quarterOf(fromMs);
      const [stored] = await http.query([
        `SELECT ${ident(COVERAGE.seconds)}, ${ident(COVERAGE.stale)} FROM ${ident(COVERAGE.measurement)} ` +
          `WHERE ${tagIn(COVERAGE.device, [device])} AND ${timeRange(from, toMs)}`,
      ]);
      const seconds = new Map<EpochMs, number>();
      const stale = new Set<EpochMs>();
      for (const row of rowsOf(stored)) {
        const t = row.time as number;
        seconds.set(t, numberOrNull(row[COVERAGE.seconds]) ?? 0);
        if (booleanOrNull(row[COVERAGE.stale]) !== false) {
          stale.add(t);
          addPending(device, t); // a marker left by an earlier run: recount it at the next flush
        }
      }
      for (const q of pending.get(device) ?? []) if (q >= from && q < toMs) stale.add(q);
      if (stale.size > 0) {
        const runs = quarterRuns([...stale]);
        const results = await http.query(runs.map(([a, b]) => countStatement([device], a, b)));
        const counts = new Map<string, number>();
        for (const result of results)
          for (const [k, v] of countsByDeviceQuarter(rowsOf(result))) counts.set(k, v);
        for (const q of stale) seconds.set(q, counts.get(`${device}\n${q}`) ?? 0);
      }
      return [...seconds]
        .filter(([, n]) => n > 0)
        .sort(([a], [b]) => a - b)
        .map(([t, n]) => ({ t, seconds: n }));
    },
  };
}

/** Start of the quarter hour holding `t` (UTC, multiples of 15 min since the epoch). */
export function quarterOf(t: EpochMs): EpochMs {
  return Math.floor(t / QUARTER_MS) * QUARTER_MS;
}

/** Sorted quarters merged into contiguous runs `[from, to)`. */
export function quarterRuns(quarters: readonly EpochMs[]): Array<[EpochMs, EpochMs]> {
  const runs: Array<[EpochMs, EpochMs]> = [];
  for (const q of [...quarters].sort((a, b) => a - b)) {
    const last = runs.at(-1);
    if (last && last[1] === q) last[1] = q + QUARTER_MS;
    else runs.push([q, q + QUARTER_MS]);
  }
  return runs;
}

/** Contiguous pending quarters [from, to) shared by some devices. */
interface Run {
  readonly from: EpochMs;
  readonly to: EpochMs;
  readonly devices: DeviceId[];
}

/** One recount per distinct run, shared by every device with that run: live, all devices share one. */
function groupRuns(pending: ReadonlyMap<DeviceId, ReadonlySet<EpochMs>>): Run[] {
  const byRun = new Map<string, Run>();
  for (const [device, quarters] of pending) {
    for (const [from, to] of quarterRuns([...quarters])) {
      const key = `${from}-${to}`;
      const entry = byRun.get(key) ?? { from, to, devices: [] };
      entry.devices.push(device);
      byRun.set(key, entry);
    }
  }
  return [...byRun.values()];
}

function quartersOf(run: Run): EpochMs[] {
  const quarters: EpochMs[] = [];
  for (let q = run.from; q < run.to; q += QUARTER_MS) quarters.push(q);
  return quarters;
}

function countStatement(devices: readonly DeviceId[], fromMs: EpochMs, toMs: EpochMs): string {
  return (
    `SELECT count(${ident(SIGNAL.leadOff)}) AS n FROM ${ident(SIGNAL.measurement)} ` +
    `WHERE ${tagIn(SIGNAL.device, devices)} AND ${timeRange(fromMs, toMs)} ` +
    `GROUP BY time(${QUARTER_MS}ms), ${ident(SIGNAL.device)} fill(none)`
  );
}

function countsByDeviceQuarter(rows: ReturnType<typeof rowsOf>): Map<string, number> {
  const counts = new Map<string, number>();
  for (const row of rows) counts.set(`${row.tags[SIGNAL.device]}\n${row.time}`, numberOrNull(row.n) ?? 0);
  return counts;
}

function coverageLine(device: DeviceId, quarter: EpochMs, v: { stale: boolean; seconds?: number }): string {
  const p = new Point(COVERAGE.measurement)
    .tag(COVERAGE.device, device)
    .booleanField(COVERAGE.stale, v.stale)
    .timestamp(quarter);
  if (v.seconds !== undefined) p.floatField(COVERAGE.seconds, v.seconds);
  return p.toLineProtocol()!;
}
