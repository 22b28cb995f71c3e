import { closeSync, fdatasyncSync, ftruncateSync, openSync, writeSync } from 'node:fs';
import type { Logger } from 'pino';
import type { SegmentState } from './recover.ts';
import { fsyncDir, segmentPath } from './segment-files.ts';

export interface SegmentWriterOptions {
  readonly dir: string;
  /** A new segment is started when the head would grow past this (a bigger batch gets one alone). */
  readonly segmentBytes: number;
  /** See {@link SpoolOptions.fsyncEveryMs}. */
  readonly fsyncEveryMs: number | undefined;
  readonly now: () => number;
  readonly log: Logger;
}

/**
 * Appends to the head segment with synchronous writes, so that when `write` returns the bytes are
 * in the kernel: a `kill -9` of the process cannot lose them, only a power loss can, and the
 * `fsyncEveryMs` option bounds that. A failed write (a full disk) is undone by truncating back to
 * the last whole line, so the next append never joins a half-written one.
 */
export class SegmentWriter {
  #head: { readonly segment: SegmentState; readonly fd: number } | null = null;
  #nextSeq: number;
  #lastSyncAt = Number.NEGATIVE_INFINITY;
  #syncTimer: NodeJS.Timeout | null = null;

  constructor(
    private readonly options: SegmentWriterOptions,
    /** The spool's segment list, shared: a new head is pushed onto it. */
    private readonly segments: SegmentState[],
    nextSeq: number,
  ) {
    this.#nextSeq = nextSeq;
  }

  write(data: Buffer): void {
    const head = this.#headFor(data.length);
    let done = 0;
    try {
      while (done < data.length) done += writeSync(head.fd, data, done, data.length - done);
    } catch (err) {
      try {
        ftruncateSync(head.fd, head.segment.size);
      } catch {
        // Could not undo: leave this segment for good; readers stop at its known size, and the
        // next open skips the torn bytes with a warning.
        this.#retireHead();
      }
      throw err;
    }
    head.segment.size += data.length;
    this.#syncAsConfigured();
  }

  close(): void {
    if (this.#syncTimer !== null) clearTimeout(this.#syncTimer);
    this.#syncTimer = null;
    this.#retireHead();
  }

  #headFor(bytes: number): { readonly segment: SegmentState; readonly fd: number } {
    const head = this.#head;
    if (
      head !== null &&
      (head.segment.size === 0 || head.segment.size + bytes <= this.options.segmentBytes)
    ) {
      return head;
    }
    this.#retireHead();
    const segment: SegmentState = { seq: this.#nextSeq++, size: 0 };
    // 'ax': append-only, and never reuse a file that already exists.
    const fd = openSync(segmentPath(this.options.dir, segment.seq), 'ax');
    if (this.options.fsyncEveryMs !== undefined) fsyncDir(this.options.dir);
    this.segments.push(segment);
    this.#head = { segment, fd };
    return this.#head;
  }

  #retireHead(): void {
    const head = this.#head;
    if (head === null) return;
    this.#head = null;
    try {
      if (this.options.fsyncEveryMs !== undefined) fdatasyncSync(head.fd);
    } finally {
      closeSync(head.fd);
    }
  }

  /** fsync now when the last one is `fsyncEveryMs` old, else once that much time has passed. */
  #syncAsConfigured(): void {
    const every = this.options.fsyncEveryMs;
    if (every === undefined || this.#head === null) return;
    const waitMs = this.#lastSyncAt + every - this.options.now();
    if (waitMs <= 0) {
      this.#syncNow();
    } else if (this.#syncTimer === null) {
      this.#syncTimer = setTimeout(() => {
        this.#syncTimer = null;
        try {
          this.#syncNow();
        } catch (err) {
          this.options.log.error({ err }, 'spool: fsync failed');
        }
      }, waitMs);
      this.#syncTimer.unref();
    }
  }

  #syncNow(): void {
    if (this.#head === null) return;
    fdatasyncSync(this.#head.fd);
    this.#lastSyncAt = this.options.now();
  }
}
