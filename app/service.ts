import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Logger } from 'pino';
import { collectDefaultMetrics, Gauge, Registry } from 'prom-client';
import { buildApi, createLiveHub, type LiveHub, openTokenStore } from '../api/index.ts';
import { createDetector, type DetectorOutput } from '../detector/index.ts';
import {
  type AcceptedMessage,
  createEmbeddedBroker,
  createMqttIngest,
  type EmbeddedBroker,
  type IngestItem,
  IngestMetrics,
  MessageHandler,
  MessageJournal,
  Quarantine,
  Sequencer,
} from '../ingest/index.ts';
import { bandTopic } from '../protocol/index.ts';
import {
  createDurableWriter,
  createInfluxStore,
  createSqliteStore,
  type DurableWriter,
  SpoolFullError,
  type Store,
  type StoreRecord,
} from '../storage/index.ts';
import { AlertHub, type AlertListener } from './alert-hub.ts';
import type { Config } from './config.ts';
import { closeOrphanedEvents } from './orphaned-events.ts';
import { PipelineMetrics } from './pipeline-metrics.ts';
import { StoreRecordCollector } from './store-records.ts';

/** Ingest counters are stored this often. */
const COUNTERS_EVERY_MS = 60_000;

/** Where the dashboard engineer's Vite build puts the page the service serves at `/`. */
const DASHBOARD_DIR = fileURLToPath(new URL('../dashboard/dist', import.meta.url));

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
  /** The API's admin bearer token (configured, or from `<dataDir>/admin-token`). */
  readonly adminToken: string;
  /** The dashboard with the admin token: `http://127.0.0.1:<port>/?token=<token>`. */
  readonly dashboardUrl: string;
  /** What the WebSocket clients are sent: live alerts, band status, per-second summaries. */
  readonly live: LiveHub;
  readonly store: Store;
  /** The spool in front of the store (its stats; `flush()` for tests). */
  readonly writer: DurableWriter;
  stop(): Promise<void>;
}

/**
 * The composition root: the one place that wires every stage — embedded broker (unless an
 * external one is configured) → ingest → detector → store (through the spool) and alerts (MQTT
 * event topic, listeners, the live hub of the WebSocket), and the HTTP API over them. Read this
 * file to see the whole data flow.
 */
export async function startService(deps: ServiceDeps): Promise<RunningService> {
  const { config, log } = deps;
  // First, so that an unreadable token file stops the start before anything runs.
  const tokens = await openTokenStore({ dataDir: config.dataDir, adminToken: config.adminToken });
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

  const store = await openStore(config, log.child({ stage: 'store' }));
  const writer = await createDurableWriter({
    store,
    dir: join(config.dataDir, 'spool'),
    maxBytes: config.spoolMaxBytes,
    log: log.child({ stage: 'spool' }),
  });
  const journal = MessageJournal.open(
    join(config.dataDir, 'journal'),
    config.journalMs,
    log.child({ stage: 'journal' }),
  );
  const records = new StoreRecordCollector();
  const live = createLiveHub({ onError: (err) => log.warn({ err }, 'live client send failed') });
  const observers = [...(deps.observers ?? []), statusToLive(live)];
  // The live view starts with the first second after the replay: the replayed ones are the past.
  let liveSeconds = false;
  const detector = createDetector({
    onSecond: (summary) => {
      records.second(summary);
      if (liveSeconds) live.second(summary);
    },
  });
  // The replay rebuilds the sequencer and the detector, without counting the messages again.
  const replayHandler = new MessageHandler({
    topicPrefix: config.mqtt.topicPrefix,
    sequencer,
    quarantine: new Quarantine({ capacity: 1, maxPayloadBytes: 64 }),
    log: log.child({ stage: 'journal' }),
    now,
  });
  const windowStartMs = now() - config.journalMs;
  const resumed = await resumeFromJournal(journal, replayHandler, detector, windowStartMs);
  records.take(); // what the replay produced was stored before the restart
  try {
    const closing = await closeOrphanedEvents(store, windowStartMs, (device) =>
      detector.openEventIds(device),
    );
    if (closing.length > 0) {
      writer.append(closing);
      log.warn({ events: closing.length }, 'closed events left open before the journal window (end unknown)');
    }
  } catch (err) {
    log.warn({ err }, 'could not look for events left open before a restart; will look at the next start');
  }
  liveSeconds = true;
  if (resumed > 0) log.info({ messages: resumed }, 'detector resumed from the journal of the recent past');
  const alerts = new AlertHub();
  const alertLog = log.child({ stage: 'alerts' });
  /**
   * One accepted message: detect and alert (at once: an alert must not wait for a disk), make
   * what it produced durable (spool), journal the message. The ingest acknowledges it only after
   * this returns. A crash between the alert and the spool repeats the alert on redelivery.
   */
  const pipelineMetrics = new PipelineMetrics(registry);
  let stopping = false;
  const sink = (items: readonly IngestItem[], message: AcceptedMessage) => {
    const outputs: DetectorOutput[] = [];
    for (const item of items) {
      records.item(item);
      for (const output of detector.push(item.device, item)) {
        records.output(output);
        outputs.push(output);
      }
    }
    pipelineMetrics.processed(items, now());
    for (const output of outputs) {
      pipelineMetrics.output(output);
      alerts.publish(output, (err) => alertLog.error({ err }));
    }
    for (const observe of observers) observe(items);
    const produced = records.take();
    const journalIt = () => journal.append(message.topic, message.payload, message.receivedAt);
    try {
      if (produced.length > 0) writer.append(produced);
    } catch (err) {
      if (!(err instanceof SpoolFullError)) throw err;
      // Even the spool's reserve is full: hold this message unacknowledged (the broker keeps the
      // ones behind it) until the store has drained some, rather than lose or crash.
      return appendWhenRoom(writer, produced, log, () => stopping).then(journalIt);
    }
    journalIt();
  };
  const countersTimer = setInterval(() => {
    records.counters(now(), ingestMetrics.deviceTotals());
    const produced = records.take();
    try {
      if (produced.length > 0) writer.append(produced);
    } catch (err) {
      log.warn({ err }, 'ingest counters not stored');
    }
  }, COUNTERS_EVERY_MS);
  countersTimer.unref();
  spoolMetrics(registry, writer);
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
    sink,
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
  // The WebSocket's alerts (the hub leaves out late ones, like the event topic).
  alerts.subscribe((output) => live.alert(output));

  const startedAt = now();
  const api = await buildApi({
    store,
    live,
    tokens,
    timeZone: config.timeZone,
    dashboardDir: DASHBOARD_DIR,
    log: log.child({ stage: 'api' }),
    metrics: registry,
    quarantine: (limit) => quarantine.list(limit),
    health: () => ({
      mqttConnected: ingest.connected,
      mqttUrl: redactUrl(mqttUrl),
      devices: sequencer.deviceCount,
      startedAt,
      store: { kind: store.kind, ...writer.stats() },
    }),
  });
  let httpAddress: string;
  try {
    live.start();
    httpAddress = await api.listen({ port: config.http.port, host: config.http.host });
    log.info({ url: httpAddress }, 'HTTP listening');
    await ingest.start();
  } catch (err) {
    // Leave nothing running behind a failed start (a taken port, say).
    await ingest.stop();
    await api.close();
    live.stop();
    await closeStorage();
    await broker?.stop();
    throw err;
  }
  const httpUrl = httpAddress.replace('0.0.0.0', '127.0.0.1');

  async function closeStorage(): Promise<void> {
    clearInterval(countersTimer);
    await writer.close();
    journal.close();
    await store.close();
  }

  return {
    mqttUrl,
    alerts,
    httpUrl,
    adminToken: tokens.adminToken,
    dashboardUrl: `${httpUrl}/?token=${encodeURIComponent(tokens.adminToken)}`,
    live,
    store,
    writer,
    async stop() {
      stopping = true;
      await ingest.stop();
      await api.close();
      live.stop();
      await closeStorage();
      await broker?.stop();
    },
  };
}

