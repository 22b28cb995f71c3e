import mqtt, { type IClientOptions, type MqttClient } from 'mqtt';
import type { Logger } from 'pino';
import { bandTopic, type EpochMs } from '../protocol/index.ts';
import { AckBatcher } from './ack-batcher.ts';
import type { IngestSink } from './ingest-item.ts';
import type { IngestMetrics } from './ingest-metrics.ts';
import type { MessageHandler } from './message-handler.ts';
import { RateLimitedLog } from './rate-limited-log.ts';
import { ReconnectBackoff } from './reconnect-backoff.ts';

/**
 * PUBACKs held at most before they are written in one go: below the broker's in-flight window
 * (Mosquitto's `max_inflight_messages`, 20 by default), so that it never waits on us for them.
 */
const ACKS_HELD_MAX = 16;

export interface MqttIngestOptions {
  readonly url: string;
  readonly topicPrefix: string;
  /** Fixed, so that the broker keeps the session (and queues frames) while the service is away. */
  readonly clientId: string;
  readonly username?: string;
  readonly password?: string;
  readonly reconnectInitialMs: number;
  readonly reconnectMaxMs: number;
}

export interface MqttIngestDeps {
  readonly options: MqttIngestOptions;
  readonly handler: MessageHandler;
  readonly sink: IngestSink;
  readonly log: Logger;
  readonly metrics?: IngestMetrics;
  readonly now: () => EpochMs;
  /**
   * Called when the sink fails: the message is then neither acknowledged nor lost, and the
   * process should exit so that the broker redelivers it to the next run.
   */
  readonly onFatal: (err: unknown) => void;
}

export interface MqttIngest {
  /** Connects; resolves once the first connection is up and subscribed. */
  start(): Promise<void>;
  stop(): Promise<void>;
  readonly connected: boolean;
  /**
   * Publishes on the ingest's own connection (QoS 1): the detector's events on
   * `<prefix>/<device>/event`. mqtt.js keeps QoS 1 messages while disconnected and sends them
   * on reconnect.
   */
  publish(topic: string, payload: string): void;
}

/**
 * The ingest's MQTT subscriber: QoS 1 on `<prefix>/+/frame` and `<prefix>/+/status`, with a
 * persistent session (fixed client id, clean false) so the broker queues frames while the
 * service is down. It resubscribes when the broker has lost the session (CONNACK session
 * present = 0, MQTT 3.1.1 §3.2.2.2) and reconnects with exponential backoff.
 *
 * Each message is acknowledged (PUBACK, §4.3.2) only after the sink has taken what it produced,
 * and mqtt.js reads the next packet only after that: frames are handed on in order and a crash
 * loses nothing the broker has not seen acknowledged.
 */
/** How long `stop` lets the client end cleanly before it forces the end. */
const STOP_GRACE_MS = 3000;

