import { pino } from 'pino';
import { Registry } from 'prom-client';
import {
  createMqttIngest,
  type IngestItem,
  IngestMetrics,
  MessageHandler,
  type MqttIngest,
  Quarantine,
  Sequencer,
} from '../../ingest/index.ts';
import { DEFAULT_TOPIC_PREFIX } from '../../protocol/index.ts';

/** A real MQTT ingest wired as the service wires it, collecting what it hands on. */
export interface IngestUnderTest {
  readonly ingest: MqttIngest;
  readonly items: IngestItem[];
  readonly quarantine: Quarantine;
  readonly registry: Registry;
  readonly fatal: unknown[];
  /** Resolves once `predicate` holds for the items handed on, or rejects after `timeoutMs`. */
  waitFor(predicate: (items: readonly IngestItem[]) => boolean, timeoutMs?: number): Promise<void>;
}

export interface IngestUnderTestOptions {
  readonly url: string;
  readonly clientId: string;
  /** Replaces the collecting sink, e.g. to make it fail. */
  readonly sink?: (
    items: readonly IngestItem[],
    collect: (items: readonly IngestItem[]) => void,
  ) => void | Promise<void>;
}

export function ingestUnderTest(options: IngestUnderTestOptions): IngestUnderTest {
  const items: IngestItem[] = [];
  const fatal: unknown[] = [];
  const registry = new Registry();
  const quarantine = new Quarantine();
  const log = pino({ level: 'silent' });
  const metrics = new IngestMetrics(registry);
  const handler = new MessageHandler({
    topicPrefix: DEFAULT_TOPIC_PREFIX,
    sequencer: new Sequencer(),
    quarantine,
    metrics,
    log,
    now: () => Date.now(),
  });
  const collect = (batch: readonly IngestItem[]) => {
    items.push(...batch);
  };
  const ingest = createMqttIngest({
    options: {
      url: options.url,
      topicPrefix: DEFAULT_TOPIC_PREFIX,
      clientId: options.clientId,
      reconnectInitialMs: 100,
      reconnectMaxMs: 1000,
    },
    handler,
    sink: options.sink ? (batch) => options.sink!(batch, collect) : collect,
    log,
    metrics,
    now: () => Date.now(),
    onFatal: (err) => fatal.push(err),
  });
  return {
    ingest,
    items,
    quarantine,
    registry,
    fatal,
    async waitFor(predicate, timeoutMs = 10_000) {
      const deadline = Date.now() + timeoutMs;
      while (!predicate(items)) {
        if (Date.now() > deadline) throw new Error(`timed out; ${items.length} items handed on`);
        await new Promise((r) => setTimeout(r, 20));
      }
    },
  };
}

/** `device:seq` of each frame handed on, in order, with `(late)` where marked late. */
export function frameKeys(items: readonly IngestItem[], device?: string): string[] {
  return items
    .filter((i) => i.kind === 'frame' && (device === undefined || i.device === device))
    .map((i) => (i.kind === 'frame' ? `${i.device}:${i.frame.seq}${i.late ? ' (late)' : ''}` : ''));
}