/** Band status changes as the ingest accepts them, to the live hub (the WebSocket's `status`). */
function statusToLive(live: LiveHub): IngestObserver {
  return (items) => {
    for (const item of items) {
      if (item.kind !== 'status') continue;
      const { status } = item;
      live.status({
        device: item.device,
        online: status.online,
        battery: status.battery ?? null,
        leadOff: status.leadOff ?? null,
        at: item.receivedAt,
      });
    }
  };
}

/** InfluxDB when configured, else the embedded SQLite store in the data directory. */
async function openStore(config: Config, log: Logger): Promise<Store> {
  if (!config.influx) return createSqliteStore({ dir: config.dataDir });
  const { url, db, token, username, password } = config.influx;
  return createInfluxStore({
    url,
    db,
    log,
    ...(token === undefined ? {} : { token }),
    ...(username === undefined ? {} : { username }),
    ...(password === undefined ? {} : { password }),
  });
}

/**
 * Rebuilds the ingest's and the detector's state after a restart by replaying the journal's
 * recent past: a cramp in progress when the service stopped goes on with its true start. What
 * the replay produces was stored before the restart and is dropped by the caller.
 */
async function resumeFromJournal(
  journal: MessageJournal,
  handler: MessageHandler,
  detector: ReturnType<typeof createDetector>,
  sinceMs: number,
): Promise<number> {
  let messages = 0;
  for await (const m of journal.replay(sinceMs)) {
    const handled = handler.handle(m.topic, m.payload, m.receivedAt);
    if (handled.kind === 'accepted') for (const item of handled.items) detector.push(item.device, item);
    messages++;
  }
  return messages;
}

/** Retries an append refused by a full spool every second until it is taken. */
async function appendWhenRoom(
  writer: DurableWriter,
  records: StoreRecord[],
  log: Logger,
  stopping: () => boolean,
): Promise<void> {
  log.error('spool full: holding MQTT messages unacknowledged until the store drains it');
  for (;;) {
    await new Promise((r) => setTimeout(r, 1000));
    // Stopping: the held message stays unacknowledged with the broker for the next start.
    if (stopping()) return new Promise<void>(() => {});
    try {
      writer.append(records);
      log.warn('spool has room again: taking messages');
      return;
    } catch (err) {
      if (!(err instanceof SpoolFullError)) throw err;
    }
  }
}

/** The spool's state on /metrics: how much waits for the store, and whether it is reachable. */
function spoolMetrics(registry: Registry, writer: DurableWriter): void {
  const registers = [registry];
  new Gauge({
    name: 'crampwatch_spool_bytes',
    help: 'Bytes in the on-disk spool not yet written to the store',
    registers,
    collect() {
      this.set(writer.stats().spoolBytes);
    },
  });
  new Gauge({
    name: 'crampwatch_spool_records',
    help: 'Records in the spool not yet written to the store',
    registers,
    collect() {
      this.set(writer.stats().pendingRecords);
    },
  });
  new Gauge({
    name: 'crampwatch_spool_dropped_records',
    help: 'Per-second summaries and counters dropped because the spool was full',
    registers,
    collect() {
      this.set(writer.stats().droppedRecords);
    },
  });
  new Gauge({
    name: 'crampwatch_store_healthy',
    help: '1 while the store takes writes',
    registers,
    collect() {
      this.set(writer.stats().storeHealthy ? 1 : 0);
    },
  });
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
