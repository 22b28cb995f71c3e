/**
 * End-to-end drain through a real Mosquitto on loopback at QoS 1 (issue: e2e drain). A backlog
 * of binary frames from many simulated bands is queued for two persistent sessions — the
 * service's ingest and a bare C subscriber (`mosquitto_sub`) — and each is timed draining it.
 * The goal: the service drains at ≥ 0.8× the bare subscriber's rate, with flat memory and
 * nothing lost. Prints figures; asserts nothing.
 *
 * Run alone with `node --import tsx bench/e2e-drain-bench.ts [--frames N] [--bands N] [--rounds N]`.
 */

import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import mqtt, { type MqttClient } from 'mqtt';
import { pino } from 'pino';
import { Registry } from 'prom-client';
import {
  createMqttIngest,
  type IngestItem,
  IngestMetrics,
  type IngestSink,
  MessageHandler,
  Quarantine,
  Sequencer,
} from '../ingest/index.ts';
import { bandTopic, DEFAULT_TOPIC_PREFIX, encodeBinaryFrame } from '../protocol/index.ts';
import { createRng } from '../simulator/index.ts';
import { type MosquittoHarness, startMosquitto } from '../tests/harness/mosquitto.ts';
import { makeFrame } from '../tests/helpers/frames.ts';
import { countFlag } from './count-flag.ts';

export interface DrainBenchOptions {
  /** Frames queued per round, spread evenly over the bands. Default 300,000. */
  readonly frames?: number;
  /** Simulated bands. Default 50. */
  readonly bands?: number;
  /** Rounds; odd rounds drain bare first, even rounds the service first. Default 2. */
  readonly rounds?: number;
}

const SERVICE_CLIENT_ID = 'crampwatch-bench-service';
const BARE_CLIENT_ID = 'crampwatch-bench-bare';
const FRAME_TOPIC = bandTopic(DEFAULT_TOPIC_PREFIX, '+', 'frame');
const STARTUP_TOPIC = 'crampwatch-bench/startup';
/** The typical frame (band protocol): 200 ms, EMG at 1 kHz, shank and foot at 50 Hz. */
const SPAN_MS = 200;
const PAYLOAD_POOL = 256;
const PUBLISHERS = 4;
/** QoS 1 publishes in flight per publisher: enough to keep Mosquitto busy, bounded in memory. */
const PUBLISH_WINDOW = 256;
const MEMORY_SAMPLE_MS = 250;
const GOAL_RATIO = 0.8;
/** Mosquitto refreshes `$SYS` every `sys_interval`, 10 s by default (the harness keeps it). */
const SYS_WAIT_MS = 12_000;

interface Plan {
  readonly round: number;
  readonly bands: number;
  readonly framesPerBand: number;
  readonly total: number;
  readonly payloadBytes: number;
}

interface DrainFigures {
  readonly ms: number;
  readonly framesPerS: number;
}

interface ServiceFigures extends DrainFigures {
  /** CPU time of this process (user + system) per frame drained. */
  readonly cpuUsPerFrame: number;
  readonly lost: number;
  readonly duplicated: number;
  readonly outOfOrder: number;
  readonly rejected: number;
  readonly memory: MemoryFigures;
}

interface MemoryFigures {
  readonly rssMb: readonly [start: number, peak: number, end: number];
  readonly heapMb: readonly [start: number, peak: number, end: number];
}

/** EMG of a calf at rest (a few µV of noise, 50 Hz hum) with a contraction burst in one frame in five. */
function emgFill(random: () => number): (i: number) => number {
  const burstUv = random() < 0.2 ? 50 + 300 * random() : 0;
  return (i) => (random() - 0.5) * (8 + burstUv) + 2 * Math.sin((2 * Math.PI * 50 * i) / 1000);
}

/** Encoded frames whose header is rewritten per message: realistic bodies without encoding 300k frames. */
function payloadPool(): Buffer[] {
  const rng = createRng(0xc0ffee, 'drain-bench');
  const random = () => rng.next();
  return Array.from({ length: PAYLOAD_POOL }, (_, seq) =>
    Buffer.from(
      encodeBinaryFrame(makeFrame({ boot: 1, seq, t0: 0, spanMs: SPAN_MS, fill: emgFill(random) })),
    ),
  );
}

