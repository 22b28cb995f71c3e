import type Database from 'better-sqlite3';
import type { DeviceId } from '../../protocol/index.ts';
import type { StoreRecord } from '../store.ts';
import type { CountersTable } from './counters-table.ts';
import { type CoverageTable, CoverageTally } from './coverage-table.ts';
import type { DeviceKeys } from './device-keys.ts';
import type { DevicesTable } from './devices-table.ts';
import type { EventsTable } from './events-table.ts';
import { messageOf } from './open-database.ts';
import { type SecondsTable, unixSecond } from './seconds-table.ts';

export interface Tables {
  readonly keys: DeviceKeys;
  readonly events: EventsTable;
  readonly seconds: SecondsTable;
  readonly coverage: CoverageTable;
  readonly devices: DevicesTable;
  readonly counters: CountersTable;
}

/**
 * Writes one batch in one transaction, in order: all of it or (on an error) none of it. The
 * coverage rollup is added at the end of the same transaction from the seconds that were newly
 * inserted, so it always agrees with the seconds table.
 */
export function createRecordWriter(
  db: Database.Database,
  tables: Tables,
): (records: readonly StoreRecord[]) => void {
  const { keys } = tables;
  const writeRecord = (record: StoreRecord, tally: CoverageTally): void => {
    switch (record.type) {
      case 'event':
        tables.events.upsert(keys.get(record.event.device), record.event);
        break;
      case 'second': {
        const key = keys.get(record.second.device);
        if (tables.seconds.insert(key, record.second)) tally.count(key, unixSecond(record.second.t));
        break;
      }
      case 'status':
        tables.devices.applyStatus(record.status);
        break;
      case 'counters':
        tables.counters.put(keys.get(record.counters.device), record.counters);
        break;
      default:
        throw new TypeError(`unknown record type ${JSON.stringify((record as { type: unknown }).type)}`);
    }
  };
  const writeBatch = db.transaction((records: readonly StoreRecord[]) => {
    const tally = new CoverageTally();
    for (const [i, record] of records.entries()) {
      try {
        writeRecord(record, tally);
      } catch (err) {
        throw new Error(`record ${i} (${String(record.type)}): ${messageOf(err)}`, { cause: err });
      }
    }
    tables.coverage.add(tally);
  });
  return (records) => {
    keys.ensure(devicesOf(records));
    writeBatch(records);
  };
}

function* devicesOf(records: readonly StoreRecord[]): Generator<DeviceId> {
  for (const r of records) {
    if (r.type === 'event') yield r.event.device;
    else if (r.type === 'second') yield r.second.device;
    else if (r.type === 'counters') yield r.counters.device;
  }
}
