import type { Logger } from 'pino';
import type { Store, StoreRecord } from '../store.ts';
import { createCoverageRollup } from './coverage-rollup.ts';
import { withoutReopening } from './ended-events.ts';
import { InfluxError } from './influx-error.ts';
import { createInfluxHttp, type InfluxHttp } from './influx-http.ts';
import { ident } from './influxql.ts';
import { readCounters } from './read-counters.ts';
import { readDevices } from './read-devices.ts';
import { readEvents } from './read-events.ts';
import { readTimeline } from './read-timeline.ts';
import { recordLine, settingsLine } from './record-lines.ts';
import { createStatusOrder } from './status-order.ts';

export interface InfluxStoreOptions {
  /** InfluxDB's base URL, e.g. `http://127.0.0.1:8086`. */
  readonly url: string;
  /** Database (2.x/3.x: the bucket mapped to it). Default `crampwatch`. */
  readonly db?: string;
  /** 2.x/3.x token. */
  readonly token?: string;
  /** 1.x user and password (when `auth-enabled`). */
  readonly username?: string;
  readonly password?: string;
  readonly log?: Logger;
  /** Per HTTP request. Default 10 s. */
  readonly timeoutMs?: number;
  /** Lines per write request. Default 5000 (InfluxDB's advice for batch size). */
  readonly linesPerRequest?: number;
  /**
   * Least time between coverage recounts, ms. Default 60 s: a recount of the live quarter reads
   * every band's seconds in it, while `coverage()` counts the few quarters still pending of one
   * band on the fly, exactly, at little cost.
   */
  readonly coverageFlushMs?: number;
  /** The clock: times settings updates and paces coverage recounts. Default `Date.now`. */
  readonly now?: () => number;
}

const DEFAULT_DB = 'crampwatch';

/**
 * The store on InfluxDB over its v1 HTTP API (1.x natively; 2.x and 3.x through their
 * v1-compatible endpoints). Creates the database where it may. Writes go out in chunks, one
 * request at a time and under one lock with the coverage recount, which must not interleave with
 * seconds being written; reads run freely. No timers: the recount is paced by the writes
 * themselves, and `close()` does the last one. Schema: `docs/storage.md`.
 */
export async function createInfluxStore(options: InfluxStoreOptions): Promise<Store> {
  const db = options.db ?? DEFAULT_DB;
  const http = createInfluxHttp({ ...options, db });
  const log = options.log;
  const now = options.now ?? Date.now;
  const linesPerRequest = options.linesPerRequest ?? 5000;
  const coverageFlushMs = options.coverageFlushMs ?? 60_000;
  const rollup = createCoverageRollup(http);
  const statusOrder = createStatusOrder(http);
  // InfluxDB down at start is an outage like any other: the service starts, spools, and the
  // database is created before the first write that gets through.
  let databaseReady = await createDatabase(http, log).then(
    () => true,
    (err: unknown) => {
      if (!(err instanceof InfluxError) || (err.code !== 'unreachable' && err.code !== 'timeout')) throw err;
      log?.warn({ err: err.message }, 'InfluxDB is not reachable yet; records wait in the spool');
      return false;
    },
  );
  log?.info({ url: http.url, db }, 'influxdb store ready');

  let queue: Promise<unknown> = Promise.resolve();
  /** Runs `job` after every earlier one has settled: writes and recounts never interleave. */
  function serial<T>(job: () => Promise<T>): Promise<T> {
    const run = queue.then(job, job);
    queue = run.catch(() => {});
    return run;
  }
  let closed = false;
  let lastFlush = Number.NEGATIVE_INFINITY;
  let lastSettingsT = Number.NEGATIVE_INFINITY;

  function open(): void {
    if (closed) throw new Error(`influxdb store (${http.url}, "${db}") is closed`);
  }

  async function flushCoverage(): Promise<void> {
    if (rollup.pendingCount() === 0) return;
    lastFlush = now();
    try {
      await rollup.flush();
    } catch (err) {
      // Not the writer's failure: the seconds are stored; the quarters stay stale and are
      // counted on the fly until a later recount succeeds.
      log?.warn({ err }, 'coverage recount failed; will retry');
    }
  }

  /** Line protocol in requests of at most `linesPerRequest` lines, one after the other. */
  async function send(lines: readonly string[]): Promise<void> {
    for (let i = 0; i < lines.length; i += linesPerRequest) {
      await http.write(lines.slice(i, i + linesPerRequest).join('\n'));
    }
  }

  return {
    kind: 'influxdb',
    async write(records: readonly StoreRecord[]) {
      open();
      if (records.length === 0) return;
      await serial(async () => {
        if (!databaseReady) {
          await createDatabase(http, log);
          databaseReady = true;
        }
        const statuses = await statusOrder.order(await withoutReopening(http, records));
        const markers = rollup.markers(statuses.records);
        // Markers first, in requests of their own: only once they are stored may later writes
        // skip marking those quarters (a crash in between leaves them stale, never wrong).
        await send(markers.lines);
        markers.commit();
        await send(statuses.records.map(recordLine));
        statuses.commit();
        if (now() - lastFlush >= coverageFlushMs) await flushCoverage();
      });
    },
    async devices() {
      open();
      return readDevices(http);
    },
    async device(id) {
      open();
      const [device] = await readDevices(http, id);
      return device;
    },
    async updateDevice(id, settings) {
      open();
      // Never earlier than the previous update, so a clock step back cannot undo a setting.
      lastSettingsT = Math.max(now(), lastSettingsT);
      await http.write(settingsLine(id, settings, lastSettingsT));
      const [device] = await readDevices(http, id);
      if (!device) throw new Error(`InfluxDB at ${http.url}: device ${id} not found right after its update`);
      return device;
    },
    async events(device, fromMs, toMs, kinds) {
      open();
      return readEvents(http, device, fromMs, toMs, kinds);
    },
    async timeline(device, fromMs, toMs, points) {
      open();
      return readTimeline(http, device, fromMs, toMs, points);
    },
    async coverage(device, fromMs, toMs) {
      open();
      return rollup.coverage(device, fromMs, toMs);
    },
    async counters(device, fromMs, toMs) {
      open();
      return readCounters(http, device, fromMs, toMs);
    },
    async close() {
      if (closed) return;
      closed = true;
      await serial(flushCoverage);
    },
  };
}

/**
 * `CREATE DATABASE` (a no-op when it exists). A 2.x/3.x token may not create databases (401/403,
 * or the statement refused): then the bucket must exist already, and a write names it if not.
 */
async function createDatabase(http: InfluxHttp, log: Logger | undefined): Promise<void> {
  try {
    await http.query([`CREATE DATABASE ${ident(http.db)}`]);
  } catch (err) {
    const refused =
      err instanceof InfluxError &&
      (err.code === 'statement' || (err.code === 'http' && (err.status === 401 || err.status === 403)));
    if (!refused) throw err;
    log?.warn({ err: err.message, db: http.db }, 'cannot create the database; assuming it exists');
  }
}