/** Binary header offsets (band protocol, "Frame, binary encoding"). */
function framePayload(pool: readonly Buffer[], boot: number, seq: number, t0: number): Buffer {
  const payload = Buffer.from(pool[(boot * 31 + seq) % pool.length]!);
  payload.writeUInt32LE(boot, 4);
  payload.writeUInt32LE(seq, 8);
  payload.writeBigUInt64LE(BigInt(t0), 12);
  return payload;
}

function deviceId(band: number): string {
  return `band-${String(band).padStart(3, '0')}`;
}

function bootOf(plan: Plan, band: number): number {
  return plan.round * 100_000 + band;
}

/** Publishes its share of the bands, frame by frame in seq order per band, QoS 1, bounded in flight. */
async function publishShare(url: string, plan: Plan, pool: readonly Buffer[], index: number): Promise<void> {
  const client = await mqtt.connectAsync(url, { clientId: `crampwatch-bench-pub-${index}`, clean: true });
  const bands = Array.from({ length: plan.bands }, (_, b) => b).filter((b) => b % PUBLISHERS === index);
  const topics = bands.map((b) => bandTopic(DEFAULT_TOPIC_PREFIX, deviceId(b), 'frame'));
  // Frames end a minute ago at the latest: a backlog, never ahead of the clock (protocol: 5 min rule).
  const firstT0 = Date.now() - plan.framesPerBand * SPAN_MS - 60_000;
  let inFlight = 0;
  let failure: Error | undefined;
  let wake: (() => void) | undefined;
  const acked = (err?: Error) => {
    inFlight--;
    failure ??= err;
    const w = wake;
    wake = undefined;
    w?.();
  };
  for (let seq = 0; seq < plan.framesPerBand; seq++) {
    for (let k = 0; k < bands.length; k++) {
      while (inFlight >= PUBLISH_WINDOW) await new Promise<void>((r) => (wake = r));
      inFlight++;
      const payload = framePayload(pool, bootOf(plan, bands[k]!), seq, firstT0 + seq * SPAN_MS);
      client.publish(topics[k]!, payload, { qos: 1 }, acked);
    }
  }
  while (inFlight > 0) await new Promise<void>((r) => (wake = r));
  await client.endAsync();
  if (failure) throw failure;
}

/** Creates a persistent session (clean session 0) subscribed at QoS 1, then leaves it to queue. */
async function registerSession(url: string, clientId: string, topics: string[]): Promise<void> {
  const client = await mqtt.connectAsync(url, { clientId, clean: false, protocolVersion: 4 });
  await client.subscribeAsync(topics, { qos: 1 });
  await client.endAsync();
}

/** Resolves with Mosquitto's next `$SYS` store figures at or above `minMessages`, if it comes in time. */
async function storedMessages(url: string, minMessages: number): Promise<{ count: number; bytes: number }> {
  const client: MqttClient = await mqtt.connectAsync(url, { clean: true });
  const stats = { count: 0, bytes: 0 };
  const done = new Promise<void>((resolve) => {
    const timer = setTimeout(resolve, SYS_WAIT_MS);
    client.on('message', (topic, payload) => {
      const value = Number(payload.toString());
      if (topic.endsWith('/count')) stats.count = value;
      else stats.bytes = value;
      if (stats.count >= minMessages && stats.bytes > 0) {
        clearTimeout(timer);
        resolve();
      }
    });
  });
  await client.subscribeAsync(['$SYS/broker/store/messages/count', '$SYS/broker/store/messages/bytes']);
  await done;
  await client.endAsync();
  return stats;
}

/** Publishes the round's frames for both sessions and checks, through `$SYS`, that Mosquitto holds them. */
async function queueBacklog(broker: MosquittoHarness, plan: Plan, pool: readonly Buffer[]): Promise<void> {
  const start = performance.now();
  await Promise.all(Array.from({ length: PUBLISHERS }, (_, i) => publishShare(broker.url, plan, pool, i)));
  const framesPerS = (plan.total * 1000) / (performance.now() - start);
  const stored = await storedMessages(broker.url, plan.total);
  const held = stored.count >= plan.total ? 'yes' : 'NOT confirmed';
  console.log(
    `  queued ${plan.total} frames (${fmtRate(framesPerS)} frames/s published); Mosquitto holds ` +
      `${stored.count} messages, ${(stored.bytes / 1e6).toFixed(1)} MB: ${held}`,
  );
}

