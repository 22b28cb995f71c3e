import { Point } from '@influxdata/influxdb-client';
import type { CrampWatchEvent, DeviceId, EpochMs } from '../../protocol/index.ts';
import type {
  CountersRecord,
  DeviceSettings,
  DeviceStatusRecord,
  SignalSecond,
  StoreRecord,
} from '../store.ts';
import { COUNTERS, EVENT, EVENT_RESERVED_FIELDS, SETTINGS, SIGNAL, STATUS } from './schema.ts';

/**
 * Store records as InfluxDB line protocol (timestamps in ms). `Point` from
 * `@influxdata/influxdb-client` does the escaping; null and non-finite numbers are left out,
 * since line protocol has no null (readers turn an absent field back into null).
 */
export function recordLine(record: StoreRecord): string {
  switch (record.type) {
    case 'event':
      return line(eventPoint(record.event));
    case 'second':
      return line(signalPoint(record.second));
    case 'status':
      return line(statusPoint(record.status));
    case 'counters':
      return line(countersPoint(record.counters));
  }
}

/** A settings update (`updateDevice`) at time `t`; null becomes the empty string ("cleared"). */
export function settingsLine(device: DeviceId, settings: DeviceSettings, t: EpochMs): string {
  const p = new Point(SETTINGS.measurement).tag(SETTINGS.device, device).booleanField(SETTINGS.updated, true);
  if (settings.name !== undefined) p.stringField(SETTINGS.name, settings.name ?? '');
  if (settings.side !== undefined) p.stringField(SETTINGS.side, settings.side ?? '');
  if (settings.tz !== undefined) p.stringField(SETTINGS.tz, settings.tz ?? '');
  return line(p.timestamp(t));
}

function eventPoint(event: CrampWatchEvent): Point {
  const p = new Point(EVENT.measurement)
    .tag(EVENT.device, event.device)
    .tag(EVENT.kind, event.kind)
    .stringField(EVENT.id, event.id)
    .floatField(EVENT.endMs, event.end ?? -1)
    .booleanField(EVENT.late, event.late === true)
    .stringField(EVENT.json, JSON.stringify(event))
    .timestamp(event.start);
  // Per-kind numbers (peakUv, confidence, …) as fields of their own, for Grafana; floats only,
  // so a kind that sends a string under the same name can never cause a type conflict.
  for (const [key, value] of Object.entries(event)) {
    if (!EVENT_RESERVED_FIELDS.has(key)) floatIfFinite(p, key, value);
  }
  return p;
}

function signalPoint(s: SignalSecond): Point {
  const p = new Point(SIGNAL.measurement)
    .tag(SIGNAL.device, s.device)
    .stringField(SIGNAL.quality, s.quality)
    .stringField(SIGNAL.posture, s.posture)
    .floatField(SIGNAL.plantarFlexed, s.plantarFlexed ? 1 : 0)
    .floatField(SIGNAL.leadOff, s.quality === 'lead_off' ? 1 : 0)
    .timestamp(secondOf(s.t));
  floatIfFinite(p, SIGNAL.envUv, s.envUv);
  floatIfFinite(p, SIGNAL.envMaxUv, s.envMaxUv);
  floatIfFinite(p, SIGNAL.baselineUv, s.baselineUv);
  floatIfFinite(p, SIGNAL.movementMg, s.movementMg);
  floatIfFinite(p, SIGNAL.flexionDeg, s.flexionDeg);
  floatIfFinite(p, SIGNAL.observable, s.observable);
  floatIfFinite(p, SIGNAL.humUv, s.humUv);
  return p;
}

function statusPoint(s: DeviceStatusRecord): Point {
  const p = new Point(STATUS.measurement)
    .tag(STATUS.device, s.device)
    .booleanField(STATUS.seen, true)
    .timestamp(s.t);
  if (s.seenOnly) return p;
  p.booleanField(STATUS.full, true);
  if (s.online !== undefined) p.booleanField(STATUS.online, s.online);
  floatIfFinite(p, STATUS.battery, s.battery);
  if (s.fw !== undefined) p.stringField(STATUS.fw, s.fw);
  if (s.side !== undefined) p.stringField(STATUS.side, s.side);
  if (s.leadOff !== undefined) p.booleanField(STATUS.leadOff, s.leadOff);
  return p;
}

function countersPoint(c: CountersRecord): Point {
  const p = new Point(COUNTERS.measurement)
    .tag(COUNTERS.device, c.device)
    .stringField(COUNTERS.json, JSON.stringify(c.counts))
    .timestamp(c.t);
  for (const [key, value] of Object.entries(c.counts)) {
    if (key !== COUNTERS.json && key !== 'time' && key !== COUNTERS.device) floatIfFinite(p, key, value);
  }
  return p;
}

/** The start of the second holding `t`: a second is identified by (device, second). */
export function secondOf(t: EpochMs): EpochMs {
  return Math.floor(t / 1000) * 1000;
}

function floatIfFinite(p: Point, name: string, value: unknown): void {
  if (typeof value === 'number' && Number.isFinite(value)) p.floatField(name, value);
}

function line(p: Point): string {
  const text = p.toLineProtocol();
  // Every point above has at least one field, so this cannot happen; a clear error if it does.
  if (text === undefined) throw new Error(`cannot encode point: ${p.toString()}`);
  return text;
}
