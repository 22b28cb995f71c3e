import type { StoreRecord } from '../store.ts';
import type { SpoolPosition } from './cursor-file.ts';
import { readLines, withReadFd } from './line-scan.ts';
import { decodeRecord } from './record-codec.ts';
import type { SegmentState } from './recover.ts';
import { segmentPath } from './segment-files.ts';

/** What {@link readBatch} read: the records, and how far it went (lines includes corrupt ones). */
export interface ReadBatch {
  readonly records: StoreRecord[];
  readonly to: SpoolPosition;
  readonly lines: number;
  readonly bytes: number;
}

/** Called for a line that is not a record; the batch goes on past it. */
export type CorruptLineHandler = (at: SpoolPosition, text: string) => void;

/**
 * Reads the oldest records from `from` on, across segments in order: at most `maxRecords`, and
 * about `maxBytes` (always at least one line, so that a long line cannot stall the spool). Only
 * the known size of each segment is read, so a write in progress is never seen half done.
 */
export function readBatch(
  dir: string,
  segments: readonly SegmentState[],
  from: SpoolPosition,
  maxRecords: number,
  maxBytes: number,
  onCorrupt: CorruptLineHandler,
): ReadBatch {
  const records: StoreRecord[] = [];
  let lines = 0;
  let bytes = 0;
  let to = from;
  const budgetLeft = () => lines < maxRecords && (bytes < maxBytes || lines === 0);
  for (const segment of segments) {
    if (segment.seq < to.seq) continue;
    let offset = segment.seq === to.seq ? Math.min(to.offset, segment.size) : 0;
    if (offset < segment.size && budgetLeft()) {
      withReadFd(segmentPath(dir, segment.seq), (fd) => {
        while (offset < segment.size && budgetLeft()) {
          const read = readLines(fd, offset, segment.size, maxRecords - lines, Math.max(1, maxBytes - bytes));
          for (const line of read.lines) {
            const record = line.terminated ? decodeRecord(line.text) : undefined;
            if (record === undefined) onCorrupt({ seq: segment.seq, offset: line.offset }, line.text);
            else records.push(record);
          }
          lines += read.lines.length;
          bytes += read.next - offset;
          offset = read.next;
        }
      });
    }
    to = { seq: segment.seq, offset };
    if (offset < segment.size || !budgetLeft()) break;
  }
  return { records, to, lines, bytes };
}