/** Spawns `mosquitto_sub` and resolves with the milliseconds from spawn to its exit. */
async function timeMosquittoSub(args: string[], timeoutMs: number): Promise<number> {
  const start = performance.now();
  const child = spawn('mosquitto_sub', args, { stdio: ['ignore', 'ignore', 'inherit'] });
  const timer = setTimeout(() => child.kill('SIGTERM'), timeoutMs);
  const [code, signal] = (await once(child, 'exit')) as [number | null, string | null];
  clearTimeout(timer);
  const ms = performance.now() - start;
  if (code !== 0) throw new Error(`mosquitto_sub ended with ${code ?? signal} (lost frames or a timeout)`);
  return ms;
}

/** Median time of a bare `mosquitto_sub` run that receives one retained message: its fixed cost. */
async function bareStartupMs(broker: MosquittoHarness): Promise<number> {
  const client = await mqtt.connectAsync(broker.url, { clean: true });
  await client.publishAsync(STARTUP_TOPIC, 'x', { qos: 1, retain: true });
  await client.endAsync();
  const host = ['-h', '127.0.0.1', '-p', String(broker.port)];
  const runs: number[] = [];
  for (let i = 0; i < 5; i++)
    runs.push(await timeMosquittoSub([...host, '-t', STARTUP_TOPIC, '-C', '1'], 5000));
  return runs.sort((a, b) => a - b)[2]!;
}

/** The bare C subscriber: its persistent session, QoS 1, exits after the N-th message. */
async function drainBare(broker: MosquittoHarness, plan: Plan): Promise<DrainFigures> {
  const args = ['-h', '127.0.0.1', '-p', String(broker.port), '-c', '-i', BARE_CLIENT_ID, '-q', '1'];
  args.push('-t', FRAME_TOPIC, '-C', String(plan.total), '-N');
  const ms = await timeMosquittoSub(args, drainTimeoutMs(plan));
  return { ms, framesPerS: (plan.total * 1000) / ms };
}

function drainTimeoutMs(plan: Plan): number {
  return 30_000 + plan.total; // 1 ms a frame: a fiftieth of the expected rate
}

/** Checks what the service hands on: per band, seqs 0, 1, 2, … of the round's boot, each once. */
function orderChecker(plan: Plan) {
  const expected = new Map<string, { boot: number; next: number }>();
  for (let b = 0; b < plan.bands; b++) expected.set(deviceId(b), { boot: bootOf(plan, b), next: 0 });
  const tally = { frames: 0, duplicated: 0, outOfOrder: 0, foreign: 0 };
  return {
    tally,
    check(items: readonly IngestItem[]): void {
      for (const item of items) {
        if (item.kind !== 'frame') continue;
        tally.frames++;
        const band = expected.get(item.device);
        if (!band || band.boot !== item.frame.boot) tally.foreign++;
        else if (item.frame.seq === band.next) band.next++;
        else if (item.frame.seq < band.next) tally.duplicated++;
        else {
          tally.outOfOrder++;
          band.next = item.frame.seq + 1;
        }
      }
    },
    lost(): number {
      let missing = 0;
      for (const band of expected.values()) missing += plan.framesPerBand - band.next;
      return missing + tally.outOfOrder;
    },
  };
}

/** Forces a collection where the runtime allows it, so that memory figures start from live data. */
function collectGarbage(): void {
  setFlagsFromString('--expose-gc');
  const gc = runInNewContext('gc') as (() => void) | undefined;
  gc?.();
}

/** Samples this process's RSS and V8 heap; `stop()` (idempotent) gives start, peak and end. */
function memorySampler(): { stop(): MemoryFigures } {
  const rss: number[] = [];
  const heap: number[] = [];
  const sample = () => {
    const m = process.memoryUsage();
    rss.push(m.rss / 2 ** 20);
    heap.push(m.heapUsed / 2 ** 20);
  };
  sample();
  const timer = setInterval(sample, MEMORY_SAMPLE_MS);
  const figures = (xs: number[]) => [xs[0]!, Math.max(...xs), xs.at(-1)!] as const;
  let result: MemoryFigures | undefined;
  return {
    stop() {
      if (!result) {
        clearInterval(timer);
        sample();
        result = { rssMb: figures(rss), heapMb: figures(heap) };
      }
      return result;
    },
  };
}

