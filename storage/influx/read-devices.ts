import type { DeviceId } from '../../protocol/index.ts';
import type { DeviceRecord } from '../store.ts';
import type { InfluxHttp } from './influx-http.ts';
import { ident, tagIn } from './influxql.ts';
import { booleanOrNull, numberOrNull, type Row, rowsOf, stringOrNull } from './query-result.ts';
import { SETTINGS, STATUS } from './schema.ts';

/**
 * Devices as the band last described them (`status`, newest value of each field: a status that
 * leaves a field out keeps the older value) merged with what the wearer set (`settings`).
 * `lastSeen` is the time of the newest status point. The field values live only on full
 * statuses, which are rare, so `last()` of each reads little.
 * A device is known once a status or a settings update names it (as in the SQLite store: seconds
 * and events alone do not make a device). With `only`, just that device. Four statements, one
 * request.
 */
export async function readDevices(http: InfluxHttp, only?: DeviceId): Promise<DeviceRecord[]> {
  const where = only === undefined ? '' : ` WHERE ${tagIn(STATUS.device, [only])}`;
  const last = (field: string) => `last(${ident(field)}) AS ${ident(field)}`;
  const group = ` GROUP BY ${ident(STATUS.device)}`;
  const status = ident(STATUS.measurement);
  const [ids, seen, said, set] = await http.query([
    `SHOW TAG VALUES FROM ${status}, ${ident(SETTINGS.measurement)} WITH KEY = ${ident(STATUS.device)}${where}`,
    // The newest point read from the end of each series: `last()` would read every one of the
    // "seen" points (one per band every few seconds) over all of history.
    `SELECT ${ident(STATUS.seen)} FROM ${status}${where}${group} ORDER BY time DESC LIMIT 1`,
    `SELECT ${[STATUS.online, STATUS.battery, STATUS.fw, STATUS.side, STATUS.leadOff].map(last).join(', ')} ` +
      `FROM ${status}${where}${group}`,
    `SELECT ${[SETTINGS.name, SETTINGS.side, SETTINGS.tz].map(last).join(', ')} ` +
      `FROM ${ident(SETTINGS.measurement)}${where}${group}`,
  ]);
  const byDevice = (rows: Row[]) => new Map(rows.map((row) => [row.tags[STATUS.device] ?? '', row]));
  const seenRows = byDevice(rowsOf(seen));
  const saidRows = byDevice(rowsOf(said));
  const setRows = byDevice(rowsOf(set));
  const devices = new Set(rowsOf(ids).map((row) => String(row.value)));
  return [...devices].sort().map((id) => toDevice(id, seenRows.get(id), saidRows.get(id), setRows.get(id)));
}

function toDevice(id: DeviceId, seen?: Row, said?: Row, set?: Row): DeviceRecord {
  const chosen = (value: unknown) => {
    const s = stringOrNull(value);
    return s === '' ? null : s; // '' is how a cleared setting is stored
  };
  const side = (value: unknown) => {
    const s = chosen(value);
    return s === 'left' || s === 'right' ? s : null;
  };
  return {
    id,
    name: chosen(set?.[SETTINGS.name]),
    side: side(set?.[SETTINGS.side]) ?? side(said?.[STATUS.side]),
    tz: chosen(set?.[SETTINGS.tz]),
    lastSeen: seen ? numberOrNull(seen.time) : null,
    online: booleanOrNull(said?.[STATUS.online]),
    battery: numberOrNull(said?.[STATUS.battery]),
    fw: stringOrNull(said?.[STATUS.fw]),
    leadOff: booleanOrNull(said?.[STATUS.leadOff]),
  };
}
