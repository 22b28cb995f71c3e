import type { EpochMs } from '../protocol/index.ts';
import { createBackoff, openSpool, realTimers, type SpoolOptions, type Timers } from './spool/index.ts';
import { StoreHealth } from './spool/store-health.ts';
import type { Store, StoreRecord } from './store.ts';

/** The spool's own options (its directory, bound, warning, reserve, segments, fsync), and the loop's. */
export interface DurableWriterOptions extends SpoolOptions {
  readonly store: Store;
  /** Batches go to the store at most this often (default 1000) unless a full batch waits. */
  readonly flushEveryMs?: number;
  /** Records per store write, default 5000; and about this many bytes at most, default 4 MiB. */
  readonly batchMax?: number;
  readonly batchMaxBytes?: number;
  /** Retry delays after a failed write: from `retryInitialMs` (500) doubling to `retryMaxMs` (30 000). */
  readonly retryInitialMs?: number;
  readonly retryMaxMs?: number;
  /** A write unanswered this long (default 10 000 ms) counts as an outage, though still awaited. */
  readonly slowWriteMs?: number;
  /** How long `close` tries to drain the spool (default 3000 ms). */
  readonly closeDeadlineMs?: number;
  readonly random?: () => number;
  readonly timers?: Timers;
}

/** For `/health` and `/metrics`. */
export interface DurableWriterStats {
  readonly pendingRecords: number;
  readonly spoolBytes: number;
  readonly maxBytes: number;
  readonly fraction: number;
  readonly warning: boolean;
  readonly droppedRecords: number;
  readonly corruptRecords: number;
  /** The most recent failure's message, kept after recovery (`storeHealthy` says if it is over). */
  readonly lastError: string | null;
  readonly storeHealthy: boolean;
  readonly failedWrites: number;
  /** When the store last took a batch (`now()`); null before the first. */
  readonly lastFlushAt: EpochMs | null;
}

/**
 * What the pipeline writes to: `append` is durable when it returns (the records are in the
 * spool), so the ingest may acknowledge the message that produced them; a loop writes the spool
 * to the store in order, in batches, retrying with backoff while the store is down or slow.
 */
export interface DurableWriter {
  /** Throws `SpoolFullError` when even the reserve is full: then do not acknowledge. */
  append(records: readonly StoreRecord[]): void;
  stats(): DurableWriterStats;
  /** Writes everything spooled now; rejects with the store's error if a write fails. */
  flush(): Promise<void>;
  /** Stops the loop and tries a last drain within `closeDeadlineMs`; never hangs. */
  close(): Promise<void>;
}

/**
 * Opens (and recovers) the spool in `dir` and starts its flush loop. There is only ever one store
 * write in flight, and a batch is committed only after the store took it, so records reach the
 * store in spool order, at least once; a write that hangs is waited for rather than overtaken, as a
 * late-landing older batch could otherwise undo a newer update of the same event.
 */