/** The service's ingest, wired as `app/service.ts` wires it (silent logger), handing on to `sink`. */
function wireService(url: string, sink: IngestSink) {
  const registry = new Registry();
  const quarantine = new Quarantine();
  const log = pino({ level: 'silent' });
  const metrics = new IngestMetrics(registry);
  const now = () => Date.now();
  const handler = new MessageHandler({
    topicPrefix: DEFAULT_TOPIC_PREFIX,
    sequencer: new Sequencer(),
    quarantine,
    metrics,
    log,
    now,
  });
  const ingest = createMqttIngest({
    options: {
      url,
      topicPrefix: DEFAULT_TOPIC_PREFIX,
      clientId: SERVICE_CLIENT_ID,
      reconnectInitialMs: 500,
      reconnectMaxMs: 30_000,
    },
    handler,
    sink,
    log,
    metrics,
    now,
    onFatal: (err) => console.error('  service ingest failed:', err),
  });
  return { ingest, registry, quarantine };
}

/** Resolves once `done` does, or rejects with `describe()` after `ms`. */
async function withTimeout(done: Promise<void>, ms: number, describe: () => string): Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(describe())), ms);
  });
  try {
    await Promise.race([done, timeout]);
  } finally {
    clearTimeout(timer);
  }
}

/** Times the service's ingest from `start()` to the N-th frame handed on, checking every frame. */
async function drainService(broker: MosquittoHarness, plan: Plan): Promise<ServiceFigures> {
  const checker = orderChecker(plan);
  let finished: () => void = () => {};
  const drained = new Promise<void>((resolve) => (finished = resolve));
  const { ingest, registry, quarantine } = wireService(broker.url, (items) => {
    checker.check(items);
    if (checker.tally.frames >= plan.total) finished();
  });
  collectGarbage();
  const memory = memorySampler();
  const cpuStart = process.cpuUsage();
  const start = performance.now();
  let ms: number;
  let cpu: NodeJS.CpuUsage;
  let memoryFigures: MemoryFigures;
  try {
    await ingest.start();
    await withTimeout(
      drained,
      drainTimeoutMs(plan),
      () => `the service drained ${checker.tally.frames} frames only`,
    );
    ms = performance.now() - start;
    cpu = process.cpuUsage(cpuStart);
    memoryFigures = memory.stop();
  } finally {
    memory.stop();
    await ingest.stop();
  }
  const duplicates = await metricTotal(registry, 'crampwatch_frames_duplicate_total');
  return {
    ms,
    framesPerS: (plan.total * 1000) / ms,
    cpuUsPerFrame: (cpu.user + cpu.system) / plan.total,
    lost: checker.lost(),
    duplicated: checker.tally.duplicated + duplicates,
    outOfOrder: checker.tally.outOfOrder + checker.tally.foreign,
    rejected: quarantine.total,
    memory: memoryFigures,
  };
}

async function metricTotal(registry: Registry, name: string): Promise<number> {
  const metric = registry.getSingleMetric(name);
  if (!metric) return 0;
  const { values } = await metric.get();
  return values.reduce((sum, v) => sum + v.value, 0);
}

function fmtRate(x: number): string {
  return `${(x / 1e3).toFixed(1)} k`;
}

function fmtMemory([start, peak, end]: readonly [number, number, number]): string {
  return `${start.toFixed(0)} → peak ${peak.toFixed(0)} → ${end.toFixed(0)} MB`;
}

function printRound(bare: DrainFigures, service: ServiceFigures): void {
  console.log(`  bare mosquitto_sub: ${(bare.ms / 1000).toFixed(2)} s, ${fmtRate(bare.framesPerS)} frames/s`);
  console.log(
    `  service ingest:     ${(service.ms / 1000).toFixed(2)} s, ${fmtRate(service.framesPerS)} frames/s, ` +
      `${service.cpuUsPerFrame.toFixed(1)} µs CPU/frame`,
  );
  console.log(`  ratio service/bare: ${(service.framesPerS / bare.framesPerS).toFixed(2)}`);
  console.log(
    `  service memory: rss ${fmtMemory(service.memory.rssMb)}, heap ${fmtMemory(service.memory.heapMb)}`,
  );
  console.log(
    `  service lost ${service.lost}, duplicated ${service.duplicated}, out of order ${service.outOfOrder}, ` +
      `rejected ${service.rejected}`,
  );
}

