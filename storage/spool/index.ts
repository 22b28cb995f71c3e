/**
 * The on-disk spool between the pipeline and the store (issue 4): every record goes through it,
 * so the path that keeps data safe while InfluxDB is down is the path taken every second.
 */
export { type Backoff, createBackoff } from './backoff.ts';
export { isDroppable } from './capacity.ts';
export type { SpoolPosition } from './cursor-file.ts';
export { SpoolClosedError, SpoolFullError } from './errors.ts';
export { openSpool } from './file-spool.ts';
export type { Spool, SpoolBatch, SpoolOptions, SpoolStats, SpoolToken } from './spool.ts';
export { realTimers, type Timers } from './timers.ts';
