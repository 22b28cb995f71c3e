import assert from 'node:assert/strict';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { CrampWatchEvent, EpochMs } from '../../protocol/index.ts';
import { nightsSummary, nightTimeline } from '../../storage/night-summary.ts';
import { addNights, nightBounds, nightsBetween } from '../../storage/nights.ts';
import { createSqliteStore } from '../../storage/sqlite/index.ts';
import type { Store, StoreRecord } from '../../storage/store.ts';

const S = 1000;
const MIN = 60 * S;
const TZ = 'Europe/Berlin';
/** A local time in Berlin in November (CET, UTC+1). */
const local = (s: string): EpochMs => Date.parse(`${s}+01:00`);

let root: string;
let n = 0;
before(async () => {
  root = await mkdtemp(join(tmpdir(), 'crampwatch-nights-'));
});
after(async () => {
  await rm(root, { recursive: true, force: true });
});

async function withStore(body: (store: Store) => Promise<void>): Promise<void> {
  const store = createSqliteStore({ dir: join(root, `store-${n++}`) });
  try {
    await body(store);
  } finally {
    await store.close();
  }
}

function seconds(device: string, fromMs: EpochMs, toMs: EpochMs): StoreRecord[] {
  const records: StoreRecord[] = [];
  for (let t = fromMs; t < toMs; t += S) {
    records.push({
      type: 'second',
      second: {
        device,
        t,
        envUv: 3,
        envMaxUv: 4,
        baselineUv: 3,
        movementMg: 10,
        flexionDeg: 2,
        observable: 1,
        plantarFlexed: false,
        posture: 'supine',
        quality: 'good',
        humUv: 0.5,
      },
    });
  }
  return records;
}

function event(device: string, kind: string, start: EpochMs, end: EpochMs | null): StoreRecord {
  const e: CrampWatchEvent = { id: `${device}:${kind}:${start}`, device, kind, start, end, late: false };
  return { type: 'event', event: e };
}

async function writeAll(store: Store, records: readonly StoreRecord[]): Promise<void> {
  for (let i = 0; i < records.length; i += 5000) await store.write(records.slice(i, i + 5000));
}

const D = 'band-7';

/**
 * The night of 26 November 2025 in Berlin, by hand: data 22:00–02:00 and 02:30–06:00 (7.5 h), two
 * cramps, two spasms, a PLM series, plantar flexion (30 min, and 20 min across the next noon),
 * six minutes of lead-off; a cramp one second before the night and one at the next noon exactly.
 */
async function handBuiltNight(store: Store): Promise<void> {
  await writeAll(store, [
    ...seconds(D, local('2025-11-26T22:00:00'), local('2025-11-27T02:00:00')),
    ...seconds(D, local('2025-11-27T02:30:00'), local('2025-11-27T06:00:00')),
  ]);
  await store.write([
    event(D, 'cramp', local('2025-11-26T11:59:59'), local('2025-11-26T12:00:09')),
    event(D, 'plm', local('2025-11-26T23:00:00'), local('2025-11-26T23:05:00')),
    event(D, 'spasm', local('2025-11-27T01:00:00'), local('2025-11-27T01:00:04')),
    event(D, 'spasm', local('2025-11-27T01:30:00'), local('2025-11-27T01:30:03')),
    event(D, 'signal_gap', local('2025-11-27T02:00:00'), local('2025-11-27T02:30:00')),
    event(D, 'plantar_flexion', local('2025-11-27T02:50:00'), local('2025-11-27T03:20:00')),
    event(D, 'cramp', local('2025-11-27T03:10:00'), local('2025-11-27T03:10:48.500')),
    event(D, 'cramp', local('2025-11-27T04:00:00'), local('2025-11-27T04:02:00')),
    event(D, 'lead_off', local('2025-11-27T05:00:00'), local('2025-11-27T05:06:00')),
    event(D, 'plantar_flexion', local('2025-11-27T11:50:00'), local('2025-11-27T12:10:00')),
    event(D, 'cramp', local('2025-11-27T12:00:00'), local('2025-11-27T12:00:20')),
  ]);
}

const quiet = { spasms: 0, plms: 0, leadOffMinutes: 0, coverage: 0, dataMinutes: 0 };
const night25 = {
  date: '2025-11-25',
  ...nightBounds('2025-11-25', TZ),
  cramps: { count: 1, totalMs: 10 * S, longestMs: 10 * S, firstOnsetMs: local('2025-11-26T11:59:59') },
  ...quiet,
  plantarFlexedMinutes: 0,
};
const night26 = {
  date: '2025-11-26',
  ...nightBounds('2025-11-26', TZ),
  cramps: {
    count: 2,
    totalMs: 48_500 + 120_000,
    longestMs: 120_000,
    firstOnsetMs: local('2025-11-27T03:10:00'),
  },
  spasms: 2,
  plms: 1,
  plantarFlexedMinutes: 40,
  leadOffMinutes: 6,
  coverage: 27_000 / 86_400,
  dataMinutes: 450,
};
const night27 = {
  date: '2025-11-27',
  ...nightBounds('2025-11-27', TZ),
  cramps: { count: 1, totalMs: 20 * S, longestMs: 20 * S, firstOnsetMs: local('2025-11-27T12:00:00') },
  ...quiet,
  plantarFlexedMinutes: 10,
};
const NOW = local('2025-11-28T09:00:00');

