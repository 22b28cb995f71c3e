import type { Registry } from 'prom-client';
import type { QuarantinedMessage } from '../ingest/index.ts';
import type { EpochMs } from '../protocol/index.ts';
import type { Store } from '../storage/index.ts';
import type { TokenStore } from './auth/token-store.ts';
import type { ErrorLog } from './error-handler.ts';
import type { LiveHub } from './live/live-hub.ts';

/** What the HTTP API reads from the running service. */
export interface ApiDeps {
  readonly metrics: Registry;
  readonly health: () => ServiceHealth;
  readonly quarantine: (limit: number) => readonly QuarantinedMessage[];
  /** Devices, nights and events are read from here (and device settings written). */
  readonly store: Store;
  /** Live alerts, status and summaries; the source of `DeviceView.live` and `activeEvents`. */
  readonly live: LiveHub;
  readonly tokens: TokenStore;
  /** The wearers' IANA zone where a device has none set (CRAMPWATCH_TZ). */
  readonly timeZone: string;
  /** The dashboard's built files (`dashboard/dist`); a hint page is served while it is missing. */
  readonly dashboardDir: string;
  /** The clock (injectable for tests): picks tonight, ends open events, refuses future nights. */
  readonly now?: () => EpochMs;
  /** Where unexpected failures are logged; silent when absent. */
  readonly log?: ErrorLog;
}

export interface ServiceHealth {
  readonly mqttConnected: boolean;
  readonly mqttUrl: string;
  readonly devices: number;
  readonly startedAt: number;
  /** The store and the spool in front of it. */
  readonly store: {
    readonly kind: string;
    readonly storeHealthy: boolean;
    readonly lastError: string | null;
    readonly pendingRecords: number;
    readonly spoolBytes: number;
    readonly maxBytes: number;
    readonly warning: boolean;
    readonly droppedRecords: number;
  };
}
