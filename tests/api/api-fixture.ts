import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import { Registry } from 'prom-client';
import {
  type ApiDeps,
  buildApi,
  createLiveHub,
  type LiveHub,
  openTokenStore,
  type TokenStore,
} from '../../api/index.ts';
import type { CrampWatchEvent, DeviceId, EpochMs } from '../../protocol/index.ts';
import { createSqliteStore, type SignalSecond, type Store, type StoreRecord } from '../../storage/index.ts';
import { storedEvent as event, signalSecond } from '../helpers/store-records.ts';

export { event };

/** 2025-11-27 10:30 UTC: the fixture night's data runs one hour from here (before noon UTC, evening in Tokyo). */
export const DATA_FROM = Date.UTC(2025, 10, 27, 10, 30);
export const DATA_TO = DATA_FROM + 3_600_000;
/** The fixed clock of the fixture: days after the data. */
export const NOW = Date.UTC(2025, 11, 1, 9, 0);

export const CRAMP: CrampWatchEvent = event(
  'band-a',
  'cramp',
  Date.UTC(2025, 10, 27, 11, 0),
  Date.UTC(2025, 10, 27, 11, 1),
  {
    peakUv: 180,
  },
);
export const SPASM: CrampWatchEvent = event(
  'band-a',
  'spasm',
  Date.UTC(2025, 10, 27, 10, 45),
  Date.UTC(2025, 10, 27, 10, 45, 2),
);

export function second(device: DeviceId, t: EpochMs, fields: Partial<SignalSecond> = {}): SignalSecond {
  return signalSecond(device, t, { humUv: 1, ...fields });
}

/**
 * A small night in the store: two bands known by their status, an hour of seconds and two events
 * of band-a, one second and nothing else of band-b.
 */
export function fixtureRecords(): StoreRecord[] {
  const records: StoreRecord[] = [
    {
      type: 'status',
      status: { device: 'band-a', t: DATA_FROM, online: true, battery: 0.8, fw: '1.2.0', leadOff: false },
    },
    { type: 'status', status: { device: 'band-b', t: DATA_FROM, online: true, battery: 0.5 } },
  ];
  for (let t = DATA_FROM; t < DATA_TO; t += 1000) {
    const envUv = t >= CRAMP.start && t < CRAMP.end! ? 150 : 3;
    records.push({ type: 'second', second: second('band-a', t, { envUv, envMaxUv: envUv + 1 }) });
  }
  records.push({ type: 'second', second: second('band-b', DATA_FROM) });
  records.push({ type: 'event', event: SPASM }, { type: 'event', event: CRAMP });
  return records;
}

export interface ApiFixture {
  readonly app: FastifyInstance;
  readonly store: Store;
  readonly live: LiveHub;
  readonly tokens: TokenStore;
  readonly dataDir: string;
  /** Admin, band-a only, and no device at all. */
  readonly adminToken: string;
  readonly scopedToken: string;
  /** `http://127.0.0.1:<port>` when listening. */
  readonly url: string;
  close(): Promise<void>;
}

export interface FixtureOptions {
  readonly listen?: boolean;
  readonly summaryEveryMs?: number;
  readonly dashboardDir?: string;
  readonly records?: boolean;
  readonly log?: ApiDeps['log'];
}

/** The API over a real SQLite store in a temporary directory, with the fixture night written. */
export async function openApiFixture(options: FixtureOptions = {}): Promise<ApiFixture> {
  const dataDir = await mkdtemp(join(tmpdir(), 'crampwatch-api-'));
  const store = createSqliteStore({ dir: dataDir });
  if (options.records !== false) await store.write(fixtureRecords());
  const live = createLiveHub({ summaryEveryMs: options.summaryEveryMs ?? 1000 });
  const tokens = await openTokenStore({ dataDir });
  const scoped = await tokens.create('band-a reader', ['band-a']);
  const deps: ApiDeps = {
    metrics: new Registry(),
    health: () => ({
      mqttConnected: true,
      mqttUrl: 'mqtt://127.0.0.1:1883',
      devices: 2,
      startedAt: Date.now(),
      store: {
        kind: store.kind,
        storeHealthy: true,
        lastError: null,
        pendingRecords: 0,
        spoolBytes: 0,
        maxBytes: 1024,
        warning: false,
        droppedRecords: 0,
      },
    }),
    quarantine: () => [],
    store,
    live,
    tokens,
    timeZone: 'UTC',
    dashboardDir: options.dashboardDir ?? join(dataDir, 'no-dashboard'),
    now: () => NOW,
    ...(options.log === undefined ? {} : { log: options.log }),
  };
  const app = await buildApi(deps);
  let url = '';
  if (options.listen) url = await app.listen({ port: 0, host: '127.0.0.1' });
  live.start();
  return {
    app,
    store,
    live,
    tokens,
    dataDir,
    adminToken: tokens.adminToken,
    scopedToken: scoped.token,
    url,
    async close() {
      live.stop();
      await app.close();
      await store.close();
      await rm(dataDir, { recursive: true, force: true });
    },
  };
}

export const bearer = (token: string) => ({ authorization: `Bearer ${token}` });