async function runRound(broker: MosquittoHarness, plan: Plan, pool: readonly Buffer[]) {
  const bareFirst = plan.round % 2 === 1;
  console.log(
    `round ${plan.round} (${bareFirst ? 'bare first, then service' : 'service first, then bare'}):`,
  );
  await queueBacklog(broker, plan, pool);
  let bare: DrainFigures;
  let service: ServiceFigures;
  if (bareFirst) {
    bare = await drainBare(broker, plan);
    service = await drainService(broker, plan);
  } else {
    service = await drainService(broker, plan);
    bare = await drainBare(broker, plan);
  }
  printRound(bare, service);
  return { bare, service };
}

/**
 * Queues `frames` binary frames of `bands` bands in Mosquitto for two persistent sessions, then
 * times a bare `mosquitto_sub` and the service's ingest draining them, in alternating order over
 * `rounds` rounds. Prints rates, their ratio against the 0.8 goal, the service's memory and any
 * frame lost, duplicated or out of order.
 */
export async function runDrainBench(options: DrainBenchOptions = {}): Promise<void> {
  const bands = options.bands ?? 50;
  const framesPerBand = Math.max(1, Math.floor((options.frames ?? 300_000) / bands));
  const rounds = options.rounds ?? 2;
  const pool = payloadPool();
  const payloadBytes = pool[0]!.length;
  const broker = await startMosquitto();
  try {
    await registerSession(broker.url, SERVICE_CLIENT_ID, [
      FRAME_TOPIC,
      bandTopic(DEFAULT_TOPIC_PREFIX, '+', 'status'),
    ]);
    await registerSession(broker.url, BARE_CLIENT_ID, [FRAME_TOPIC]);
    const total = framesPerBand * bands;
    console.log(
      `e2e drain bench: ${total} frames a round (${bands} bands × ${framesPerBand}), binary ${SPAN_MS} ms frames ` +
        `of ${payloadBytes} B (EMG 1 kHz, shank + foot 50 Hz; ${((total * payloadBytes) / 1e6).toFixed(1)} MB of ` +
        `payload), QoS 1, Mosquitto on loopback, ${rounds} round(s)`,
    );
    console.log(
      `  bare mosquitto_sub startup (one retained message): ${(await bareStartupMs(broker)).toFixed(0)} ms`,
    );
    const results = [];
    for (let round = 1; round <= rounds; round++) {
      results.push(await runRound(broker, { round, bands, framesPerBand, total, payloadBytes }, pool));
    }
    printSummary(results, total);
  } finally {
    await broker.dispose();
  }
}

function printSummary(results: { bare: DrainFigures; service: ServiceFigures }[], total: number): void {
  const sum = (xs: number[]) => xs.reduce((a, b) => a + b, 0);
  const bareRate = (results.length * total * 1000) / sum(results.map((r) => r.bare.ms));
  const serviceRate = (results.length * total * 1000) / sum(results.map((r) => r.service.ms));
  const ratio = serviceRate / bareRate;
  const clean = results.every(
    (r) => r.service.lost + r.service.duplicated + r.service.outOfOrder + r.service.rejected === 0,
  );
  console.log(
    `overall: bare ${fmtRate(bareRate)} frames/s, service ${fmtRate(serviceRate)} frames/s, ratio ${ratio.toFixed(2)}`,
  );
  console.log(`  goal service ≥ ${GOAL_RATIO}× bare: ${ratio >= GOAL_RATIO ? 'met' : 'NOT met'}`);
  console.log(`  nothing lost, duplicated, out of order or rejected: ${clean ? 'yes' : 'NO'}`);
}

if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const { values } = parseArgs({
    options: { frames: { type: 'string' }, bands: { type: 'string' }, rounds: { type: 'string' } },
  });
  await runDrainBench({
    ...countFlag('frames', values.frames),
    ...countFlag('bands', values.bands),
    ...countFlag('rounds', values.rounds),
  });
}
