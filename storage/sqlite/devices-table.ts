import type Database from 'better-sqlite3';
import type { DeviceId } from '../../protocol/index.ts';
import type { DeviceSettings, DeviceStatusRecord } from '../store.ts';
import { type DeviceRow, emptyDeviceRow, mergeSettings, mergeStatus } from './device-row.ts';

/**
 * The devices table: read, merge in JavaScript (`device-row.ts`, where the rules are), write back.
 * Statuses come a few a minute per band, so a read before each write costs nothing that matters.
 */
export interface DevicesTable {
  applyStatus(status: DeviceStatusRecord): void;
  applySettings(id: DeviceId, settings: DeviceSettings): DeviceRow;
  get(id: DeviceId): DeviceRow | undefined;
  all(): DeviceRow[];
}

interface SqlRow {
  readonly id: string;
  readonly name: string | null;
  readonly tz: string | null;
  readonly wearer_side: string | null;
  readonly band_side: string | null;
  readonly last_seen: number | null;
  readonly status_t: number | null;
  readonly online: number | null;
  readonly battery: number | null;
  readonly fw: string | null;
  readonly lead_off: number | null;
}

export function createDevicesTable(db: Database.Database): DevicesTable {
  const selectOne = db.prepare<[string], SqlRow>('SELECT * FROM devices WHERE id = ?');
  const selectAll = db.prepare<[], SqlRow>('SELECT * FROM devices ORDER BY id');
  const save = db.prepare(
    `INSERT OR REPLACE INTO devices
       (id, name, tz, wearer_side, band_side, last_seen, status_t, online, battery, fw, lead_off)
     VALUES (@id, @name, @tz, @wearerSide, @bandSide, @lastSeen, @statusT, @online, @battery, @fw, @leadOff)`,
  );
  const get = (id: DeviceId) => {
    const row = selectOne.get(id);
    return row === undefined ? undefined : fromSql(row);
  };
  const put = (row: DeviceRow) => {
    save.run({ ...row, online: toBit(row.online), leadOff: toBit(row.leadOff) });
    return row;
  };
  const applySettings = db.transaction((id: DeviceId, settings: DeviceSettings) =>
    put(mergeSettings(get(id) ?? emptyDeviceRow(id), settings)),
  );
  return {
    applyStatus(status) {
      put(mergeStatus(get(status.device) ?? emptyDeviceRow(status.device), status));
    },
    applySettings: (id, settings) => applySettings(id, settings),
    get,
    all: () => selectAll.all().map(fromSql),
  };
}

function fromSql(r: SqlRow): DeviceRow {
  return {
    id: r.id,
    name: r.name,
    tz: r.tz,
    wearerSide: asSide(r.wearer_side),
    bandSide: asSide(r.band_side),
    lastSeen: r.last_seen,
    statusT: r.status_t,
    online: fromBit(r.online),
    battery: r.battery,
    fw: r.fw,
    leadOff: fromBit(r.lead_off),
  };
}

function asSide(value: string | null): 'left' | 'right' | null {
  return value === 'left' || value === 'right' ? value : null;
}

function toBit(value: boolean | null): number | null {
  return value === null ? null : value ? 1 : 0;
}

function fromBit(value: number | null): boolean | null {
  return value === null ? null : value !== 0;
}
