/**
 * What the on-disk spool costs the ingest (issue 4): every record goes through it, so `append`
 * sits on the path of every MQTT message. Measures append throughput for 1000 bands with a
 * realistic mix of records, the cost per message for one band, the fsync options, and how fast
 * a backlog is read back. Prints figures; asserts nothing.
 *
 * Run alone with `node --import tsx bench/spool-bench.ts`.
 */

import { closeSync, mkdtempSync, openSync, rmSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { pino } from 'pino';
import { createRng } from '../simulator/index.ts';
import { openSpool, type Spool, type SpoolOptions } from '../storage/spool/index.ts';
import type { StoreRecord } from '../storage/store.ts';

const BANDS = 1000;
const SECONDS = 30;
/** Frames are 200 ms: five MQTT messages per band-second, one of which closes a second. */
const MESSAGES_PER_SECOND = 5;
const ROUNDS = 5;
const T0 = 1_764_201_600_000;
const silent = pino({ level: 'silent' });

/**
 * What one band produces in one second: its signal summary; a "last seen" status every 10 s
 * (app/store-records.ts), a counters snapshot every minute, and about one event an hour.
 */
function bandSecond(band: number, s: number, random: () => number): StoreRecord[] {
  const device = `band-${String(band).padStart(4, '0')}`;
  const t = T0 + s * 1000;
  const r2 = (x: number) => Math.round(x * 100) / 100;
  const out: StoreRecord[] = [
    {
      type: 'second',
      second: {
        device,
        t,
        envUv: r2(2 + 6 * random()),
        envMaxUv: r2(5 + 20 * random()),
        baselineUv: r2(2.5 + random()),
        movementMg: Math.round(40 * random()),
        flexionDeg: r2(-5 + 25 * random()),
        observable: r2(random()),
        plantarFlexed: random() < 0.05,
        posture: 'supine',
        quality: 'good',
        humUv: r2(random()),
      },
    },
  ];
  if ((s + band) % 10 === 0) out.push({ type: 'status', status: { device, t, seenOnly: true } });
  if ((s + band) % 60 === 0) {
    out.push({
      type: 'counters',
      counters: { device, t, counts: { frames: s * 5, gaps: 0, duplicates: 1 } },
    });
  }
  if (random() < 1 / 3600) {
    const id = `${device}:plantar_flexion:${t}`;
    out.push({
      type: 'event',
      event: { id, device, kind: 'plantar_flexion', start: t, end: null, late: false },
    });
  }
  return out;
}

/** The load: for each second, each band's records (one second of 1000 bands at a time). */
function workload(): StoreRecord[][][] {
  const rng = createRng(0x5bd1e995, 'spool-bench');
  const random = () => rng.next();
  return Array.from({ length: SECONDS }, (_, s) =>
    Array.from({ length: BANDS }, (_, b) => bandSecond(b, s, random)),
  );
}

function withSpool<T>(options: Partial<SpoolOptions>, fn: (spool: Spool) => T): T {
  const dir = mkdtempSync(join(tmpdir(), 'spool-bench-'));
  const spool = openSpool({ dir, log: silent, maxBytes: 16 * 1024 ** 3, ...options });
  try {
    return fn(spool);
  } finally {
    spool.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

interface Run {
  readonly ms: number;
  readonly records: number;
  readonly bytes: number;
  readonly calls: number;
}

/** One append per MQTT message: four messages of a band-second carry nothing, one carries all. */
function perMessage(load: StoreRecord[][][]): Run {
  return withSpool({}, (spool) => {
    const start = performance.now();
    let calls = 0;
    for (const second of load) {
      for (const band of second) {
        for (let m = 1; m < MESSAGES_PER_SECOND; m++) spool.append([]);
        spool.append(band);
        calls += MESSAGES_PER_SECOND;
      }
    }
    const ms = performance.now() - start;
    const s = spool.stats();
    return { ms, records: s.pendingRecords, bytes: s.pendingBytes, calls };
  });
}

/** One append per second of all bands together. */
function perSecond(load: StoreRecord[][][]): Run {
  return withSpool({}, (spool) => {
    const start = performance.now();
    for (const second of load) spool.append(second.flat());
    const ms = performance.now() - start;
    const s = spool.stats();
    return { ms, records: s.pendingRecords, bytes: s.pendingBytes, calls: load.length };
  });
}

/** Microseconds per call of appending `records`, `n` times. */
function appendCostUs(
  records: readonly StoreRecord[],
  n: number,
  options: Partial<SpoolOptions> = {},
): number {
  return withSpool(options, (spool) => {
    const start = performance.now();
    for (let i = 0; i < n; i++) spool.append(records);
    return ((performance.now() - start) * 1000) / n;
  });
}

/** Records per second read back and committed, 5000 at a time (the durable writer's batch). */
function drainRate(load: StoreRecord[][][]): number {
  return withSpool({}, (spool) => {
    for (const second of load) spool.append(second.flat());
    const start = performance.now();
    let records = 0;
    for (;;) {
      const { token } = spool.peek(5000);
      if (token.lines === 0) break;
      records += token.lines;
      spool.commit(token);
    }
    return (records * 1000) / (performance.now() - start);
  });
}

function median(xs: number[]): number {
  const sorted = [...xs].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] ?? 0;
}

const k = (x: number) => (x >= 1e6 ? `${(x / 1e6).toFixed(2)} M` : `${(x / 1e3).toFixed(1)} k`);
const mb = (bytes: number) => (bytes / 1e6).toFixed(1);

/**
 * This machine's speed at the two things an append does, to read the figures against: encode
 * one summary as JSON, and one write(2) of it to a file.
 */
function calibration(record: StoreRecord): string {
  const n = 20_000;
  let start = performance.now();
  let line = '';
  for (let i = 0; i < n; i++) line = JSON.stringify(record);
  const stringifyUs = ((performance.now() - start) * 1000) / n;
  const dir = mkdtempSync(join(tmpdir(), 'spool-bench-'));
  const fd = openSync(join(dir, 'calibration'), 'a');
  const data = Buffer.from(`${line}\n`);
  start = performance.now();
  for (let i = 0; i < n; i++) writeSync(fd, data);
  const writeUs = ((performance.now() - start) * 1000) / n;
  closeSync(fd);
  rmSync(dir, { recursive: true, force: true });
  return `  this machine: JSON.stringify of a summary ${stringifyUs.toFixed(2)} µs, write(2) of it ${writeUs.toFixed(2)} µs`;
}

/** The spool's figures as printable lines. */
export async function benchSpool(): Promise<string[]> {
  const load = workload();
  const records = load.flat(2);
  const bytes = records.reduce((sum, r) => sum + Buffer.byteLength(JSON.stringify(r)) + 1, 0);
  const summaryBytes = Buffer.byteLength(JSON.stringify(load[0]![0]![0])) + 1;
  const lines = [
    `spool bench: ${BANDS} bands × ${SECONDS} s, ${k(records.length)}records (${(records.length / BANDS / SECONDS).toFixed(2)} per band-second, summary ≈ ${summaryBytes} B), page cache only, median of ${ROUNDS}`,
  ];
  lines.push(calibration(load[0]![0]![0]!));
  for (const [name, run] of [
    ['one append per MQTT message', perMessage],
    ['one append per second of all bands', perSecond],
  ] as const) {
    run(load); // warm-up
    const runs = Array.from({ length: ROUNDS }, () => run(load));
    const ms = median(runs.map((r) => r.ms));
    const perS = (runs[0]!.records * 1000) / ms;
    lines.push(
      `  ${name}: ${k(perS)}records/s, ${mb((runs[0]!.bytes * 1000) / ms)} MB/s — ${(perS / (records.length / SECONDS)).toFixed(0)}× the load of ${BANDS} bands`,
    );
    if (run === perMessage) {
      lines.push(
        `    per MQTT message (one band, ${MESSAGES_PER_SECOND} per second): ${((ms * 1000) / runs[0]!.calls).toFixed(2)} µs mean`,
      );
    }
  }
  const one = [load[0]![0]![0]!];
  lines.push(
    `  append of one summary: ${median(Array.from({ length: ROUNDS }, () => appendCostUs(one, 20_000))).toFixed(2)} µs; of nothing: ${median(Array.from({ length: ROUNDS }, () => appendCostUs([], 200_000))).toFixed(3)} µs`,
  );
  lines.push(
    `  with fsync: every append ${appendCostUs(one, 500, { fsyncEveryMs: 0 }).toFixed(0)} µs, at most every 100 ms ${appendCostUs(one, 20_000, { fsyncEveryMs: 100 }).toFixed(2)} µs`,
  );
  lines.push(
    `  read back (peek 5000 + commit): ${k(median(Array.from({ length: ROUNDS }, () => drainRate(load))))}records/s`,
  );
  const perHour = (bytes / SECONDS) * 3600;
  lines.push(
    `  disk: ${mb((bytes / SECONDS / 1e3) * 1e3)} MB/s of records spooled → ${mb(perHour)} MB per hour of outage; the default 1 GiB holds ${(1024 ** 3 / perHour).toFixed(1)} h for ${BANDS} bands (${((1024 ** 3 * BANDS) / perHour / 24).toFixed(0)} days for one)`,
  );
  return lines;
}

if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href) {
  for (const line of await benchSpool()) console.log(line);
}
