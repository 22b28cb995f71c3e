import type { DeviceId } from '../../protocol/index.ts';
import type { Store } from '../store.ts';
import { createCountersTable } from './counters-table.ts';
import { createCoverageTable } from './coverage-table.ts';
import { createDeviceKeys } from './device-keys.ts';
import { toDeviceRecord } from './device-row.ts';
import { createDevicesTable } from './devices-table.ts';
import { createEventsTable } from './events-table.ts';
import { messageOf, openDatabase } from './open-database.ts';
import { createRecordWriter } from './record-writer.ts';
import { createSecondsTable } from './seconds-table.ts';
import { createTimelineQuery } from './timeline-query.ts';

export interface SqliteStoreOptions {
  /** The directory of the store's file, `crampwatch.sqlite` (created if missing). */
  readonly dir: string;
}

/**
 * The embedded store: one SQLite file, for a single-machine install or a demo with no InfluxDB to
 * run. better-sqlite3 is synchronous, and a batch of a few hundred records takes well under a
 * millisecond, so each method does its work at once and returns a settled promise. Opening is
 * synchronous too; it throws, naming the path, when the file cannot be opened.
 */
export function createSqliteStore({ dir }: SqliteStoreOptions): Store {
  const { db, path } = openDatabase(dir);
  const tables = {
    keys: createDeviceKeys(db),
    events: createEventsTable(db),
    seconds: createSecondsTable(db),
    coverage: createCoverageTable(db),
    devices: createDevicesTable(db),
    counters: createCountersTable(db),
  };
  const writeRecords = createRecordWriter(db, tables);
  const timeline = createTimelineQuery(db);

  /** Runs a call on the open database; turns a failure into an error that names the store. */
  const run = <T>(what: string, work: () => T): Promise<T> => {
    if (!db.open) return Promise.reject(new Error(`SQLite store ${path} is closed (${what})`));
    try {
      return Promise.resolve(work());
    } catch (err) {
      return Promise.reject(
        new Error(`SQLite store ${path}: ${what} failed: ${messageOf(err)}`, { cause: err }),
      );
    }
  };
  /** Reads rows of a device, or nothing when the device never had any stored. */
  const ofDevice = <T>(device: DeviceId, read: (key: number) => T[]): T[] => {
    const key = tables.keys.find(device);
    return key === undefined ? [] : read(key);
  };

  return {
    kind: 'sqlite',
    write: (records) => run(`writing ${records.length} records`, () => writeRecords(records)),
    devices: () => run('listing devices', () => tables.devices.all().map(toDeviceRecord)),
    device: (id) =>
      run(`reading device ${id}`, () => {
        const row = tables.devices.get(id);
        return row === undefined ? undefined : toDeviceRecord(row);
      }),
    updateDevice: (id, settings) =>
      run(`updating device ${id}`, () => toDeviceRecord(tables.devices.applySettings(id, settings))),
    events: (device, fromMs, toMs, kinds) =>
      run(`reading events of ${device}`, () =>
        ofDevice(device, (key) => tables.events.overlapping(key, fromMs, toMs, kinds)),
      ),
    timeline: (device, fromMs, toMs, points) =>
      run(`reading the timeline of ${device}`, () =>
        ofDevice(device, (key) => timeline(key, fromMs, toMs, points)),
      ),
    coverage: (device, fromMs, toMs) =>
      run(`reading the coverage of ${device}`, () =>
        ofDevice(device, (key) => tables.coverage.quarters(key, fromMs, toMs)),
      ),
    counters: (device, fromMs, toMs) =>
      run(`reading the counters of ${device}`, () =>
        ofDevice(device, (key) => tables.counters.range(key, device, fromMs, toMs)),
      ),
    close: async () => {
      if (db.open) db.close();
    },
  };
}
