import type { Logger } from 'pino';
import type { StoreRecord } from '../store.ts';
import type { SpoolPosition } from './cursor-file.ts';

export interface SpoolOptions {
  /** The spool's own directory (created if missing); nothing else may write there. */
  readonly dir: string;
  readonly log: Logger;
  /** Bytes of unflushed records before per-second records are dropped; default 1 GiB. */
  readonly maxBytes?: number;
  /** Fill fraction that raises the warning; default 0.8. */
  readonly warnAtFraction?: number;
  /** Room above `maxBytes` for events and status only, as a fraction of it; default 0.05. */
  readonly reserveFraction?: number;
  /** Segment file size; default 8 MiB. Disk use is the pending bytes plus at most one segment. */
  readonly segmentBytes?: number;
  /**
   * Power-loss durability. Without it (the default) an appended record survives the process
   * being killed, since it is in the kernel's page cache, but not the machine losing power.
   * `0` fsyncs every append (0.07–3 ms each on the development VM: `bench/spool-bench.ts`);
   * `n` fsyncs at most every n ms, so a power loss costs at most the last n ms of records.
   */
  readonly fsyncEveryMs?: number;
  readonly now?: () => number;
}

/** Where a {@link Spool.peek} started and ended; hand it back to {@link Spool.commit}. */
export interface SpoolToken {
  readonly from: SpoolPosition;
  readonly to: SpoolPosition;
  readonly lines: number;
  readonly bytes: number;
}

export interface SpoolBatch {
  readonly records: readonly StoreRecord[];
  readonly token: SpoolToken;
}

export interface SpoolStats {
  /** Records appended and not yet committed (corrupt lines awaiting their skip included). */
  readonly pendingRecords: number;
  readonly pendingBytes: number;
  readonly maxBytes: number;
  /** pendingBytes / maxBytes; above 1 while the reserve is in use. */
  readonly fraction: number;
  /** The fill passed `warnAtFraction` and has not yet fallen clearly below it. */
  readonly warning: boolean;
  /** Droppable records are being dropped (the spool was full in this episode). */
  readonly dropping: boolean;
  readonly droppedRecords: number;
  readonly corruptRecords: number;
  readonly segments: number;
}

/**
 * A segmented, append-only queue of store records on disk, in a directory: JSON lines in
 * `seg-<n>.jsonl` files and a cursor (`cursor.json`) at the first record not yet in the store.
 * `append` is synchronous and durable on return (see {@link SpoolOptions.fsyncEveryMs});
 * `peek` reads the oldest records without removing them; `commit` moves the cursor past them
 * and deletes segments left wholly behind. A crash replays from the cursor: at least once.
 */
export interface Spool {
  /** Appends in order; returns how many were kept (some may be dropped when full). */
  append(records: readonly StoreRecord[]): number;
  peek(maxRecords: number, maxBytes?: number): SpoolBatch;
  commit(token: SpoolToken): void;
  readonly pendingRecords: number;
  stats(): SpoolStats;
  close(): void;
}
