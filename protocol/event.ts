import type { DeviceId, EpochMs } from './units.ts';

/** Event kinds every part of the system knows; consumers ignore kinds they do not know. */
export type KnownEventKind = 'cramp' | 'spasm' | 'plantar_flexion' | 'lead_off' | 'signal_gap';

/**
 * A detected event (`shared/spec/events-and-recordings.md`, "Event"). `id` is
 * `<device>:<kind>:<start>`, stable across replays. `end` is null while the event is ongoing.
 */
export interface CrampWatchEvent {
  readonly id: string;
  readonly device: DeviceId;
  readonly kind: KnownEventKind | (string & {});
  readonly start: EpochMs;
  readonly end: EpochMs | null;
  readonly late: boolean;
  readonly [field: string]: unknown;
}

/** A live alert phase, as pushed over WebSocket and published on `<prefix>/<device>/event`. */
export interface AlertMessage {
  readonly phase: 'start' | 'update' | 'end';
  readonly event: CrampWatchEvent;
}

export function eventId(device: DeviceId, kind: string, start: EpochMs): string {
  return `${device}:${kind}:${start}`;
}