describe('nightsSummary on a hand-built night in a real SQLite store', () => {
  it('adds up each night; events belong to the night of their start; intervals are clipped', () =>
    withStore(async (store) => {
      await handBuiltNight(store);
      assert.deepEqual(await nightsSummary(store, D, TZ, { nowMs: NOW }), [night25, night26, night27]);
    }));

  it('leaves out the nights of the range with nothing in them', () =>
    withStore(async (store) => {
      await handBuiltNight(store);
      const wide = await nightsSummary(store, D, TZ, { from: '2025-11-01', to: '2025-11-30', nowMs: NOW });
      assert.deepEqual(wide, [night25, night26, night27]);
      assert.deepEqual(await nightsSummary(store, 'band-unknown', TZ, { nowMs: NOW }), []);
    }));

  it('clips an interval that began the night before into the first night of the range', () =>
    withStore(async (store) => {
      await handBuiltNight(store);
      assert.deepEqual(
        await nightsSummary(store, D, TZ, { from: '2025-11-26', to: '2025-11-26', nowMs: NOW }),
        [night26],
      );
      assert.deepEqual(
        await nightsSummary(store, D, TZ, { from: '2025-11-27', to: '2025-11-27', nowMs: NOW }),
        [night27],
      );
    }));

  it('ends an open event where its data ends, and never after now', () =>
    withStore(async (store) => {
      await writeAll(store, seconds(D, local('2025-11-26T22:00:00'), local('2025-11-27T06:00:00')));
      await store.write([
        event(D, 'cramp', local('2025-11-27T05:59:00'), null),
        event(D, 'lead_off', local('2025-11-27T05:00:00'), null),
      ]);
      const [later] = await nightsSummary(store, D, TZ, { nowMs: NOW });
      assert.equal(later?.cramps.totalMs, 60 * S, 'the band went quiet at 06:00');
      assert.equal(later?.leadOffMinutes, 60);
      const live = local('2025-11-27T05:59:30');
      const [now] = await nightsSummary(store, D, TZ, { nowMs: live });
      assert.equal(now?.cramps.totalMs, 30 * S, 'a cramp going on now has lasted until now');
      assert.equal(now?.leadOffMinutes, 59.5);
    }));

  it('gives a 25-hour and a 23-hour night their own length (New York)', () =>
    withStore(async (store) => {
      const tz = 'America/New_York';
      const long = nightBounds('2025-11-01', tz);
      const short = nightBounds('2025-03-08', tz);
      await writeAll(store, [...seconds(D, short.fromMs, short.toMs), ...seconds(D, long.fromMs, long.toMs)]);
      const got = await nightsSummary(store, D, tz, { from: '2025-03-01', to: '2025-11-30', nowMs: NOW });
      assert.deepEqual(
        got.map((x) => [x.date, x.dataMinutes, x.coverage]),
        [
          ['2025-03-08', 23 * 60, 1],
          ['2025-11-01', 25 * 60, 1],
        ],
      );
    }));

  it('asks the store once for events and once for coverage, however many nights', () =>
    withStore(async (store) => {
      const first = '2025-08-01';
      const dates = nightsBetween(first, addNights(first, 89));
      for (const date of dates) {
        const { fromMs } = nightBounds(date, TZ);
        await store.write([...seconds(D, fromMs + 11 * 3_600_000, fromMs + 11 * 3_600_000 + 5 * MIN)]);
        await store.write([event(D, 'cramp', fromMs + 12 * 3_600_000, fromMs + 12 * 3_600_000 + 30 * S)]);
      }
      const calls: string[] = [];
      const counting = new Proxy(store, {
        get(target, key, receiver) {
          const value = Reflect.get(target, key, receiver) as unknown;
          if (typeof value !== 'function') return value;
          return (...args: unknown[]) => {
            calls.push(String(key));
            return (value as (...a: unknown[]) => unknown).apply(target, args);
          };
        },
      });
      const got = await nightsSummary(counting, D, TZ, { from: dates[0]!, to: dates.at(-1)!, nowMs: NOW });
      assert.deepEqual(calls.sort(), ['coverage', 'events']);
      assert.equal(got.length, 90);
      assert.ok(got.every((x) => x.cramps.count === 1 && x.dataMinutes === 5));
    }));
});

describe('nightTimeline', () => {
  it("gives the night's buckets and every event that overlaps it", () =>
    withStore(async (store) => {
      await handBuiltNight(store);
      const night = await nightTimeline(store, D, TZ, '2025-11-26', 96);
      const { fromMs, toMs } = nightBounds('2025-11-26', TZ);
      assert.deepEqual([night.date, night.fromMs, night.toMs], ['2025-11-26', fromMs, toMs]);
      // 16 + 14 quarter hours with data: the 96 points are spread over them, not the whole 24 h.
      assert.ok(night.buckets.length > 30 && night.buckets.length <= 96, `${night.buckets.length} buckets`);
      assert.equal(
        night.buckets.reduce((n, b) => n + b.seconds, 0),
        30 * 900,
        'every second with data is in a bucket',
      );
      const widthMs = night.buckets[1]!.t - night.buckets[0]!.t;
      assert.ok(
        widthMs < 15 * MIN,
        `buckets of ${widthMs / 1000} s, finer than the quarter hours 96 points over 24 h give`,
      );
      assert.deepEqual(
        night.events.map((e) => e.kind),
        [
          'cramp',
          'plm',
          'spasm',
          'spasm',
          'signal_gap',
          'plantar_flexion',
          'cramp',
          'cramp',
          'lead_off',
          'plantar_flexion',
        ],
      );
    }));
});