export async function createDurableWriter(options: DurableWriterOptions): Promise<DurableWriter> {
  const { store, log } = options;
  const now = options.now ?? Date.now;
  const timers = options.timers ?? realTimers;
  const flushEveryMs = options.flushEveryMs ?? 1000;
  const batchMax = options.batchMax ?? 5000;
  const batchMaxBytes = options.batchMaxBytes ?? 4 << 20;
  const slowWriteMs = options.slowWriteMs ?? 10_000;
  const spool = openSpool({ ...options, now });
  const health = new StoreHealth(log, store.kind, now);
  const backoff = createBackoff({
    initialMs: options.retryInitialMs ?? 500,
    maxMs: options.retryMaxMs ?? 30_000,
    random: options.random ?? Math.random,
  });

  let closed = false;
  let spoolClosed = false;
  let closing: Promise<void> | undefined;
  let timer: { handle: unknown; kind: 'tick' | 'retry' | 'now' } | null = null;
  let chain: Promise<unknown> = Promise.resolve();

  /** Runs store work one at a time, in call order. */
  const exclusive = <T>(fn: () => Promise<T>): Promise<T> => {
    const run = chain.then(fn);
    chain = run.catch(() => undefined);
    return run;
  };

  const schedule = (ms: number, kind: 'tick' | 'retry' | 'now') => {
    if (closed) return;
    if (timer !== null) timers.clearTimeout(timer.handle);
    timer = {
      kind,
      handle: timers.setTimeout(() => {
        exclusive(pump).catch((err: unknown) => log.error({ err }, 'spool flush loop failed'));
      }, ms),
    };
  };

  /** One batch: peek, write, commit. Throws what the store threw. */
  const round = async (): Promise<void> => {
    const batch = spool.peek(batchMax, batchMaxBytes);
    if (batch.records.length > 0) {
      const slow = timers.setTimeout(() => health.slow(slowWriteMs, spool.pendingRecords), slowWriteMs);
      try {
        await store.write(batch.records);
      } finally {
        timers.clearTimeout(slow);
      }
    }
    // A write that outlived close(): its records stay spooled and are written again next start.
    if (spoolClosed) return;
    spool.commit(batch.token);
    if (batch.records.length > 0) health.succeeded(batch.records, spool.pendingRecords);
    if (backoff.failures > 0) backoff.reset();
  };

  const failed = (err: unknown) => health.failed(err, spool.pendingRecords);

  /** The loop's step: drain while full batches wait, then wait for the next tick (or retry). */
  async function pump(): Promise<void> {
    timer = null;
    try {
      do await round();
      while (!closed && spool.pendingRecords >= batchMax);
      schedule(flushEveryMs, 'tick');
    } catch (err) {
      failed(err);
      schedule(backoff.next(), 'retry');
    }
  }

  schedule(spool.pendingRecords > 0 ? 0 : flushEveryMs, spool.pendingRecords > 0 ? 'now' : 'tick');

  return {
    append(records) {
      if (closed) throw new Error('durable writer is closed');
      spool.append(records);
      // A full batch waiting need not wait for the tick, unless the store is being retried.
      if (timer?.kind === 'tick' && spool.pendingRecords >= batchMax) schedule(0, 'now');
    },
    stats() {
      const s = spool.stats();
      return {
        pendingRecords: s.pendingRecords,
        spoolBytes: s.pendingBytes,
        maxBytes: s.maxBytes,
        fraction: s.fraction,
        warning: s.warning,
        droppedRecords: s.droppedRecords,
        corruptRecords: s.corruptRecords,
        lastError: health.lastError,
        storeHealthy: health.healthy,
        failedWrites: health.failedWrites,
        lastFlushAt: health.lastFlushAt,
      };
    },
    flush() {
      if (closed) return Promise.reject(new Error('durable writer is closed'));
      return exclusive(async () => {
        const wasRetrying = timer?.kind === 'retry';
        try {
          while (spool.pendingRecords > 0) await round();
        } catch (err) {
          failed(err);
          throw err;
        }
        if (wasRetrying) schedule(flushEveryMs, 'tick');
      });
    },
    close() {
      closing ??= closeWriter();
      return closing;
    },
  };

  async function closeWriter(): Promise<void> {
    closed = true;
    if (timer !== null) timers.clearTimeout(timer.handle);
    timer = null;
    const drain = exclusive(async () => {
      while (!spoolClosed && spool.pendingRecords > 0) await round();
    });
    const outcome = await withDeadline(drain, options.closeDeadlineMs ?? 3000);
    if (outcome !== 'done' || spool.pendingRecords > 0) {
      log.warn(
        { pendingRecords: spool.pendingRecords, reason: outcome },
        'closing with records still spooled; they are written to the store at the next start',
      );
    }
    spoolClosed = true;
    spool.close();
  }
}

/** Waits for `work` at most `ms`: 'done', 'timeout', or the failure's message. */
async function withDeadline(work: Promise<unknown>, ms: number): Promise<string> {
  let deadline: NodeJS.Timeout | undefined;
  const expired = new Promise<string>((resolve) => {
    deadline = setTimeout(() => resolve('timeout'), ms);
  });
  try {
    return await Promise.race([
      work.then(
        () => 'done',
        (err: unknown) => (err instanceof Error ? err.message : String(err)),
      ),
      expired,
    ]);
  } finally {
    clearTimeout(deadline);
  }
}