export function createMqttIngest(deps: MqttIngestDeps): MqttIngest {
  const { options, handler, sink, log, metrics, now } = deps;
  const backoff = new ReconnectBackoff(options.reconnectInitialMs, options.reconnectMaxMs);
  const errorLog = new RateLimitedLog(30_000);
  const topics = [
    bandTopic(options.topicPrefix, '+', 'frame'),
    bandTopic(options.topicPrefix, '+', 'status'),
  ];
  const acks = new AckBatcher(ACKS_HELD_MAX);
  let client: MqttClient | undefined;
  let failed = false;
  /** A message's sink promise is pending: it is not acknowledged yet. */
  let held = false;

  function onMessage(packet: { topic: string; payload: Buffer | string }, ack: (err?: Error) => void): void {
    if (failed) return; // never acknowledge after a sink failure: the broker must redeliver
    if (held) {
      // mqtt.js reads nothing while a message is held, so the connection timed out and came back
      // with the broker redelivering: acknowledging anything now (even the held message, seen as a
      // duplicate) could confirm what is not yet durable. Start afresh instead: nothing is lost,
      // the broker keeps every unacknowledged message and the journal rebuilds the state.
      fail(new Error('the broker connection was lost while a message was held unacknowledged'));
      return;
    }
    // The acknowledgement below is written once the burst this message came in is handled.
    if (client?.stream) acks.hold(client.stream);
    const payload = typeof packet.payload === 'string' ? Buffer.from(packet.payload) : packet.payload;
    const receivedAt = now();
    const handled = handler.handle(packet.topic, payload, receivedAt);
    if (handled.kind !== 'accepted') {
      ack();
      return;
    }
    let pending: void | Promise<void>;
    try {
      pending = sink(handled.items, { topic: packet.topic, payload, receivedAt });
    } catch (err) {
      fail(err);
      return;
    }
    if (pending instanceof Promise) {
      held = true;
      pending.then(() => {
        held = false;
        ack();
      }, fail);
    } else ack();
  }

  function fail(err: unknown): void {
    failed = true;
    acks.release(); // the messages before this one were handed on: their acknowledgements go out
    log.fatal({ err }, 'the sink failed to take a message; it stays unacknowledged for redelivery');
    deps.onFatal(err);
  }

  return {
    start() {
      const clientOptions: IClientOptions = {
        clientId: options.clientId,
        clean: false,
        protocolVersion: 4,
        reconnectPeriod: options.reconnectInitialMs,
        resubscribe: false,
        connectTimeout: 10_000,
        ...(options.username === undefined ? {} : { username: options.username }),
        ...(options.password === undefined ? {} : { password: options.password }),
      };
      const c = mqtt.connect(options.url, clientOptions);
      client = c;
      c.handleMessage = onMessage;
      // Runs before mqtt.js schedules its next attempt, so the new delay applies to it.
      c.prependListener('close', () => {
        metrics?.connected.set(0);
        c.options.reconnectPeriod = backoff.nextDelayMs();
      });
      c.on('error', (err) => {
        const suppressed = errorLog.allow(err.message, now());
        if (suppressed !== undefined) log.warn({ err: err.message, suppressed }, 'MQTT connection error');
      });
      return new Promise<void>((resolve, reject) => {
        c.on('connect', (connack) => {
          backoff.reset();
          c.options.reconnectPeriod = options.reconnectInitialMs;
          metrics?.connected.set(1);
          if (connack.sessionPresent) {
            log.info({ url: options.url }, 'connected; the broker kept our session');
            return resolve();
          }
          c.subscribe(topics, { qos: 1 }, (err, granted) => {
            if (err) {
              log.error({ err }, 'subscribe failed');
              return reject(err);
            }
            const refused = granted?.filter((g) => g.qos === 128) ?? [];
            if (refused.length > 0)
              return reject(new Error(`the broker refused ${refused.map((g) => g.topic).join(', ')}`));
            log.info({ url: options.url, topics }, 'connected and subscribed');
            resolve();
          });
        });
      });
    },
    async stop() {
      acks.release();
      failed = true; // nothing more is acknowledged: a message still held stays with the broker
      const c = client;
      client = undefined;
      if (!c) return;
      // A clean end waits for the broker to acknowledge our own publishes; if it cannot (a held
      // message blocks mqtt.js's reading, or the broker is gone), end at once after a while.
      let timer: NodeJS.Timeout | undefined;
      const ended = await Promise.race([
        c.endAsync().then(() => true),
        new Promise<false>((r) => {
          timer = setTimeout(() => r(false), STOP_GRACE_MS);
        }),
      ]);
      clearTimeout(timer);
      if (!ended) await c.endAsync(true);
    },
    get connected() {
      return client?.connected ?? false;
    },
    publish(topic, payload) {
      client?.publish(topic, payload, { qos: 1 }, (err) => {
        if (err) log.warn({ err: err.message, topic }, 'could not publish');
      });
    },
  };
}
