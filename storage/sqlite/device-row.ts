import type { DeviceId, EpochMs } from '../../protocol/index.ts';
import type { DeviceRecord, DeviceSettings, DeviceStatusRecord } from '../store.ts';

type Side = 'left' | 'right';

/** A device as stored: the band's last word and the wearer's settings, kept apart. */
export interface DeviceRow {
  readonly id: DeviceId;
  readonly name: string | null;
  readonly tz: string | null;
  readonly wearerSide: Side | null;
  readonly bandSide: Side | null;
  readonly lastSeen: EpochMs | null;
  /** Time of the full status the band fields come from: an older status never overwrites them. */
  readonly statusT: EpochMs | null;
  readonly online: boolean | null;
  readonly battery: number | null;
  readonly fw: string | null;
  readonly leadOff: boolean | null;
}

export function emptyDeviceRow(id: DeviceId): DeviceRow {
  return {
    id,
    name: null,
    tz: null,
    wearerSide: null,
    bandSide: null,
    lastSeen: null,
    statusT: null,
    online: null,
    battery: null,
    fw: null,
    leadOff: null,
  };
}

/**
 * A status merged into the stored device. `lastSeen` only moves forward. A full status at least as
 * new as the last one applied sets the fields it has (a missing field is unknown, so the stored
 * value stays); an older one, such as a replayed night's, changes nothing else.
 */
export function mergeStatus(row: DeviceRow, status: DeviceStatusRecord): DeviceRow {
  const lastSeen = row.lastSeen === null ? status.t : Math.max(row.lastSeen, status.t);
  if (status.seenOnly === true || (row.statusT !== null && status.t < row.statusT)) {
    return { ...row, lastSeen };
  }
  return {
    ...row,
    lastSeen,
    statusT: status.t,
    online: status.online ?? row.online,
    battery: status.battery ?? row.battery,
    fw: status.fw ?? row.fw,
    bandSide: status.side ?? row.bandSide,
    leadOff: status.leadOff ?? row.leadOff,
  };
}

/** The wearer's settings applied: an absent field is left as it is, null clears it. */
export function mergeSettings(row: DeviceRow, settings: DeviceSettings): DeviceRow {
  return {
    ...row,
    name: settings.name === undefined ? row.name : settings.name,
    wearerSide: settings.side === undefined ? row.wearerSide : settings.side,
    tz: settings.tz === undefined ? row.tz : settings.tz,
  };
}

/** What the interface shows: the wearer's side wins over the band's. */
export function toDeviceRecord(row: DeviceRow): DeviceRecord {
  return {
    id: row.id,
    name: row.name,
    side: row.wearerSide ?? row.bandSide,
    tz: row.tz,
    lastSeen: row.lastSeen,
    online: row.online,
    battery: row.battery,
    fw: row.fw,
    leadOff: row.leadOff,
  };
}
