/**
 * Live alert fan-out: how long from an alert's publication in the live hub to its receipt by the
 * last of 200 WebSocket clients (the real API over loopback, real `ws` clients). The clients run
 * in the same process as the server, so the figure includes their parsing on the same thread: a
 * pessimistic bound for clients on other machines, whose own work runs in parallel.
 *
 * `node --import tsx bench/websocket-fanout-bench.ts` prints the figures.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { pathToFileURL } from 'node:url';
import { Registry } from 'prom-client';
import WebSocket from 'ws';
import { buildApi, createLiveHub, type LiveHub, openTokenStore } from '../api/index.ts';
import { createSqliteStore } from '../storage/index.ts';

const CLIENTS = 200;
const ALERTS = 20;
/** Alerts sent first and not counted: the first ones pay for compiling the code paths. */
const WARM_UP = 3;
/** Time between alerts, so that each is measured alone. */
const PAUSE_MS = 50;

export async function benchWebsocketFanout(): Promise<string[]> {
  const dataDir = await mkdtemp(join(tmpdir(), 'crampwatch-ws-bench-'));
  const store = createSqliteStore({ dir: dataDir });
  const live = createLiveHub();
  const tokens = await openTokenStore({ dataDir });
  const app = await buildApi({
    metrics: new Registry(),
    health: () => {
      throw new Error('not used');
    },
    quarantine: () => [],
    store,
    live,
    tokens,
    timeZone: 'UTC',
    dashboardDir: join(dataDir, 'none'),
  });
  const clients: WebSocket[] = [];
  try {
    const url = await app.listen({ port: 0, host: '127.0.0.1' });
    const wsUrl = `${url.replace('http', 'ws')}/api/v1/live?token=${tokens.adminToken}`;
    const received = new Map<number, number[]>();
    for (let i = 0; i < CLIENTS; i++) clients.push(await openClient(wsUrl, received));
    const delaysMs: number[] = [];
    const publishMs: number[] = [];
    for (let i = -WARM_UP; i < ALERTS; i++) {
      const { delayMs, inPublishMs } = await oneAlert(live, i + WARM_UP, received);
      if (i >= 0) {
        delaysMs.push(delayMs);
        publishMs.push(inPublishMs);
      }
      await new Promise((r) => setTimeout(r, PAUSE_MS));
    }
    return [
      `${CLIENTS} clients, ${ALERTS} alerts (after ${WARM_UP} not counted), one process over loopback`,
      `publish → last client's receipt: median ${fmt(quantile(delaysMs, 0.5))} ms, p95 ${fmt(quantile(delaysMs, 0.95))} ms, max ${fmt(Math.max(...delaysMs))} ms`,
      `time in the hub's publish (serialise once, queue ${CLIENTS} sends): median ${fmt(quantile(publishMs, 0.5))} ms`,
    ];
  } finally {
    for (const c of clients) c.terminate();
    live.stop();
    await app.close();
    await store.close();
    await rm(dataDir, { recursive: true, force: true });
  }
}

/** Connects one client; it notes when each alert `seq` reaches it. Resolves on `hello`. */
function openClient(url: string, received: Map<number, number[]>): Promise<WebSocket> {
  return new Promise((resolve, reject) => {
    const socket = new WebSocket(url);
    socket.on('message', (data) => {
      const at = performance.now();
      const message = JSON.parse(data.toString()) as { type: string; seq?: number };
      if (message.type === 'hello') resolve(socket);
      if (message.type === 'alert') received.get(message.seq!)?.push(at);
    });
    socket.once('error', reject);
  });
}

/** Publishes one alert and waits until every client has it. */
async function oneAlert(
  live: LiveHub,
  i: number,
  received: Map<number, number[]>,
): Promise<{ delayMs: number; inPublishMs: number }> {
  const seq = live.latestSeq + 1;
  const arrivals: number[] = [];
  received.set(seq, arrivals);
  const start = 1_764_201_600_000 + i * 60_000;
  const event = {
    id: `band-1:cramp:${start}`,
    device: 'band-1',
    kind: 'cramp',
    start,
    end: null,
    late: false,
  };
  const t0 = performance.now();
  live.alert({ phase: 'start', event });
  const inPublishMs = performance.now() - t0;
  const deadline = Date.now() + 10_000;
  while (arrivals.length < CLIENTS) {
    if (Date.now() > deadline)
      throw new Error(`alert ${seq} reached ${arrivals.length} of ${CLIENTS} clients`);
    await new Promise((r) => setImmediate(r));
  }
  received.delete(seq);
  return { delayMs: Math.max(...arrivals) - t0, inPublishMs };
}

function quantile(values: readonly number[], q: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))]!;
}

const fmt = (ms: number) => ms.toFixed(2);

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  for (const line of await benchWebsocketFanout()) console.log(line);
}
