import type { Logger } from 'pino';
import type { EpochMs } from '../../protocol/index.ts';
import type { StoreRecord } from '../store.ts';

/** The data time of a record (not when it was written): what a replay's span is made of. */
export function recordTimeMs(record: StoreRecord): EpochMs {
  switch (record.type) {
    case 'event':
      return record.event.start;
    case 'second':
      return record.second.t;
    case 'status':
      return record.status.t;
    case 'counters':
      return record.counters.t;
  }
}

interface Replay {
  readonly backlog: number;
  readonly startedAt: EpochMs;
  written: number;
  fromMs: EpochMs;
  toMs: EpochMs;
}

/**
 * Whether the store takes writes, told to the log once per outage rather than once per retry:
 * the first failure (with the store's message) or the first write that hangs, then the
 * recovery, then the end of the replay of what was spooled meanwhile (how many records, and
 * the span of data time they cover).
 */
export class StoreHealth {
  healthy = true;
  lastError: string | null = null;
  lastFlushAt: EpochMs | null = null;
  failedWrites = 0;
  #outageStartedAt: EpochMs | null = null;
  #replay: Replay | null = null;

  constructor(
    private readonly log: Logger,
    private readonly storeKind: string,
    private readonly now: () => EpochMs,
  ) {}

  failed(err: unknown, pendingRecords: number): void {
    this.failedWrites++;
    this.lastError = err instanceof Error ? err.message : String(err);
    this.#replay = null;
    if (this.#enterOutage()) {
      this.log.error(
        { err, store: this.storeKind, pendingRecords },
        `${this.storeKind} store write failed; records stay in the spool and are retried`,
      );
    } else {
      this.log.debug({ error: this.lastError, failedWrites: this.failedWrites }, 'store write failed again');
    }
  }

  /** A write that has not answered in `waitedMs`: an outage too, though it may still succeed. */
  slow(waitedMs: number, pendingRecords: number): void {
    if (!this.#enterOutage()) return;
    this.lastError = `${this.storeKind} store has not answered a write in ${waitedMs} ms`;
    this.log.warn(
      { store: this.storeKind, pendingRecords },
      `${this.lastError}; records keep going to the spool`,
    );
  }

  succeeded(records: readonly StoreRecord[], pendingAfter: number): void {
    const now = this.now();
    this.lastFlushAt = now;
    if (this.#outageStartedAt !== null) {
      this.log.info(
        {
          store: this.storeKind,
          outageMs: now - this.#outageStartedAt,
          backlog: records.length + pendingAfter,
        },
        `${this.storeKind} store is back; replaying the spool`,
      );
      this.#outageStartedAt = null;
      this.healthy = true;
      this.#replay = {
        backlog: records.length + pendingAfter,
        startedAt: now,
        written: 0,
        fromMs: Number.POSITIVE_INFINITY,
        toMs: Number.NEGATIVE_INFINITY,
      };
    }
    const replay = this.#replay;
    if (replay === null) return;
    replay.written += records.length;
    for (const record of records) {
      const t = recordTimeMs(record);
      if (t < replay.fromMs) replay.fromMs = t;
      if (t > replay.toMs) replay.toMs = t;
    }
    if (pendingAfter > 0 && replay.written < replay.backlog) return;
    this.#replay = null;
    this.log.info(
      {
        store: this.storeKind,
        replayedRecords: replay.written,
        from: isoOrNull(replay.fromMs),
        to: isoOrNull(replay.toMs),
        tookMs: now - replay.startedAt,
      },
      `spool replayed: ${replay.written} records`,
    );
  }

  /** True when this starts an outage (the moment to log it). */
  #enterOutage(): boolean {
    this.healthy = false;
    if (this.#outageStartedAt !== null) return false;
    this.#outageStartedAt = this.now();
    return true;
  }
}

function isoOrNull(ms: number): string | null {
  return Number.isFinite(ms) ? new Date(ms).toISOString() : null;
}
