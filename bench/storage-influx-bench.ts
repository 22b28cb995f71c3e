/**
 * The InfluxDB store against a real `influxd` (Debian's 1.6, started on free ports in a
 * temporary directory). Three figures (issue 4):
 *
 * - sustained writes for 1,000 bands: 60 simulated seconds, each one batch as the spool's 1-s
 *   flush would hand over (1,000 per-second summaries and a few event phases), written back to
 *   back; the ratio to real time must be ≥ 1.0× to keep up;
 * - one night's timeline (24 h window, 8 h of data) at 1,000 points: median, goal ≤ 100 ms;
 * - the nights list's two reads (coverage and events) over 90 nights of one band: median, goal
 *   ≤ 100 ms.
 *
 * Returns printable lines; asserts nothing. Run alone: `node --import tsx bench/storage-influx-bench.ts`.
 */
import { execFileSync } from 'node:child_process';
import { pathToFileURL } from 'node:url';
import type { CrampWatchEvent } from '../protocol/index.ts';
import { createRng, type Rng } from '../simulator/index.ts';
import { createInfluxStore } from '../storage/influx/index.ts';
import type { StoreRecord } from '../storage/store.ts';
import { startInfluxdb } from '../tests/harness/influxdb.ts';

const BANDS = 1000;
const SIMULATED_S = 60;
const NIGHTS = 90;
const HOUR = 3_600_000;
const DAY = 24 * HOUR;
/** Noon UTC, 2025-06-01: the first night's start; nights run noon to noon, sleep 22:00-06:00. */
const FIRST_NOON = Date.UTC(2025, 5, 1, 12);

export async function benchInfluxStore(): Promise<string[]> {
  if (!hasInfluxd()) return ['skipped: influxd not installed (apt-get install influxdb)'];
  const influx = await startInfluxdb();
  try {
    return [...(await writeRate(influx.url)), ...(await nightReads(influx.url))];
  } finally {
    await influx.dispose();
  }
}

function hasInfluxd(): boolean {
  try {
    return execFileSync('sh', ['-c', 'command -v influxd'], { encoding: 'utf8' }).trim() !== '';
  } catch {
    return false;
  }
}

/** 60 one-second batches for 1,000 bands, written one after the other as fast as they go. */
async function writeRate(url: string): Promise<string[]> {
  const store = await createInfluxStore({ url, db: 'bench_write' });
  const rng = createRng(4, 'influx-bench', 'write');
  const t0 = Date.UTC(2025, 5, 1, 23);
  const batches: StoreRecord[][] = [];
  for (let s = 0; s < SIMULATED_S; s++) {
    const t = t0 + s * 1000;
    const batch: StoreRecord[] = [];
    for (let b = 0; b < BANDS; b++) batch.push(signalSecond(rng, `band-${b}`, t));
    // A few alert phases a second across the fleet: a cramp starting, one ending.
    const band = `band-${rng.int(0, BANDS - 1)}`;
    batch.push(eventRecord(band, 'cramp', t, null), eventRecord(band, 'spasm', t - 4000, t - 1000));
    batches.push(batch);
  }
  const points = batches.reduce((n, b) => n + b.length, 0);
  const latencies: number[] = [];
  const start = performance.now();
  for (const batch of batches) {
    const before = performance.now();
    await store.write(batch);
    latencies.push(performance.now() - before);
  }
  const elapsedS = (performance.now() - start) / 1000;
  await store.close();
  const ratio = SIMULATED_S / elapsedS;
  return [
    `write: ${BANDS} bands × ${SIMULATED_S} s = ${points} records in ${SIMULATED_S} batches: ` +
      `${elapsedS.toFixed(2)} s, ${Math.round(points / elapsedS)} points/s, ` +
      `${ratio.toFixed(1)}× real time (goal ≥ 1.0×: ${ratio >= 1 ? 'met' : 'NOT met'})`,
    `write: one 1-s batch takes ${ms(median(latencies))} median, ${ms(Math.max(...latencies))} at most`,
  ];
}

