/**
 * The embedded SQLite store under a 90-night history of one band (issue 4): 8 hours of per-second
 * rows a night and a few events, then the two reads the dashboard makes — one night's timeline at
 * 1000 points and the 90-night summary — each the median of several runs, and the bulk write rate.
 * Prints figures; asserts nothing.
 *
 * Run alone with `node --import tsx bench/storage-sqlite-bench.ts`.
 */

import { mkdtemp, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { pathToFileURL } from 'node:url';
import type { EpochMs } from '../protocol/index.ts';
import { createRng } from '../simulator/index.ts';
import { nightsSummary, nightTimeline } from '../storage/night-summary.ts';
import { addNights, nightBounds } from '../storage/nights.ts';
import { createSqliteStore } from '../storage/sqlite/index.ts';
import type { Store, StoreRecord } from '../storage/store.ts';

const DEVICE = 'bench-band';
const TZ = 'Europe/Berlin';
const FIRST_NIGHT = '2025-08-01';
const NIGHTS = 90;
const HOUR_MS = 3_600_000;
/** Sleep from 23:00 to 07:00 local: 11 h after the night's noon, for 8 h. */
const SLEEP_FROM_MS = 11 * HOUR_MS;
const SLEEP_MS = 8 * HOUR_MS;
/** Records per write: an hour of seconds, about what the ingest hands over after a backlog. */
const BATCH = 3600;
const RUNS = 9;

/** One hour of a night's seconds: resting EMG with noise, the odd movement, the angle mostly observable. */
function hourOfSeconds(fromMs: EpochMs, random: () => number): StoreRecord[] {
  const records: StoreRecord[] = [];
  for (let i = 0; i < BATCH; i++) {
    const envUv = 3 + 2 * random();
    const observable = random() < 0.9;
    records.push({
      type: 'second',
      second: {
        device: DEVICE,
        t: fromMs + i * 1000,
        envUv,
        envMaxUv: envUv + 3 * random(),
        baselineUv: 3.5,
        movementMg: random() < 0.02 ? 200 * random() : 5 * random(),
        flexionDeg: observable ? 10 * random() : null,
        observable: observable ? 1 : 0,
        plantarFlexed: false,
        posture: 'supine',
        quality: 'good',
        humUv: random(),
      },
    });
  }
  return records;
}

/** Two cramps, two spasms, a PLM series and a plantar-flexion interval, in one batch. */
function nightEvents(sleepMs: EpochMs): StoreRecord[] {
  const at = (kind: string, offsetMs: number, lengthMs: number): StoreRecord => {
    const start = sleepMs + offsetMs;
    return {
      type: 'event',
      event: {
        id: `${DEVICE}:${kind}:${start}`,
        device: DEVICE,
        kind,
        start,
        end: start + lengthMs,
        late: false,
      },
    };
  };
  return [
    at('plantar_flexion', 2 * HOUR_MS, 20 * 60_000),
    at('cramp', 2 * HOUR_MS + 5 * 60_000, 45_000),
    at('cramp', 5 * HOUR_MS, 90_000),
    at('spasm', 3 * HOUR_MS, 4_000),
    at('spasm', 6 * HOUR_MS, 3_000),
    at('plm', 1 * HOUR_MS, 5 * 60_000),
  ];
}

async function median(runs: number, work: () => Promise<unknown>): Promise<number> {
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const start = performance.now();
    await work();
    times.push(performance.now() - start);
  }
  times.sort((a, b) => a - b);
  return times[Math.floor(times.length / 2)]!;
}

async function writeHistory(store: Store): Promise<{ rows: number; writeMs: number }> {
  const rng = createRng(42, 'storage-sqlite-bench');
  const random = () => rng.next();
  let rows = 0;
  let writeMs = 0;
  for (let n = 0; n < NIGHTS; n++) {
    const sleepMs = nightBounds(addNights(FIRST_NIGHT, n), TZ).fromMs + SLEEP_FROM_MS;
    for (let h = 0; h < SLEEP_MS / HOUR_MS; h++) {
      const batch = hourOfSeconds(sleepMs + h * HOUR_MS, random);
      const start = performance.now();
      await store.write(batch);
      writeMs += performance.now() - start;
      rows += batch.length;
    }
    await store.write(nightEvents(sleepMs));
  }
  return { rows, writeMs };
}

/** Builds the history in a temporary directory, measures, removes it; the figures as lines. */
export async function benchSqliteStore(): Promise<string[]> {
  const dir = await mkdtemp(join(tmpdir(), 'crampwatch-sqlite-bench-'));
  const store = createSqliteStore({ dir });
  try {
    const { rows, writeMs } = await writeHistory(store);
    const lastNight = addNights(FIRST_NIGHT, NIGHTS - 1);
    const rng = createRng(7, 'storage-sqlite-bench', 'replay');
    const replay = hourOfSeconds(nightBounds(FIRST_NIGHT, TZ).fromMs + SLEEP_FROM_MS, () => rng.next());
    const replayMs = await median(RUNS, () => store.write(replay));
    const timelineMs = await median(RUNS, () =>
      nightTimeline(store, DEVICE, TZ, addNights(FIRST_NIGHT, 45), 1000),
    );
    let nights = 0;
    const summaryMs = await median(RUNS, async () => {
      nights = (await nightsSummary(store, DEVICE, TZ, { from: FIRST_NIGHT, to: lastNight })).length;
    });
    const fileBytes = (await stat(join(dir, 'crampwatch.sqlite'))).size;
    return [
      `history: ${NIGHTS} nights × 8 h = ${rows.toLocaleString('en')} second rows + ${NIGHTS * 6} events, ` +
        `file ${(fileBytes / 1e6).toFixed(0)} MB (${(fileBytes / rows).toFixed(0)} B/row)`,
      `bulk write: ${Math.round(rows / (writeMs / 1000)).toLocaleString('en')} second rows/s ` +
        `(batches of ${BATCH}, ${(writeMs / 1000).toFixed(1)} s in all)`,
      `replay of an hour already stored: ${Math.round(BATCH / (replayMs / 1000)).toLocaleString('en')} rows/s`,
      `nightTimeline, one night at 1000 points: ${timelineMs.toFixed(1)} ms (median of ${RUNS})`,
      `nightsSummary, ${nights} nights: ${summaryMs.toFixed(1)} ms (median of ${RUNS})`,
    ];
  } finally {
    await store.close();
    await rm(dir, { recursive: true, force: true });
  }
}

if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href) {
  for (const line of await benchSqliteStore()) console.log(line);
}
