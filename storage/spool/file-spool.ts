import { rmSync } from 'node:fs';
import type { Logger } from 'pino';
import type { StoreRecord } from '../store.ts';
import { readBatch } from './batch-reader.ts';
import { admit, CapacityMonitor, type CapacityOptions, type EncodedRecord } from './capacity.ts';
import { type SpoolPosition, writeCursor } from './cursor-file.ts';
import { SpoolClosedError, SpoolFullError } from './errors.ts';
import { encodeRecord } from './record-codec.ts';
import { recoverSpool, type SegmentState } from './recover.ts';
import { fsyncDir, segmentName, segmentPath } from './segment-files.ts';
import { SegmentWriter } from './segment-writer.ts';
import type { Spool, SpoolBatch, SpoolOptions, SpoolStats, SpoolToken } from './spool.ts';

const DEFAULT_PEEK_BYTES = 4 << 20;

/** Opens the spool in `options.dir`, recovering whatever a crash left there (see `recoverSpool`). */
export function openSpool(options: SpoolOptions): Spool {
  return new FileSpool(options);
}

class FileSpool implements Spool {
  readonly #dir: string;
  readonly #log: Logger;
  readonly #fsync: boolean;
  readonly #capacity: CapacityOptions;
  readonly #monitor: CapacityMonitor;
  readonly #segments: SegmentState[];
  readonly #writer: SegmentWriter;
  #cursor: SpoolPosition;
  #pendingBytes: number;
  #pendingLines: number;
  #corrupt = 0;
  /** Corrupt lines before this were already reported: a retried peek does not warn again. */
  #reportedUpTo: SpoolPosition = { seq: -1, offset: 0 };
  #closed = false;

  constructor(options: SpoolOptions) {
    this.#dir = options.dir;
    this.#log = options.log;
    this.#fsync = options.fsyncEveryMs !== undefined;
    this.#capacity = {
      maxBytes: options.maxBytes ?? 1024 ** 3,
      warnAtFraction: options.warnAtFraction ?? 0.8,
      reserveFraction: options.reserveFraction ?? 0.05,
    };
    this.#monitor = new CapacityMonitor(this.#capacity, options.log);
    const recovered = recoverSpool(options.dir, options.log);
    this.#segments = recovered.segments;
    this.#cursor = recovered.cursor;
    this.#pendingBytes = recovered.pendingBytes;
    this.#pendingLines = recovered.pendingLines;
    this.#writer = new SegmentWriter(
      {
        dir: options.dir,
        segmentBytes: options.segmentBytes ?? 8 << 20,
        fsyncEveryMs: options.fsyncEveryMs,
        now: options.now ?? Date.now,
        log: options.log,
      },
      this.#segments,
      recovered.nextSeq,
    );
    this.#monitor.update(this.#pendingBytes);
  }

  get pendingRecords(): number {
    return this.#pendingLines;
  }

  append(records: readonly StoreRecord[]): number {
    if (this.#closed) throw new SpoolClosedError();
    if (records.length === 0) return 0;
    const lines = records.map(encodeRecord);
    let data = Buffer.from(lines.length === 1 ? lines[0]! : lines.join(''));
    let kept = records.length;
    // The common case is room for all; only near the bound is each record weighed.
    if (this.#pendingBytes + data.length > this.#capacity.maxBytes) {
      const admitted = this.#admit(records, lines);
      if (admitted.length === 0) return 0;
      data = Buffer.from(admitted.join(''));
      kept = admitted.length;
    }
    this.#writer.write(data);
    this.#pendingBytes += data.length;
    this.#pendingLines += kept;
    this.#monitor.update(this.#pendingBytes);
    return kept;
  }

  /** The lines the full-spool policy keeps (see `admit`); throws `SpoolFullError` for none. */
  #admit(records: readonly StoreRecord[], lines: readonly string[]): string[] {
    const encoded: EncodedRecord[] = records.map((record, i) => ({
      record,
      line: lines[i]!,
      bytes: Buffer.byteLength(lines[i]!),
    }));
    try {
      const { kept, dropped } = admit(encoded, this.#pendingBytes, this.#capacity);
      this.#monitor.recordDropped(dropped, this.#pendingBytes);
      return kept.map((k) => k.line);
    } catch (err) {
      if (err instanceof SpoolFullError) this.#monitor.recordRefused(err);
      throw err;
    }
  }

  peek(maxRecords: number, maxBytes = DEFAULT_PEEK_BYTES): SpoolBatch {
    if (this.#closed) throw new SpoolClosedError();
    const read = readBatch(this.#dir, this.#segments, this.#cursor, maxRecords, maxBytes, (at, text) =>
      this.#reportCorrupt(at, text),
    );
    return {
      records: read.records,
      token: { from: this.#cursor, to: read.to, lines: read.lines, bytes: read.bytes },
    };
  }

  commit(token: SpoolToken): void {
    if (this.#closed) throw new SpoolClosedError();
    if (comparePositions(token.from, this.#cursor) !== 0) {
      throw new Error('spool: commit of a stale token (peek again after each commit)');
    }
    const to = this.#skipFinishedSegments(token.to);
    if (comparePositions(to, this.#cursor) === 0) return;
    writeCursor(this.#dir, to, this.#fsync);
    this.#cursor = to;
    this.#pendingBytes -= token.bytes;
    this.#pendingLines -= token.lines;
    let removed = 0;
    while (this.#segments.length > 0 && this.#segments[0]!.seq < to.seq) {
      rmSync(segmentPath(this.#dir, this.#segments.shift()!.seq), { force: true });
      removed++;
    }
    if (removed > 0 && this.#fsync) fsyncDir(this.#dir);
    this.#monitor.update(this.#pendingBytes);
  }

  stats(): SpoolStats {
    return {
      pendingRecords: this.#pendingLines,
      pendingBytes: this.#pendingBytes,
      maxBytes: this.#capacity.maxBytes,
      fraction: this.#monitor.fraction(this.#pendingBytes),
      warning: this.#monitor.warning,
      dropping: this.#monitor.dropping,
      droppedRecords: this.#monitor.droppedRecords,
      corruptRecords: this.#corrupt,
      segments: this.#segments.length,
    };
  }

  close(): void {
    if (this.#closed) return;
    this.#closed = true;
    this.#writer.close();
  }

  /** The end of a segment that has a successor is the start of that successor. */
  #skipFinishedSegments(position: SpoolPosition): SpoolPosition {
    let at = position;
    for (let i = 0; i < this.#segments.length - 1; i++) {
      const segment = this.#segments[i]!;
      if (segment.seq === at.seq && at.offset >= segment.size)
        at = { seq: this.#segments[i + 1]!.seq, offset: 0 };
    }
    return at;
  }

  #reportCorrupt(at: SpoolPosition, text: string): void {
    if (comparePositions(at, this.#reportedUpTo) < 0) return;
    this.#reportedUpTo = { seq: at.seq, offset: at.offset + 1 };
    this.#corrupt++;
    this.#log.warn(
      {
        segment: segmentName(at.seq),
        offset: at.offset,
        bytes: Buffer.byteLength(text),
        start: text.slice(0, 80),
      },
      'spool: skipping a line that is not a record',
    );
  }
}

function comparePositions(a: SpoolPosition, b: SpoolPosition): number {
  return a.seq !== b.seq ? a.seq - b.seq : a.offset - b.offset;
}
