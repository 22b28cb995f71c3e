import type { Logger } from 'pino';
import {
  type BandTopic,
  type Decoded,
  type DeviceId,
  decodeFrame,
  decodeStatus,
  type EpochMs,
  type Frame,
  frameFromJson,
  parseBandTopic,
  type Rejection,
  statusFromJson,
} from '../protocol/index.ts';
import type { IngestItem } from './ingest-item.ts';
import type { IngestMetrics } from './ingest-metrics.ts';
import type { Quarantine } from './quarantine.ts';
import { RateLimitedLog } from './rate-limited-log.ts';
import type { Sequencer } from './sequencer.ts';

export interface MessageHandlerDeps {
  readonly topicPrefix: string;
  readonly sequencer: Sequencer;
  readonly quarantine: Quarantine;
  readonly metrics?: IngestMetrics;
  readonly log: Logger;
  /** The service clock, for the protocol's clock-error rule (t0 ahead of it). */
  readonly now: () => EpochMs;
}

/** What became of one message. */
export type HandledMessage =
  | { readonly kind: 'accepted'; readonly items: readonly IngestItem[] }
  | { readonly kind: 'duplicate' }
  | { readonly kind: 'ignored' }
  | { readonly kind: 'rejected'; readonly reason: Rejection };

/** Rejections are logged at most once per device and reason in this many milliseconds. */
const REJECT_LOG_INTERVAL_MS = 10_000;
/** Valid topics remembered parsed; a few per band, so this holds thousands of bands. */
const TOPIC_CACHE_SIZE = 10_000;

/**
 * Turns one MQTT message into what the ingest hands on: validates the topic and payload,
 * sequences frames per device and boot, and counts, logs (rate-limited) and quarantines what it
 * refuses. Synchronous and never throws, so one bad message cannot disturb any other.
 * The live subscriber and `analyze` both go through here.
 */
export class MessageHandler {
  private readonly rejectLog = new RateLimitedLog(REJECT_LOG_INTERVAL_MS);
  /** Parsing a topic cost about 5% of a drain: each band uses the same few topics over and over. */
  private readonly topics = new Map<string, Decoded<BandTopic>>();

  constructor(private readonly deps: MessageHandlerDeps) {}

  /**
   * @param receivedAt when the message arrived (the live clock, or a recording's own clock)
   * @param json the payload already parsed, where a recording stored it as an object
   */
  handle(topic: string, payload: Uint8Array, receivedAt: EpochMs, json?: unknown): HandledMessage {
    const parsedTopic = this.parseTopic(topic);
    if (!parsedTopic.ok) return this.refuse(undefined, topic, payload, parsedTopic.error);
    const { device, kind } = parsedTopic.value;
    if (kind === 'event') return { kind: 'ignored' };
    if (kind === 'status') {
      const status = json === undefined ? decodeStatus(payload) : statusFromJson(json);
      if (!status.ok) return this.refuse(device, topic, payload, status.error);
      this.deps.metrics?.status(device);
      return { kind: 'accepted', items: [{ kind: 'status', device, status: status.value, receivedAt }] };
    }
    const nowMs = this.deps.now();
    // Only an object is the JSON encoding (first byte "{"); any other value goes the bytes way, so
    // that a recording replays with the same verdict (encoding-unknown) as the live message had.
    const frame = isJsonObject(json) ? frameFromJson(json, nowMs) : decodeFrame(payload, nowMs);
    if (!frame.ok) return this.refuse(device, topic, payload, frame.error);
    return this.sequence(device, topic, payload, frame.value, receivedAt);
  }

  private parseTopic(topic: string): Decoded<BandTopic> {
    const cached = this.topics.get(topic);
    if (cached) return cached;
    const parsed = parseBandTopic(this.deps.topicPrefix, topic);
    if (!parsed.ok) return parsed; // garbage is not remembered: it could fill the cache
    if (this.topics.size >= TOPIC_CACHE_SIZE) this.topics.clear();
    this.topics.set(topic, parsed);
    return parsed;
  }

  private sequence(
    device: DeviceId,
    topic: string,
    payload: Uint8Array,
    frame: Frame,
    receivedAt: EpochMs,
  ): HandledMessage {
    const admission = this.deps.sequencer.admit(device, frame, receivedAt);
    if (admission.kind === 'rejected') return this.refuse(device, topic, payload, admission.rejection);
    if (admission.kind === 'duplicate') {
      this.deps.metrics?.duplicate(device);
      return { kind: 'duplicate' };
    }
    const metrics = this.deps.metrics;
    if (metrics) {
      metrics.frameAccepted(device, admission.late);
      if (admission.gap) metrics.gap(device, admission.gap.missingFrames);
      if (admission.items[0]?.kind === 'reboot') metrics.reboot(device);
    }
    return { kind: 'accepted', items: admission.items };
  }

  private refuse(
    device: DeviceId | undefined,
    topic: string,
    payload: Uint8Array,
    reason: Rejection,
  ): HandledMessage {
    const at = this.deps.now();
    this.deps.quarantine.add(at, topic, payload, reason);
    this.deps.metrics?.rejectedMessage(device, reason.code);
    const suppressed = this.rejectLog.allow(`${device ?? ''}\u0000${reason.code}`, at);
    if (suppressed !== undefined) {
      this.deps.log.warn(
        { device, topic: topic.slice(0, 200), reason: reason.code, suppressed },
        reason.message,
      );
    }
    return { kind: 'rejected', reason };
  }
}

function isJsonObject(x: unknown): x is object {
  return typeof x === 'object' && x !== null && !Array.isArray(x);
}
