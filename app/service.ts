import type { Logger } from 'pino';
import { collectDefaultMetrics, Registry } from 'prom-client';
import { buildApi } from '../api/index.ts';
import { createDetector } from '../detector/index.ts';
import {
  createEmbeddedBroker,
  createMqttIngest,
  type EmbeddedBroker,
  type IngestItem,
  IngestMetrics,
  MessageHandler,
  Quarantine,
  Sequencer,
} from '../ingest/index.ts';
import { bandTopic } from '../protocol/index.ts';
import { AlertHub, type AlertListener } from './alert-hub.ts';
import type { Config } from './config.ts';

/** Something that wants every item the ingest hands on (the demo's printer, tests). */
export type IngestObserver = (items: readonly IngestItem[]) => void;

export interface ServiceDeps {
  readonly config: Config;
  readonly log: Logger;
  readonly observers?: readonly IngestObserver[];
  /** Subscribed to the detector's alert phases before any frame arrives. */
  readonly alertListeners?: readonly AlertListener[];
  /** Called when the pipeline cannot take a message; the process should exit (see createMqttIngest). */
  readonly onFatal: (err: unknown) => void;
}

export interface RunningService {
  readonly mqttUrl: string;
  /** Every alert phase the detector emits (live and late); subscribe for in-process delivery. */
  readonly alerts: AlertHub;
  readonly httpUrl: string;
  stop(): Promise<void>;
}

/**
 * The composition root: the one place that wires every stage — embedded broker (unless an
 * external one is configured) → ingest → detector → alerts (MQTT event topic, listeners), and the HTTP API over them. Read this file
 * to see the whole data flow.
 */
export async function startService(deps: ServiceDeps): Promise<RunningService> {
  const { config, log } = deps;
  const registry = new Registry();
  collectDefaultMetrics({ register: registry });
  const ingestMetrics = new IngestMetrics(registry);
  const quarantine = new Quarantine();
  const sequencer = new Sequencer();
  const now = () => Date.now();
  const handler = new MessageHandler({
    topicPrefix: config.mqtt.topicPrefix,
    sequencer,
    quarantine,
    metrics: ingestMetrics,
    log: log.child({ stage: 'ingest' }),
    now,
  });

  let broker: EmbeddedBroker | undefined;
  let mqttUrl = config.mqtt.url;
  if (mqttUrl === undefined) {
    broker = createEmbeddedBroker(
      { port: config.mqtt.port, host: config.mqtt.host },
      log.child({ stage: 'broker' }),
    );
    const port = await broker.start();
    mqttUrl = `mqtt://127.0.0.1:${port}`;
  }

  const observers = deps.observers ?? [];
  const detector = createDetector();
  const alerts = new AlertHub();
  const alertLog = log.child({ stage: 'alerts' });
  const detect = (items: readonly IngestItem[]) => {
    for (const item of items) {
      for (const output of detector.push(item.device, item))
        alerts.publish(output, (err) => alertLog.error({ err }));
    }
  };
  const ingest = createMqttIngest({
    options: {
      url: mqttUrl,
      topicPrefix: config.mqtt.topicPrefix,
      clientId: config.mqtt.clientId,
      ...(config.mqtt.username === undefined ? {} : { username: config.mqtt.username }),
      ...(config.mqtt.password === undefined ? {} : { password: config.mqtt.password }),
      reconnectInitialMs: 500,
      reconnectMaxMs: 30_000,
    },
    handler,
    sink: (items) => {
      detect(items);
      for (const observe of observers) observe(items);
    },
    log: log.child({ stage: 'mqtt' }),
    metrics: ingestMetrics,
    now,
    onFatal: deps.onFatal,
  });

  // Live alerts go out on the band's event topic (band protocol, "MQTT topics"); late ones are
  // stored, not pushed (events-and-recordings.md, "Live alert phases").
  alerts.subscribe(({ phase, event }) => {
    if (!event.late) {
      ingest.publish(
        bandTopic(config.mqtt.topicPrefix, event.device, 'event'),
        JSON.stringify({ phase, event }),
      );
    }
  });
  for (const listener of deps.alertListeners ?? []) alerts.subscribe(listener);

  const startedAt = now();
  const api = buildApi({
    metrics: registry,
    quarantine: (limit) => quarantine.list(limit),
    health: () => ({
      mqttConnected: ingest.connected,
      mqttUrl: redactUrl(mqttUrl),
      devices: sequencer.deviceCount,
      startedAt,
    }),
  });
  let httpAddress: string;
  try {
    httpAddress = await api.listen({ port: config.http.port, host: config.http.host });
    log.info({ url: httpAddress }, 'HTTP listening');
    await ingest.start();
  } catch (err) {
    // Leave nothing running behind a failed start (a taken port, say).
    await ingest.stop();
    await api.close();
    await broker?.stop();
    throw err;
  }

  return {
    mqttUrl,
    alerts,
    httpUrl: httpAddress.replace('0.0.0.0', '127.0.0.1'),
    async stop() {
      await ingest.stop();
      await api.close();
      await broker?.stop();
    },
  };
}

function redactUrl(url: string): string {
  try {
    const u = new URL(url);
    if (u.password) u.password = '***';
    return u.toString();
  } catch {
    return url;
  }
}
