import type { WebSocket } from 'ws';
import type { DeviceId } from '../../protocol/index.ts';
import { canSee, type Principal } from '../auth/principal.ts';
import type { LiveSubscriber } from './live-hub.ts';

/**
 * A client that reads slower than the service sends is closed once this much waits in its send
 * buffer (about a minute of summaries for a few bands, or hundreds of alerts), rather than let its
 * backlog grow without bound; it reconnects with `since` and loses no alert still held.
 */
export const MAX_BUFFERED_BYTES = 1024 * 1024;

/** Close code for a client too slow to keep up (RFC 6455 §7.4.1 registry: 1013 "Try Again Later"). */
export const CLOSE_TOO_SLOW = 1013;

/**
 * One WebSocket client of the live hub: its token's scope and its current subscription (null:
 * every device the token may see, including bands first heard of later).
 */
export class LiveClient implements LiveSubscriber {
  private subscription: ReadonlySet<DeviceId> | null;

  constructor(
    private readonly socket: WebSocket,
    private readonly principal: Principal,
    devices: readonly DeviceId[] | null,
  ) {
    this.subscription = devices === null ? null : new Set(devices);
  }

  wants(device: DeviceId): boolean {
    return canSee(this.principal, device) && (this.subscription === null || this.subscription.has(device));
  }

  send(json: string): void {
    if (this.socket.readyState !== this.socket.OPEN) return;
    if (this.socket.bufferedAmount > MAX_BUFFERED_BYTES) {
      this.socket.close(CLOSE_TOO_SLOW, 'too slow: reconnect with since');
      return;
    }
    this.socket.send(json);
  }

  /**
   * Replaces the subscription (absent: every device the token may see) and returns it as it now
   * is: devices out of the token's scope are left out, never refused loudly — the client learns
   * what it got from the answer.
   */
  subscribe(devices: readonly DeviceId[] | undefined): DeviceId[] | null {
    if (devices === undefined) {
      this.subscription = null;
      return null;
    }
    const allowed = [...new Set(devices)].filter((d) => canSee(this.principal, d)).sort();
    this.subscription = new Set(allowed);
    return allowed;
  }
}
