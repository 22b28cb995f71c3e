import type { CrampWatchEvent, DeviceId, EpochMs } from '../../protocol/index.ts';
import type { SignalSecond, StoreRecord } from '../../storage/index.ts';

/** A resting, good-quality second of a band lying supine, foot neutral; `fields` change any of it. */
export function signalSecond(device: DeviceId, t: EpochMs, fields: Partial<SignalSecond> = {}): SignalSecond {
  return {
    device,
    t,
    envUv: 3,
    envMaxUv: 4,
    baselineUv: 3,
    movementMg: 10,
    flexionDeg: 5,
    observable: 1,
    plantarFlexed: false,
    posture: 'supine',
    quality: 'good',
    humUv: 0.5,
    ...fields,
  };
}

/** The same as a store record. */
export function secondRecord(device: DeviceId, t: EpochMs, fields: Partial<SignalSecond> = {}): StoreRecord {
  return { type: 'second', second: signalSecond(device, t, fields) };
}

/** A second with the ankle angle unobservable and no baseline yet. */
export const UNOBSERVED: Partial<SignalSecond> = {
  baselineUv: null,
  flexionDeg: null,
  observable: 0,
  posture: 'unknown',
  humUv: 0,
};

/** An event of the spec's shape, with its stable id, not late. */
export function storedEvent(
  device: DeviceId,
  kind: string,
  start: EpochMs,
  end: EpochMs | null,
  fields: Record<string, unknown> = {},
): CrampWatchEvent {
  return { id: `${device}:${kind}:${start}`, device, kind, start, end, late: false, ...fields };
}
