import { closeSync, ftruncateSync, mkdirSync, openSync, rmSync } from 'node:fs';
import type { Logger } from 'pino';
import { readCursor, removeStaleCursorTmp, type SpoolPosition } from './cursor-file.ts';
import { countLines, endOfLastLine, withReadFd } from './line-scan.ts';
import { listSegments, segmentName, segmentPath } from './segment-files.ts';

/** A segment the spool knows: its sequence number and its size (the head's grows). */
export interface SegmentState {
  readonly seq: number;
  size: number;
}

/** What an opened spool starts from. */
export interface RecoveredState {
  /** Segments from the cursor's on, oldest first. */
  readonly segments: SegmentState[];
  readonly cursor: SpoolPosition;
  readonly pendingBytes: number;
  /** Lines (records, or corrupt lines to be skipped) from the cursor to the end. */
  readonly pendingLines: number;
  /** Sequence number for the next segment: appends never go to a segment an earlier run wrote. */
  readonly nextSeq: number;
}

/**
 * Opens a spool directory as a crash left it, without ever failing on what a crash can leave:
 * a stale temporary cursor (removed), a missing or unreadable cursor (replay from the oldest
 * segment: the stores are idempotent), segments already flushed (deleted), and a torn last line —
 * a write cut short — which is truncated with a warning. The torn bytes are never a record whose
 * `append` returned (that returns only after the whole write), so no acknowledged message is lost.
 */
export function recoverSpool(dir: string, log: Logger): RecoveredState {
  mkdirSync(dir, { recursive: true });
  removeStaleCursorTmp(dir);
  const files = listSegments(dir);
  const cursor = resolveCursor(dir, files, log);
  const segments: SegmentState[] = [];
  for (const file of files) {
    if (file.seq < cursor.seq) rmSync(file.path, { force: true });
    else segments.push({ seq: file.seq, size: file.size });
  }
  const last = segments.at(-1);
  if (last !== undefined) repairTornTail(dir, last, log);

  let pendingBytes = 0;
  let pendingLines = 0;
  for (const segment of segments) {
    const from = segment.seq === cursor.seq ? Math.min(cursor.offset, segment.size) : 0;
    pendingBytes += segment.size - from;
    pendingLines += withReadFd(segmentPath(dir, segment.seq), (fd) => countLines(fd, from, segment.size));
  }
  const first = segments[0];
  const start =
    first !== undefined && first.seq === cursor.seq && cursor.offset > first.size
      ? { seq: cursor.seq, offset: first.size }
      : cursor;
  if (pendingLines > 0) {
    log.info(
      { pendingRecords: pendingLines, pendingBytes, segments: segments.length },
      'spool holds records from an earlier run; they are written to the store first',
    );
  }
  const nextSeq = Math.max(cursor.seq, last?.seq ?? 0) + 1;
  return { segments, cursor: start, pendingBytes, pendingLines, nextSeq };
}

function resolveCursor(
  dir: string,
  files: readonly { seq: number; size: number }[],
  log: Logger,
): SpoolPosition {
  const read = readCursor(dir);
  const oldest = files[0];
  if (read === 'corrupt') {
    log.warn({ dir }, 'spool cursor unreadable: replaying every segment (the store ignores repeats)');
  }
  if (read === undefined || read === 'corrupt') return { seq: oldest?.seq ?? 0, offset: 0 };
  const at = files.find((f) => f.seq === read.seq);
  if (at !== undefined) {
    if (read.offset > at.size) {
      log.warn(
        { segment: segmentName(at.seq), offset: read.offset, size: at.size },
        'spool cursor past its segment',
      );
    }
    return read;
  }
  // The cursor's segment is gone: start at the next one there is.
  const next = files.find((f) => f.seq > read.seq);
  return next === undefined ? read : { seq: next.seq, offset: 0 };
}

function repairTornTail(dir: string, segment: SegmentState, log: Logger): void {
  const path = segmentPath(dir, segment.seq);
  const end = withReadFd(path, (fd) => endOfLastLine(fd, segment.size));
  if (end === segment.size) return;
  log.warn(
    { segment: segmentName(segment.seq), offset: end, droppedBytes: segment.size - end },
    'spool: truncating a torn last line (a write cut short by a crash; it was never acknowledged)',
  );
  const fd = openSync(path, 'r+');
  try {
    ftruncateSync(fd, end);
  } finally {
    closeSync(fd);
  }
  segment.size = end;
}
