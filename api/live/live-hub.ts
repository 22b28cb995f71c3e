import type { SecondSummary } from '../../detector/index.ts';
import type { AlertMessage, CrampWatchEvent, DeviceId } from '../../protocol/index.ts';
import { AlertRing } from './alert-ring.ts';
import { encodeLiveMessage, type LiveStatus } from './live-messages.ts';
import { type LiveView, liveViewOf } from './live-view.ts';

/** One receiver of live messages: a WebSocket client, with its token's scope and subscription. */
export interface LiveSubscriber {
  /** True when the subscriber may and wants to hear about `device` now. */
  wants(device: DeviceId): boolean;
  send(json: string): void;
}

export interface LiveHubOptions {
  /** Alerts kept for clients that reconnect (docs/api.md: 1,000). */
  readonly ringSize?: number;
  /** Period of the `summary` messages, ms (docs/api.md: 1 Hz). */
  readonly summaryEveryMs?: number;
  /** Told when a subscriber's `send` throws; the others are served all the same. */
  readonly onError?: (err: unknown) => void;
}

/**
 * What the live side of the API knows and pushes: the service feeds it alert phases, band status
 * and the detector's per-second summaries; it keeps each band's latest second and its events in
 * progress (for `DeviceView`), numbers alerts and keeps the last ones for reconnecting clients,
 * and fans every message out to the subscribers that want its device.
 */
export interface LiveHub {
  /** Starts the `summary` timer. */
  start(): void;
  /** Stops the timer and forgets the subscribers (their sockets are the server's to close). */
  stop(): void;
  /** An alert phase; late events are not live (events-and-recordings.md) and are ignored here. */
  alert(message: AlertMessage): void;
  status(status: LiveStatus): void;
  second(summary: SecondSummary): void;
  /** The band's latest second, or null when none came since the service started. */
  live(device: DeviceId): LiveView | null;
  /** The band's events started and not yet ended (non-late), by start. */
  activeEvents(device: DeviceId): CrampWatchEvent[];
  /** Every band the hub has heard of since it started. */
  devices(): DeviceId[];
  readonly latestSeq: number;
  /**
   * Adds a subscriber; when `since` is given it is first sent the held alerts after that `seq`
   * that it wants (all held ones if `since` is ahead of the hub: a client of an earlier run of
   * the service). Synchronous, so no alert falls between the replay and the live ones, nor comes
   * twice. Returns the detach function.
   */
  attach(subscriber: LiveSubscriber, since?: number): () => void;
  readonly subscriberCount: number;
}

export function createLiveHub(options: LiveHubOptions = {}): LiveHub {
  const ring = new AlertRing(options.ringSize ?? 1000);
  const summaryEveryMs = options.summaryEveryMs ?? 1000;
  const onError = options.onError ?? (() => {});
  const subscribers = new Set<LiveSubscriber>();
  const latest = new Map<DeviceId, LiveView>();
  const active = new Map<DeviceId, Map<string, CrampWatchEvent>>();
  const known = new Set<DeviceId>();
  let timer: NodeJS.Timeout | undefined;

  const fanOut = (device: DeviceId, json: string) => {
    for (const subscriber of subscribers) {
      if (!subscriber.wants(device)) continue;
      try {
        subscriber.send(json);
      } catch (err) {
        onError(err);
      }
    }
  };

  const trackActive = ({ phase, event }: AlertMessage) => {
    let events = active.get(event.device);
    if (events === undefined) {
      events = new Map();
      active.set(event.device, events);
    }
    if (phase === 'end' || event.end !== null) events.delete(event.id);
    else events.set(event.id, event);
  };

  /** Every band's latest second to whoever wants it, each serialised once. */
  const sendSummaries = () => {
    for (const [device, view] of latest) {
      fanOut(device, encodeLiveMessage({ type: 'summary', device, ...view }));
    }
  };

  return {
    start() {
      if (timer !== undefined) return;
      timer = setInterval(sendSummaries, summaryEveryMs);
      timer.unref(); // the live view never keeps the process alive by itself
    },
    stop() {
      clearInterval(timer);
      timer = undefined;
      subscribers.clear();
    },
    alert(message) {
      const { phase, event } = message;
      if (event.late) return;
      known.add(event.device);
      trackActive(message);
      const alert = ring.push(event.device, (seq) => encodeLiveMessage({ type: 'alert', seq, phase, event }));
      fanOut(event.device, alert.json);
    },
    status(status) {
      known.add(status.device);
      fanOut(status.device, encodeLiveMessage({ type: 'status', ...status }));
    },
    second(summary) {
      known.add(summary.device);
      const previous = latest.get(summary.device);
      // A late second (a gap filled afterwards) is stored, but is not the band's present.
      if (previous === undefined || summary.t >= previous.at) latest.set(summary.device, liveViewOf(summary));
    },
    live: (device) => latest.get(device) ?? null,
    activeEvents: (device) => [...(active.get(device)?.values() ?? [])].sort((a, b) => a.start - b.start),
    devices: () => [...known].sort(),
    get latestSeq() {
      return ring.latestSeq;
    },
    attach(subscriber, since) {
      if (since !== undefined) {
        const from = since > ring.latestSeq ? 0 : since;
        for (const alert of ring.after(from)) {
          if (subscriber.wants(alert.device)) subscriber.send(alert.json);
        }
      }
      subscribers.add(subscriber);
      return () => subscribers.delete(subscriber);
    },
    get subscriberCount() {
      return subscribers.size;
    },
  };
}
