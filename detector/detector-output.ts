import {
  type AlertMessage,
  type CrampWatchEvent,
  type DeviceId,
  type EpochMs,
  eventId,
} from '../protocol/index.ts';

/** An alert phase as the detector emits it, with the band time at which it was emitted. */
export interface DetectorOutput extends AlertMessage {
  /** Band time (ms) of the epoch whose processing emitted this phase: when a live user would see it. */
  readonly at: EpochMs;
}

/** Collects a device's outputs while it processes one input. */
export type Emit = (output: DetectorOutput) => void;

/** Builds an event of the spec's shape (`events-and-recordings.md`), with its stable id. */
export function makeEvent(
  device: DeviceId,
  kind: string,
  start: EpochMs,
  end: EpochMs | null,
  late: boolean,
  fields: Record<string, unknown> = {},
): CrampWatchEvent {
  return { id: eventId(device, kind, start), device, kind, start, end, late, ...fields };
}

/** Rounds a figure for an event field (events are read by people and stored: no float noise). */
export function round1(x: number): number {
  return Math.round(x * 10) / 10;
}
