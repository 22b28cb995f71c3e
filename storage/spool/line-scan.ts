import { closeSync, openSync, readSync } from 'node:fs';

const NEWLINE = 0x0a;
const SCAN_CHUNK = 1 << 20;

/** Runs `fn` with a read-only descriptor of `path`, closing it whatever happens. */
export function withReadFd<T>(path: string, fn: (fd: number) => T): T {
  const fd = openSync(path, 'r');
  try {
    return fn(fd);
  } finally {
    closeSync(fd);
  }
}

function readAt(fd: number, buf: Buffer, length: number, position: number): number {
  let done = 0;
  while (done < length) {
    const n = readSync(fd, buf, done, length - done, position + done);
    if (n === 0) break;
    done += n;
  }
  return done;
}

/** How many newline-terminated lines lie in [from, end) of the file. */
export function countLines(fd: number, from: number, end: number): number {
  const buf = Buffer.allocUnsafe(SCAN_CHUNK);
  let lines = 0;
  for (let pos = from; pos < end; ) {
    const n = readAt(fd, buf, Math.min(SCAN_CHUNK, end - pos), pos);
    if (n === 0) break;
    for (let i = buf.indexOf(NEWLINE, 0); i !== -1 && i < n; i = buf.indexOf(NEWLINE, i + 1)) lines++;
    pos += n;
  }
  return lines;
}

/**
 * The end of the last complete line of a file of `size` bytes: `size` when the file ends with a
 * newline, else the offset just after the last newline (0 when there is none). Whatever lies
 * beyond is a torn tail: a write cut short by a crash. Reads backwards, so a healthy file costs
 * one byte.
 */
export function endOfLastLine(fd: number, size: number): number {
  const buf = Buffer.allocUnsafe(Math.min(SCAN_CHUNK, Math.max(size, 1)));
  for (let end = size; end > 0; ) {
    const start = Math.max(0, end - buf.length);
    const n = readAt(fd, buf, end - start, start);
    const last = buf.subarray(0, n).lastIndexOf(NEWLINE);
    if (last !== -1) return start + last + 1;
    end = start;
  }
  return 0;
}

/** One line read from a segment: where it starts, and its bytes without the newline. */
export interface RawLine {
  readonly offset: number;
  readonly text: string;
  /** False for trailing bytes with no newline: never a whole record. */
  readonly terminated: boolean;
}

/**
 * Reads whole lines from [from, end) of a file: at most `maxLines`, and no more than `maxBytes`
 * unless the first line alone is longer (a line is never split, and a read that makes no progress
 * would stall the spool). Returns the lines and the offset just after the last one.
 */
export function readLines(
  fd: number,
  from: number,
  end: number,
  maxLines: number,
  maxBytes: number,
): { lines: RawLine[]; next: number } {
  let want = Math.min(Math.max(1, maxBytes), end - from);
  let buf = Buffer.allocUnsafe(want);
  let n = readAt(fd, buf, want, from);
  // Grow until the window holds at least one whole line or reaches the end.
  while (buf.subarray(0, n).indexOf(NEWLINE) === -1 && n === want && from + n < end) {
    want = Math.min(want * 2, end - from);
    buf = Buffer.allocUnsafe(want);
    n = readAt(fd, buf, want, from);
  }
  const lines: RawLine[] = [];
  let start = 0;
  while (lines.length < maxLines && start < n) {
    const nl = buf.indexOf(NEWLINE, start);
    if (nl === -1 || nl >= n) {
      // Trailing bytes without a newline: a torn line if the window reaches the end, else the
      // start of a line the next read will take whole.
      if (from + n >= end && lines.length === 0) {
        lines.push({ offset: from + start, text: buf.toString('utf8', start, n), terminated: false });
        start = n;
      }
      break;
    }
    lines.push({ offset: from + start, text: buf.toString('utf8', start, nl), terminated: true });
    start = nl + 1;
  }
  return { lines, next: from + start };
}
