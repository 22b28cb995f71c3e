import { closeSync, fsyncSync, openSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';

/** One segment file on disk: its sequence number and size in bytes. */
export interface SegmentFile {
  readonly seq: number;
  readonly path: string;
  readonly size: number;
}

/**
 * Segment names carry a zero-padded sequence number so that a plain sort of the directory is the
 * spool's order (12 digits: a new segment every second would last 30 000 years).
 */
const SEGMENT_NAME = /^seg-(\d{12})\.jsonl$/;

export function segmentName(seq: number): string {
  return `seg-${String(seq).padStart(12, '0')}.jsonl`;
}

export function segmentPath(dir: string, seq: number): string {
  return join(dir, segmentName(seq));
}

/** The segment files of a spool directory, oldest first; other files are ignored. */
export function listSegments(dir: string): SegmentFile[] {
  const found: SegmentFile[] = [];
  for (const name of readdirSync(dir)) {
    const match = SEGMENT_NAME.exec(name);
    if (match === null) continue;
    const path = join(dir, name);
    found.push({ seq: Number(match[1]), path, size: statSync(path).size });
  }
  return found.sort((a, b) => a.seq - b.seq);
}

/**
 * Makes a directory entry change (a created, renamed or deleted file) survive power loss. Only
 * needed with the spool's fsync option: a killed process loses nothing the kernel already has.
 */
export function fsyncDir(dir: string): void {
  const fd = openSync(dir, 'r');
  try {
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
}
