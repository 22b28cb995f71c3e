import type { CrampWatchEvent } from '../protocol/index.ts';
import type { DeviceRecord } from '../storage/index.ts';
import type { LiveHub } from './live/live-hub.ts';
import type { LiveView } from './live/live-view.ts';

/** A device as the API shows it (docs/api.md, `DeviceView`): stored facts, its zone, and the live side. */
export interface DeviceView extends Omit<DeviceRecord, 'tz'> {
  /** The device's zone, or the service default. */
  readonly tz: string;
  readonly live: LiveView | null;
  readonly activeEvents: CrampWatchEvent[];
}

/**
 * Joins what the store keeps of a device with what the live hub knows now. Both come from the same
 * pipeline: the store a moment later (through the spool), so `lastSeen` may trail `live.at`.
 */
export function deviceView(record: DeviceRecord, defaultTz: string, live: LiveHub): DeviceView {
  return {
    ...record,
    tz: record.tz ?? defaultTz,
    live: live.live(record.id),
    activeEvents: live.activeEvents(record.id),
  };
}