/** 90 nights of one band (8 h of seconds and 20 events a night), then the night view's reads. */
async function nightReads(url: string): Promise<string[]> {
  const writer = await createInfluxStore({ url, db: 'bench_nights' });
  const device = 'band-nights';
  const rng = createRng(4, 'influx-bench', 'nights');
  const loadStart = performance.now();
  let points = 0;
  for (let n = 0; n < NIGHTS; n++) {
    const sleep = FIRST_NOON + n * DAY + 10 * HOUR;
    for (let h = 0; h < 8; h++) {
      const batch: StoreRecord[] = [];
      for (let s = 0; s < 3600; s++) batch.push(signalSecond(rng, device, sleep + h * HOUR + s * 1000));
      if (h === 0) {
        for (let e = 0; e < 20; e++) {
          const start = sleep + rng.int(0, 8 * 3600 - 120) * 1000;
          batch.push(
            eventRecord(device, rng.pick(['cramp', 'spasm', 'plantar_flexion']), start, start + 60_000),
          );
        }
      }
      await writer.write(batch);
      points += batch.length;
    }
  }
  await writer.close();
  const loadS = (performance.now() - loadStart) / 1000;
  const store = await createInfluxStore({ url, db: 'bench_nights' });
  const lastNoon = FIRST_NOON + (NIGHTS - 1) * DAY;
  const timelineMs = await medianOf(21, () => store.timeline(device, lastNoon, lastNoon + DAY, 1000));
  const from = FIRST_NOON;
  const to = FIRST_NOON + NIGHTS * DAY;
  const nightsMs = await medianOf(21, () =>
    Promise.all([store.coverage(device, from, to), store.events(device, from, to)]),
  );
  const [quarters, events] = await Promise.all([
    store.coverage(device, from, to),
    store.events(device, from, to),
  ]);
  await store.close();
  return [
    `load: ${NIGHTS} nights × 8 h of one band = ${points} records in ${loadS.toFixed(1)} s ` +
      `(${Math.round(points / loadS)} points/s, batches of one hour)`,
    `timeline: 24 h window, 8 h of data, 1000 points: ${ms(timelineMs)} median ` +
      `(goal ≤ 100 ms: ${timelineMs <= 100 ? 'met' : 'NOT met'})`,
    `nights: coverage + events over ${NIGHTS} nights (${quarters.length} quarters, ${events.length} events): ` +
      `${ms(nightsMs)} median (goal ≤ 100 ms: ${nightsMs <= 100 ? 'met' : 'NOT met'})`,
  ];
}

/** A plausible second of a resting band: values vary, as real ones do (it matters to compression). */
function signalSecond(rng: Rng, device: string, t: number): StoreRecord {
  const env = rng.logNormal(4, 0.3);
  const observable = rng.chance(0.9);
  return {
    type: 'second',
    second: {
      device,
      t,
      envUv: env,
      envMaxUv: env * rng.uniform(1, 2),
      baselineUv: 4,
      movementMg: rng.exponential(8),
      flexionDeg: observable ? rng.uniform(-5, 15) : null,
      observable: observable ? 1 : 0,
      plantarFlexed: false,
      posture: 'supine',
      quality: rng.chance(0.01) ? 'lead_off' : 'good',
      humUv: rng.uniform(0, 2),
    },
  };
}

function eventRecord(device: string, kind: string, start: number, end: number | null): StoreRecord {
  const event: CrampWatchEvent = { id: `${device}:${kind}:${start}`, device, kind, start, end, late: false };
  return { type: 'event', event: { ...event, peakUv: 300, confidence: 0.9 } };
}

/** Runs `job` once to warm up, then `runs` times; the median duration in ms. */
async function medianOf(runs: number, job: () => Promise<unknown>): Promise<number> {
  await job();
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const start = performance.now();
    await job();
    times.push(performance.now() - start);
  }
  return median(times);
}

function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] ?? Number.NaN;
}

function ms(value: number): string {
  return `${value.toFixed(1)} ms`;
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  for (const line of await benchInfluxStore()) console.log(line);
}
