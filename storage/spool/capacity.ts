import type { Logger } from 'pino';
import type { StoreRecord } from '../store.ts';
import { SpoolFullError } from './errors.ts';

/** The spool's bound and what happens near it (see {@link admit}). */
export interface CapacityOptions {
  /** Bytes of unflushed records the spool holds before it starts dropping per-second records. */
  readonly maxBytes: number;
  /** Fraction of `maxBytes` at which the warning is raised (logged once, and a flag in stats). */
  readonly warnAtFraction: number;
  /** Extra room above `maxBytes`, as a fraction of it, kept for events and status only. */
  readonly reserveFraction: number;
}

/** One record ready to be appended, with its encoded line. */
export interface EncodedRecord {
  readonly record: StoreRecord;
  readonly line: string;
  readonly bytes: number;
}

/**
 * Records the timeline can do without when the disk is full: per-second signal summaries,
 * counters snapshots, and "last seen" status updates (the next one says the same). Events and
 * real status messages are what the nights and the devices are made of, so they are kept.
 */
export function isDroppable(record: StoreRecord): boolean {
  if (record.type === 'second' || record.type === 'counters') return true;
  return record.type === 'status' && record.status.seenOnly === true;
}

/**
 * The full-spool policy. Below `maxBytes` everything is taken. Above it, droppable records are
 * dropped (counted) so that the ingest keeps acknowledging and detection and live alerts go on;
 * events and status still go into a reserve of `reserveFraction × maxBytes`. Only when an
 * essential record does not fit in the reserve is the whole batch refused with
 * {@link SpoolFullError} (and nothing written, so the redelivered message is taken whole later).
 */
export function admit(
  batch: readonly EncodedRecord[],
  pendingBytes: number,
  options: CapacityOptions,
): { kept: EncodedRecord[]; dropped: number } {
  const hardLimit = options.maxBytes * (1 + options.reserveFraction);
  const kept: EncodedRecord[] = [];
  let dropped = 0;
  let bytes = pendingBytes;
  for (const item of batch) {
    if (bytes + item.bytes <= options.maxBytes) {
      kept.push(item);
      bytes += item.bytes;
    } else if (isDroppable(item.record)) {
      dropped++;
    } else if (bytes + item.bytes <= hardLimit) {
      kept.push(item);
      bytes += item.bytes;
    } else {
      throw new SpoolFullError(bytes + item.bytes, Math.floor(hardLimit));
    }
  }
  return { kept, dropped };
}

/** How far below the warning level the fill must fall before the warning clears (no flapping). */
const WARNING_HYSTERESIS = 0.05;

/**
 * Watches the fill level and says so in the log once per episode, not per record: the warning
 * when the spool passes `warnAtFraction`, the first drop and the first refusal of an episode, and
 * the all-clear (with what was dropped) when it is back below the warning level.
 */
export class CapacityMonitor {
  #warning = false;
  #dropping = false;
  #refusing = false;
  #droppedInEpisode = 0;
  droppedRecords = 0;

  constructor(
    private readonly options: CapacityOptions,
    private readonly log: Logger,
  ) {}

  get warning(): boolean {
    return this.#warning;
  }

  /** True from the first dropped record until the warning clears. */
  get dropping(): boolean {
    return this.#dropping;
  }

  fraction(pendingBytes: number): number {
    return pendingBytes / this.options.maxBytes;
  }

  /** Call after every change of the pending bytes. */
  update(pendingBytes: number): void {
    const fraction = this.fraction(pendingBytes);
    if (!this.#warning && fraction >= this.options.warnAtFraction) {
      this.#warning = true;
      this.log.warn(
        { pendingBytes, maxBytes: this.options.maxBytes, fraction: round(fraction) },
        `spool ${Math.round(fraction * 100)}% full: the store is not keeping up; when full, per-second signal records will be dropped`,
      );
    } else if (this.#warning && fraction < this.options.warnAtFraction - WARNING_HYSTERESIS) {
      this.log.info(
        { pendingBytes, fraction: round(fraction), droppedRecords: this.#droppedInEpisode },
        'spool back below its warning level',
      );
      this.#warning = false;
      this.#dropping = false;
      this.#refusing = false;
      this.#droppedInEpisode = 0;
    }
  }

  recordDropped(count: number, pendingBytes: number): void {
    if (count === 0) return;
    this.droppedRecords += count;
    this.#droppedInEpisode += count;
    if (this.#dropping) return;
    this.#dropping = true;
    this.log.error(
      { pendingBytes, maxBytes: this.options.maxBytes },
      'spool full: dropping per-second signal and counters records; events and status still kept',
    );
  }

  recordRefused(err: SpoolFullError): void {
    if (this.#refusing) return;
    this.#refusing = true;
    this.log.error({ err }, 'spool reserve exhausted: refusing records until the store takes the backlog');
  }
}

function round(x: number): number {
  return Math.round(x * 1000) / 1000;
}
