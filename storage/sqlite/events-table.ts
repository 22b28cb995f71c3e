import type Database from 'better-sqlite3';
import type { CrampWatchEvent, EpochMs } from '../../protocol/index.ts';

/**
 * Events, one row per id: the event's full JSON (so fields of kinds this version does not know
 * come back exactly as written) plus the columns the queries need.
 */
export interface EventsTable {
  /**
   * Inserts the event or replaces the stored phase of the same id. A later phase replaces an
   * earlier one, but an open phase (`end` null) never reopens an event that has ended: writing a
   * night's phases again, or an old batch after a newer one, must leave the ended event as it was.
   */
  upsert(deviceKey: number, event: CrampWatchEvent): void;
  /** Events overlapping [fromMs, toMs), by start, kind and id; `kinds` limits the kinds. */
  overlapping(
    deviceKey: number,
    fromMs: EpochMs,
    toMs: EpochMs,
    kinds?: readonly string[],
  ): CrampWatchEvent[];
}

interface Row {
  readonly json: string;
}

// Overlap of [start, end) with [from, to): start < to and end > from; an open event (end null)
// runs on, and an instantaneous one (end = start) counts when it lies inside the range.
const OVERLAP = `device_key = @key AND start_ms < @to AND (end_ms IS NULL OR end_ms > @from OR start_ms >= @from)`;
const ORDER = 'ORDER BY start_ms, kind, id';

export function createEventsTable(db: Database.Database): EventsTable {
  const upsert = db.prepare(
    `INSERT INTO events (id, device_key, kind, start_ms, end_ms, json)
     VALUES (@id, @key, @kind, @start, @end, @json)
     ON CONFLICT (id) DO UPDATE SET
       device_key = excluded.device_key, kind = excluded.kind, start_ms = excluded.start_ms,
       end_ms = excluded.end_ms, json = excluded.json
     WHERE events.end_ms IS NULL OR excluded.end_ms IS NOT NULL`,
  );
  const all = db.prepare<{ key: number; from: number; to: number }, Row>(
    `SELECT json FROM events WHERE ${OVERLAP} ${ORDER}`,
  );
  const ofKinds = db.prepare<{ key: number; from: number; to: number; kinds: string }, Row>(
    `SELECT json FROM events WHERE ${OVERLAP} AND kind IN (SELECT value FROM json_each(@kinds)) ${ORDER}`,
  );
  return {
    upsert(key, event) {
      upsert.run({
        id: event.id,
        key,
        kind: event.kind,
        start: event.start,
        end: event.end,
        json: JSON.stringify(event),
      });
    },
    overlapping(key, from, to, kinds) {
      const rows =
        kinds === undefined
          ? all.all({ key, from, to })
          : ofKinds.all({ key, from, to, kinds: JSON.stringify(kinds) });
      return rows.map((row) => JSON.parse(row.json) as CrampWatchEvent);
    },
  };
}
