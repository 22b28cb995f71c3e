import type { AlertMessage, CrampWatchEvent, DeviceId, EpochMs } from '../../protocol/index.ts';
import type { ErrorBody } from '../errors.ts';
import type { LiveView } from './live-view.ts';

/** A status change of a band, as the ingest received it. */
export interface LiveStatus {
  readonly device: DeviceId;
  readonly online: boolean;
  /** 0–1, or null when the band did not say. */
  readonly battery: number | null;
  readonly leadOff: boolean | null;
  /** When the service received it. */
  readonly at: EpochMs;
}

/**
 * Every message the server sends on `GET /api/v1/live`, one JSON object each (docs/api.md,
 * "Live"). The `type` field tells them apart; a client ignores types it does not know.
 */
export type LiveMessage =
  | { readonly type: 'hello'; readonly seq: number; readonly devices: DeviceId[] }
  | { readonly type: 'subscribed'; readonly devices: DeviceId[] | null }
  | {
      readonly type: 'alert';
      readonly seq: number;
      readonly phase: AlertMessage['phase'];
      readonly event: CrampWatchEvent;
    }
  | ({ readonly type: 'status' } & LiveStatus)
  | ({ readonly type: 'summary'; readonly device: DeviceId } & LiveView)
  | ({ readonly type: 'error' } & ErrorBody);

/** Serialises a message (one place, so that every message goes out the same way). */
export function encodeLiveMessage(message: LiveMessage): string {
  return JSON.stringify(message);
}
