import type { DeviceId, EpochMs } from '../../protocol/index.ts';

/**
 * One MQTT message of a simulated night, in arrival order: what a recording stores (topic and
 * payload) plus what a live publisher needs (when to send it and whether the broker retains it).
 */
export interface SimMessage {
  readonly topic: string;
  /** Binary frames as bytes, JSON frames and statuses as text. */
  readonly payload: Uint8Array | string;
  readonly device: DeviceId;
  readonly kind: 'frame' | 'status';
  /** When the gateway (or, for a last will, the broker) sends it: band-clock Unix ms. */
  readonly sendMs: EpochMs;
  /** Statuses are retained (band protocol, "MQTT topics"); frames are not. */
  readonly retain: boolean;
}
