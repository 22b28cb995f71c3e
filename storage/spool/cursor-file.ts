import { closeSync, fsyncSync, openSync, readFileSync, renameSync, rmSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import { fsyncDir } from './segment-files.ts';

/** Where the oldest unflushed record starts: a segment and a byte offset in it. */
export interface SpoolPosition {
  readonly seq: number;
  readonly offset: number;
}

const CURSOR_FILE = 'cursor.json';
const CURSOR_TMP = 'cursor.json.tmp';

/**
 * Reads the cursor. `undefined` when there is none (a new spool); `'corrupt'` when the file is
 * there but unreadable — the caller then replays from the oldest segment, which is safe because
 * every store write is idempotent.
 */
export function readCursor(dir: string): SpoolPosition | undefined | 'corrupt' {
  let text: string;
  try {
    text = readFileSync(join(dir, CURSOR_FILE), 'utf8');
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw err;
  }
  try {
    const parsed: unknown = JSON.parse(text);
    if (typeof parsed !== 'object' || parsed === null) return 'corrupt';
    const { seq, offset } = parsed as Record<string, unknown>;
    if (!Number.isSafeInteger(seq) || !Number.isSafeInteger(offset)) return 'corrupt';
    if ((seq as number) < 0 || (offset as number) < 0) return 'corrupt';
    return { seq: seq as number, offset: offset as number };
  } catch {
    return 'corrupt';
  }
}

/**
 * Replaces the cursor atomically: written to a temporary file, then renamed over the old one, so
 * a crash leaves either the old cursor or the new one, never half of one (rename(2) is atomic
 * within a file system). With `fsync`, the data and the rename also survive power loss.
 */
export function writeCursor(dir: string, position: SpoolPosition, fsync: boolean): void {
  const tmp = join(dir, CURSOR_TMP);
  const fd = openSync(tmp, 'w');
  try {
    writeSync(fd, JSON.stringify({ seq: position.seq, offset: position.offset }));
    if (fsync) fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
  renameSync(tmp, join(dir, CURSOR_FILE));
  if (fsync) fsyncDir(dir);
}

/** Removes a temporary cursor a crash left behind (the rename never happened, so it is stale). */
export function removeStaleCursorTmp(dir: string): void {
  rmSync(join(dir, CURSOR_TMP), { force: true });
}
