import type { StoreRecord } from '../store.ts';

const RECORD_TYPES: ReadonlySet<string> = new Set(['event', 'second', 'status', 'counters']);

/** One record as one spool line: JSON and a newline (JSON never contains a raw newline). */
export function encodeRecord(record: StoreRecord): string {
  return `${JSON.stringify(record)}\n`;
}

/**
 * A spool line back into a record, or `undefined` when the line is not one (a corrupted disk
 * block, a line cut short). Checks the shape only as far as telling a record from garbage: the
 * spool holds what this process wrote, so the fields inside were valid when they went in.
 */
export function decodeRecord(line: string): StoreRecord | undefined {
  let parsed: unknown;
  try {
    parsed = JSON.parse(line);
  } catch {
    return undefined;
  }
  if (typeof parsed !== 'object' || parsed === null) return undefined;
  const type = (parsed as { type?: unknown }).type;
  if (typeof type !== 'string' || !RECORD_TYPES.has(type)) return undefined;
  const body = (parsed as Record<string, unknown>)[type];
  if (typeof body !== 'object' || body === null) return undefined;
  return parsed as StoreRecord;
}
