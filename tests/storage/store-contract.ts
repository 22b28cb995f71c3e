import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { CrampWatchEvent, DeviceId, EpochMs } from '../../protocol/index.ts';
import {
  type CoverageQuarter,
  QUARTER_MS,
  type SignalSecond,
  type Store,
  type StoreRecord,
  type TimelineBucket,
} from '../../storage/store.ts';
import { signalSecond, storedEvent } from '../helpers/store-records.ts';

/** What the suite needs from an implementation: a fresh, empty store per test. */
export interface OpenedStore {
  readonly store: Store;
  /**
   * Opens the same data again after the suite has closed `store` (omit it for a store that
   * cannot): the durability test is then skipped.
   */
  readonly reopen?: () => Promise<Store>;
  /** Releases what `open` made (a temporary directory, a database). Every store is closed first. */
  dispose(): Promise<void>;
}

/**
 * The behaviour of {@link Store} that a user would notice, for every implementation: the
 * InfluxDB store and the SQLite store both call this with their own `open`. Nothing here depends
 * on how a store keeps its data; means are compared with a small tolerance (a store may add them
 * up in another order), and device ids are unique per test, so a store may share one database
 * across the suite.
 */
export function storeContract(name: string, open: () => Promise<OpenedStore>): void {
  describe(`Store contract: ${name}`, () => {
    describe('events', () => eventTests(open));
    describe('timeline', () => timelineTests(open));
    describe('coverage', () => coverageTests(open));
    describe('devices', () => deviceTests(open));
    describe('counters', () => counterTests(open));
    describe('durability', () => durabilityTests(open));
  });
}

// --- fixtures ---------------------------------------------------------------------------------

/** 2025-11-26 22:00 UTC: a whole hour, so a quarter-hour boundary too. */
const T0 = Date.UTC(2025, 10, 26, 22, 0, 0);
const S = 1000;
const MIN = 60 * S;
const HOUR = 60 * MIN;

let devices = 0;
/** A device id no other test uses. */
function newDevice(label = 'band'): DeviceId {
  devices++;
  return `${label}-${process.pid}-${devices}`;
}

const event = storedEvent;

const ev = (e: CrampWatchEvent): StoreRecord => ({ type: 'event', event: e });

const second = signalSecond;

const sec = (x: SignalSecond): StoreRecord => ({ type: 'second', second: x });

/** Seconds [fromMs, toMs) of a device, one record each, made by `make` (default: resting). */
function seconds(
  device: DeviceId,
  fromMs: EpochMs,
  toMs: EpochMs,
  make: (t: EpochMs) => Partial<SignalSecond> = () => ({}),
): StoreRecord[] {
  const records: StoreRecord[] = [];
  for (let t = fromMs; t < toMs; t += S) records.push(sec(second(device, t, make(t))));
  return records;
}

/** Writes in batches of the size the ingest uses, as it would. */
async function writeAll(store: Store, records: readonly StoreRecord[], batch = 3600): Promise<void> {
  for (let i = 0; i < records.length; i += batch) await store.write(records.slice(i, i + batch));
}

function assertClose(actual: number, expected: number, what: string): void {
  assert.ok(
    Math.abs(actual - expected) <= 1e-9 * Math.max(1, Math.abs(expected)),
    `${what}: ${actual} ≠ ${expected}`,
  );
}

interface Session {
  readonly store: Store;
  /** Closes the store and opens its data again; undefined when the implementation cannot. */
  readonly reopen: (() => Promise<Store>) | undefined;
}

/** Runs `body` on a fresh store, then closes whatever store is current and disposes. */
async function withStore(
  open: () => Promise<OpenedStore>,
  body: (s: Session) => Promise<void>,
): Promise<void> {
  const opened = await open();
  let current = opened.store;
  let closed = false;
  const session: Session = {
    get store() {
      return current;
    },
    reopen:
      opened.reopen === undefined
        ? undefined
        : async () => {
            closed = true;
            await current.close();
            current = await opened.reopen!();
            closed = false;
            return current;
          },
  };
  try {
    await body(session);
  } finally {
    if (!closed) await current.close();
    await opened.dispose();
  }
}

// --- events -----------------------------------------------------------------------------------

function eventTests(open: () => Promise<OpenedStore>): void {
  it('stores each event once when the same batch is written twice', () =>
    withStore(open, async ({ store }) => {
      const d = newDevice();
      const batch = [
        event(d, 'cramp', T0 + 10 * MIN, T0 + 11 * MIN, { peakUv: 412.5 }),
        event(d, 'spasm', T0 + 20 * MIN, T0 + 20 * MIN + 4 * S),
        event(d, 'plantar_flexion', T0 + 9 * MIN, T0 + 12 * MIN, { angleDeg: 38 }),
      ].map(ev);
      await store.write(batch);
      await store.write(batch);
      const got = await store.events(d, T0, T0 + HOUR);
      assert.deepEqual(
        got.map((e) => e.id),
        [
          `${d}:plantar_flexion:${T0 + 9 * MIN}`,
          `${d}:cramp:${T0 + 10 * MIN}`,
          `${d}:spasm:${T0 + 20 * MIN}`,
        ],
      );
    }));

  it('replaces an open event by its later phases; its end closes it', () =>
    withStore(open, async ({ store }) => {
      const d = newDevice();
      const start = T0 + 10 * MIN;
      await store.write([ev(event(d, 'cramp', start, null, { peakUv: 100, confidence: 0.5 }))]);
      assert.deepEqual(await store.events(d, T0, T0 + HOUR), [
        event(d, 'cramp', start, null, { peakUv: 100, confidence: 0.5 }),
      ]);
      await store.write([ev(event(d, 'cramp', start, null, { peakUv: 250, confidence: 0.75 }))]);
      const ended = event(d, 'cramp', start, start + 48_500, { peakUv: 412.5, confidence: 0.93 });
      await store.write([ev(ended)]);
      assert.deepEqual(await store.events(d, T0, T0 + HOUR), [ended]);
    }));

  it('keeps an ended event ended when its earlier phases are written again (a replay)', () =>
    withStore(open, async ({ store }) => {
      const d = newDevice();
      const start = T0 + 10 * MIN;
      const phases = [
        event(d, 'cramp', start, null, { peakUv: 100 }),
        event(d, 'cramp', start, start + 30 * S, { peakUv: 300 }),
      ].map(ev);
      await store.write(phases);
      await store.write(phases.slice(0, 1));
      assert.deepEqual(await store.events(d, T0, T0 + HOUR), [
        event(d, 'cramp', start, start + 30 * S, { peakUv: 300 }),
      ]);
    }));

  it('gives back fields it does not know exactly as written', () =>
    withStore(open, async ({ store }) => {
      const d = newDevice();
      const e = event(d, 'night_terror', T0 + MIN, T0 + 2 * MIN, {
        late: true,
        confidence: 0.93,
        angleDeg: -12.25,
        note: 'ünïcödé "quoted" \\ back',
        nested: { list: [1, 'two', null, true, { deep: 0.1 }], empty: {} },
        zero: 0,
        nothing: null,
      });
      await store.write([ev(e)]);
      assert.deepEqual(await store.events(d, T0, T0 + HOUR), [e]);
    }));

  it('returns the events that overlap [from, to); an open event overlaps everything after its start', () =>
    withStore(open, async ({ store }) => {
      const d = newDevice();
      const a = event(d, 'cramp', T0, T0 + 10 * S);
      const b = event(d, 'cramp', T0 + 20 * S, T0 + 30 * S);
      const c = event(d, 'lead_off', T0 + 40 * S, null);
      await store.write([a, b, c].map(ev));
      const ids = async (from: number, to: number) => (await store.events(d, from, to)).map((e) => e.id);
      assert.deepEqual(await ids(T0 + 5 * S, T0 + 25 * S), [a.id, b.id], 'both cut by the range');
      assert.deepEqual(await ids(T0 + 10 * S, T0 + 20 * S), [], 'a ends at from, b starts at to');
      assert.deepEqual(await ids(T0 + 9 * S, T0 + 21 * S), [a.id, b.id], 'a second inside each');
      assert.deepEqual(await ids(T0 - HOUR, T0 + 40 * S), [a.id, b.id], 'c starts at to');
      assert.deepEqual(await ids(T0 + 40 * S, T0 + 41 * S), [c.id]);
      assert.deepEqual(
        await ids(T0 + 30 * 24 * HOUR, T0 + 31 * 24 * HOUR),
        [c.id],
        'c is still open a month later',
      );
      assert.deepEqual(await ids(T0 - HOUR, T0), [], 'before everything');
    }));

  it('limits the kinds when asked', () =>
    withStore(open, async ({ store }) => {
      const d = newDevice();
      const kinds = ['cramp', 'spasm', 'plantar_flexion', 'lead_off', 'plm'];
      await store.write(kinds.map((k, i) => ev(event(d, k, T0 + i * MIN, T0 + i * MIN + 5 * S))));
      const got = await store.events(d, T0, T0 + HOUR, ['spasm', 'plm', 'signal_gap']);
      assert.deepEqual(
        got.map((e) => e.kind),
        ['spasm', 'plm'],
      );
      assert.equal((await store.events(d, T0, T0 + HOUR)).length, kinds.length, 'no kinds: every kind');
    }));

  it('orders events by start, then kind, whatever the order they were written in', () =>
    withStore(open, async ({ store }) => {
      const d = newDevice();
      const written = [
        event(d, 'spasm', T0 + 3 * MIN, T0 + 3 * MIN + S),
        event(d, 'plantar_flexion', T0 + MIN, T0 + 5 * MIN),
        event(d, 'cramp', T0 + MIN, T0 + 2 * MIN),
        event(d, 'lead_off', T0, null),
      ];
      for (const e of written) await store.write([ev(e)]);
      const got = await store.events(d, T0, T0 + HOUR);
      assert.deepEqual(
        got.map((e) => `${e.start - T0}:${e.kind}`),
        ['0:lead_off', `${MIN}:cramp`, `${MIN}:plantar_flexion`, `${3 * MIN}:spasm`],
      );
    }));

  it("never shows one device's events, seconds, coverage or counters for another", () =>
    withStore(open, async ({ store }) => {
      const d = newDevice('leak');
      // A prefix of each other and a case variant: ids are compared exactly.
      const others = [`${d}0`, d.toUpperCase(), d.slice(0, -1)];
      for (const [i, o] of others.entries()) {
        await store.write([
          ev(event(o, 'cramp', T0 + i * MIN, T0 + i * MIN + 20 * S)),
          ...seconds(o, T0, T0 + 10 * S),
          { type: 'counters', counters: { device: o, t: T0, counts: { frames: 1 } } },
        ]);
      }
      await store.write([
        ev(event(d, 'spasm', T0 + 30 * MIN, T0 + 30 * MIN + S)),
        ...seconds(d, T0 + HOUR, T0 + HOUR + 5 * S),
      ]);
      assert.deepEqual(
        (await store.events(d, T0, T0 + 2 * HOUR)).map((e) => e.device),
        [d],
      );
      assert.deepEqual(await store.timeline(d, T0, T0 + MIN, 60), []);
      assert.deepEqual(await store.coverage(d, T0, T0 + 2 * HOUR), [{ t: T0 + HOUR, seconds: 5 }]);
      assert.deepEqual(await store.counters(d, T0, T0 + HOUR), []);
      assert.deepEqual(await store.events(newDevice('none'), T0, T0 + HOUR), [], 'a device never heard of');
    }));
}

// --- timeline ---------------------------------------------------------------------------------

function timelineTests(open: () => Promise<OpenedStore>): void {
  it('keeps a single one-second peak when 8 hours are shown as 100 points', () =>
    withStore(open, async ({ store }) => {
      const d = newDevice();
      const peakAt = T0 + 5 * HOUR + 17 * S;
      await writeAll(
        store,
        seconds(d, T0, T0 + 8 * HOUR, (t) =>
          t === peakAt ? { envUv: 400, envMaxUv: 500, movementMg: 900 } : {},
        ),
      );
      const buckets = await store.timeline(d, T0, T0 + 8 * HOUR, 100);
      const widthMs = 288 * S; // 8 h / 100 = 288 s
      assert.equal(buckets.length, 100);
      assert.deepEqual(
        buckets.map((b) => b.t),
        buckets.map((_, k) => T0 + k * widthMs),
      );
      assert.ok(buckets.every((b) => b.seconds === 288));
      const k = Math.floor((peakAt - T0) / widthMs);
      const peak = buckets[k]!;
      assert.equal(peak.envUv.max, 500, 'the peak is the largest per-second maximum');
      assert.equal(peak.envUv.min, 3, 'the resting level stays visible beside it');
      assertClose(peak.envUv.mean, (287 * 3 + 400) / 288, 'mean of the per-second means');
      assert.deepEqual(peak.movementMg, { min: 10, max: 900 });
      const rest = buckets.filter((_, i) => i !== k);
      assert.ok(rest.every((b) => b.envUv.max === 4 && b.envUv.min === 3 && b.movementMg.max === 10));
    }));

  it('leaves gaps out: no bucket, never a zero', () =>
    withStore(open, async ({ store }) => {
      const d = newDevice();
      await writeAll(store, [...seconds(d, T0, T0 + 10 * MIN), ...seconds(d, T0 + 20 * MIN, T0 + 30 * MIN)]);
      const buckets = await store.timeline(d, T0, T0 + 30 * MIN, 30);
      const minutes = [
        ...Array.from({ length: 10 }, (_, i) => i),
        ...Array.from({ length: 10 }, (_, i) => 20 + i),
      ];
      assert.deepEqual(
        buckets.map((b) => b.t),
        minutes.map((m) => T0 + m * MIN),
      );
      assert.ok(buckets.every((b) => b.seconds === 60 && b.envUv.min === 3));
      assert.deepEqual(
        await store.timeline(d, T0 + 11 * MIN, T0 + 19 * MIN, 100),
        [],
        'a range inside the gap',
      );
    }));

  it('makes buckets a whole number of seconds wide and never more than `points` of them', () =>
    withStore(open, async ({ store }) => {
      const d = newDevice();
      await writeAll(store, seconds(d, T0, T0 + 1000 * S));
      const three = await store.timeline(d, T0, T0 + 1000 * S, 3); // 333.3 s → 334 s
      assert.deepEqual(
        three.map((b) => [b.t - T0, b.seconds]),
        [
          [0, 334],
          [334 * S, 334],
          [668 * S, 332],
        ],
      );
      const fine = await store.timeline(d, T0 + 990 * S, T0 + 1000 * S, 1000); // 10 ms → 1 s
      assert.deepEqual(
        fine.map((b) => [b.t - T0, b.seconds]),
        Array.from({ length: 10 }, (_, i) => [(990 + i) * S, 1]),
      );
      for (const points of [1, 7, 64, 999, 1000, 5000]) {
        const buckets = await store.timeline(d, T0, T0 + 1000 * S, points);
        assert.ok(buckets.length <= points, `${buckets.length} buckets for ${points} points`);
        assert.equal(
          buckets.reduce((n, b) => n + b.seconds, 0),
          1000,
          `every second counted once at ${points} points`,
        );
      }
    }));

  it('gives one bucket per second, as written, when there are points enough', () =>
    withStore(open, async ({ store }) => {
      const d = newDevice();
      const x = second(d, T0 + 7 * S, {
        envUv: 12.5,
        envMaxUv: 30.25,
        movementMg: 55,
        flexionDeg: 41.5,
        plantarFlexed: true,
        quality: 'lead_off',
      });
      await store.write([sec(x)]);
      assert.deepEqual(await store.timeline(d, T0, T0 + MIN, 60), [
        {
          t: x.t,
          seconds: 1,
          envUv: { min: 12.5, max: 30.25, mean: 12.5 },
          movementMg: { min: 55, max: 55 },
          flexionDeg: { min: 41.5, max: 41.5, mean: 41.5 },
          leadOffSeconds: 1,
          plantarFlexedSeconds: 1,
        },
      ] satisfies TimelineBucket[]);
    }));

  it('counts lead-off and plantar-flexed seconds per bucket', () =>
    withStore(open, async ({ store }) => {
      const d = newDevice();
      await writeAll(
        store,
        seconds(d, T0, T0 + 2 * MIN, (t) => {
          const i = (t - T0) / S;
          return {
            quality: i < 15 ? 'lead_off' : i < 20 ? 'noisy' : 'good',
            plantarFlexed: i >= 50 && i < 80,
          };
        }),
      );
      const buckets = await store.timeline(d, T0, T0 + 2 * MIN, 2);
      assert.deepEqual(
        buckets.map((b) => [b.leadOffSeconds, b.plantarFlexedSeconds]),
        [
          [15, 10],
          [0, 20],
        ],
      );
    }));

  it('gives a null flexion where the angle was never observable, and its mean over the observable seconds', () =>
    withStore(open, async ({ store }) => {
      const d = newDevice();
      const flexion = [null, null, 10, null, 10, 20];
      await store.write(
        flexion.map((f, i) => sec(second(d, T0 + i * S, { flexionDeg: f, observable: f === null ? 0 : 1 }))),
      );
      const buckets = await store.timeline(d, T0, T0 + 6 * S, 3);
      assert.equal(buckets.length, 3);
      assert.equal(buckets[0]!.flexionDeg, null);
      assert.deepEqual(buckets[1]!.flexionDeg, { min: 10, max: 10, mean: 10 });
      const both = buckets[2]!.flexionDeg;
      assert.ok(both !== null);
      assert.equal(both.min, 10);
      assert.equal(both.max, 20);
      assertClose(both.mean, 15, 'flexion mean');
    }));

  it('is unchanged by writing the same seconds again', () =>
    withStore(open, async ({ store }) => {
      const d = newDevice();
      const records = seconds(d, T0, T0 + 10 * MIN, (t) => ({ envUv: ((t - T0) / S) % 7 }));
      await writeAll(store, records);
      const before = await store.timeline(d, T0, T0 + 10 * MIN, 20);
      await writeAll(store, records, 250);
      assert.deepEqual(await store.timeline(d, T0, T0 + 10 * MIN, 20), before);
      assert.equal(
        before.reduce((n, b) => n + b.seconds, 0),
        600,
      );
    }));
}

// --- coverage ---------------------------------------------------------------------------------

function coverageTests(open: () => Promise<OpenedStore>): void {
  const Q = QUARTER_MS;

  it('counts each second once, across quarter boundaries, whatever is written again', () =>
    withStore(open, async ({ store }) => {
      const d = newDevice();
      const around = seconds(d, T0 + 890 * S, T0 + 910 * S); // 10 s in each quarter
      await store.write(around);
      await store.write(around);
      const expect = async (quarters: CoverageQuarter[]) =>
        assert.deepEqual(await store.coverage(d, T0, T0 + 4 * Q), quarters);
      await expect([
        { t: T0, seconds: 10 },
        { t: T0 + Q, seconds: 10 },
      ]);
      // A batch that repeats part of what is stored and adds the rest of the quarter.
      await writeAll(store, seconds(d, T0 + Q, T0 + 2 * Q), 97);
      await expect([
        { t: T0, seconds: 10 },
        { t: T0 + Q, seconds: 900 },
      ]);
      // The same second twice in one batch, and a second written again with other values.
      const x = second(d, T0 + 3 * Q + 5 * S);
      await store.write([sec(x), sec(x), sec({ ...x, envUv: 99 })]);
      await store.write([sec({ ...x, envUv: 7 })]);
      await expect([
        { t: T0, seconds: 10 },
        { t: T0 + Q, seconds: 900 },
        { t: T0 + 3 * Q, seconds: 1 },
      ]);
    }));

  it('returns only the quarters of the range asked for', () =>
    withStore(open, async ({ store }) => {
      const d = newDevice();
      await writeAll(
        store,
        seconds(d, T0, T0 + HOUR, (t) => ({ envUv: t % 5 })),
        600,
      );
      const all = await store.coverage(d, T0, T0 + HOUR);
      assert.deepEqual(
        all,
        [0, 1, 2, 3].map((i) => ({ t: T0 + i * Q, seconds: 900 })),
      );
      assert.deepEqual(await store.coverage(d, T0 + Q, T0 + 3 * Q), all.slice(1, 3));
      assert.deepEqual(await store.coverage(d, T0 + HOUR, T0 + 2 * HOUR), []);
    }));
}

// --- devices ----------------------------------------------------------------------------------

function deviceTests(open: () => Promise<OpenedStore>): void {
  const status = (device: DeviceId, t: EpochMs, fields: object = {}): StoreRecord => ({
    type: 'status',
    status: { device, t, ...fields },
  });

  it('merges statuses: fields a status has replace, others stay; lastSeen never goes back', () =>
    withStore(open, async ({ store }) => {
      const d = newDevice();
      const full = { online: true, battery: 0.8, fw: '1.2.0', side: 'left', leadOff: false };
      const history = [
        status(d, T0, full),
        status(d, T0 + MIN, { seenOnly: true }),
        status(d, T0 + 30 * S, { seenOnly: true }), // older than the last seen
        status(d, T0 + 2 * MIN, { online: false }), // the last will: only `online`
      ];
      await store.write(history.slice(0, 1));
      assert.deepEqual(await store.device(d), {
        id: d,
        name: null,
        side: 'left',
        tz: null,
        lastSeen: T0,
        online: true,
        battery: 0.8,
        fw: '1.2.0',
        leadOff: false,
      });
      await store.write(history.slice(1, 3));
      assert.equal((await store.device(d))?.lastSeen, T0 + MIN);
      assert.equal((await store.device(d))?.online, true, 'seenOnly changes nothing else');
      await store.write(history.slice(3));
      const after = { id: d, name: null, side: 'left', tz: null, lastSeen: T0 + 2 * MIN };
      const expected = { ...after, online: false, battery: 0.8, fw: '1.2.0', leadOff: false };
      assert.deepEqual(await store.device(d), expected);
      // An older full status (a replayed night) and the whole history again change nothing.
      await store.write([status(d, T0 + 90 * S, { online: true, battery: 0.1, fw: '0.9.0', leadOff: true })]);
      await store.write(history);
      assert.deepEqual(await store.device(d), expected);
    }));

  it('knows a device heard from only through its frames', () =>
    withStore(open, async ({ store }) => {
      const d = newDevice();
      await store.write([status(d, T0, { seenOnly: true })]);
      assert.deepEqual(await store.device(d), {
        id: d,
        name: null,
        side: null,
        tz: null,
        lastSeen: T0,
        online: null,
        battery: null,
        fw: null,
        leadOff: null,
      });
      assert.equal(await store.device(newDevice('unknown')), undefined);
    }));

  it("applies the wearer's settings: absent leaves, null clears, their side wins over the band's", () =>
    withStore(open, async ({ store }) => {
      const d = newDevice();
      const created = await store.updateDevice(d, { name: 'Left calf', tz: 'Europe/Berlin' });
      const blank = { lastSeen: null, online: null, battery: null, fw: null, leadOff: null };
      assert.deepEqual(created, { id: d, name: 'Left calf', side: null, tz: 'Europe/Berlin', ...blank });
      assert.deepEqual(await store.device(d), created);
      await store.write([status(d, T0, { online: true, side: 'left' })]);
      assert.equal((await store.device(d))?.side, 'left', "the band's side while the wearer has none");
      assert.equal((await store.updateDevice(d, { side: 'right' })).side, 'right');
      await store.write([status(d, T0 + MIN, { online: true, side: 'left' })]);
      assert.equal((await store.device(d))?.side, 'right', "the wearer's side wins");
      const unchanged = await store.updateDevice(d, {});
      assert.deepEqual(
        [unchanged.name, unchanged.side, unchanged.tz, unchanged.lastSeen],
        ['Left calf', 'right', 'Europe/Berlin', T0 + MIN],
      );
      const cleared = await store.updateDevice(d, { side: null, name: null });
      assert.deepEqual([cleared.name, cleared.side, cleared.tz], [null, 'left', 'Europe/Berlin']);
      assert.deepEqual(await store.device(d), cleared);
    }));

  it('lists every known device by id', () =>
    withStore(open, async ({ store }) => {
      const base = newDevice('list');
      const ids = [`${base}-c`, `${base}-a`, `${base}-b`];
      await store.write([status(ids[0]!, T0, { online: true }), status(ids[1]!, T0, { seenOnly: true })]);
      await store.updateDevice(ids[2]!, { name: 'B' });
      const listed = (await store.devices()).filter((r) => r.id.startsWith(base));
      assert.deepEqual(
        listed.map((r) => r.id),
        [...ids].sort(),
      );
      assert.deepEqual(listed[1], await store.device(ids[2]!));
    }));
}

// --- counters ---------------------------------------------------------------------------------

function counterTests(open: () => Promise<OpenedStore>): void {
  it('returns the snapshots in [from, to), oldest first, each once', () =>
    withStore(open, async ({ store }) => {
      const d = newDevice();
      const snap = (t: EpochMs, frames: number): StoreRecord => ({
        type: 'counters',
        counters: { device: d, t, counts: { frames, duplicates: frames % 3, 'gap-ms': 1500 } },
      });
      const batch = [snap(T0 + 2 * MIN, 20), snap(T0, 0), snap(T0 + MIN, 10), snap(T0 + 3 * MIN, 30)];
      await store.write(batch);
      await store.write(batch);
      const got = await store.counters(d, T0, T0 + 3 * MIN);
      assert.deepEqual(got, [
        { device: d, t: T0, counts: { frames: 0, duplicates: 0, 'gap-ms': 1500 } },
        { device: d, t: T0 + MIN, counts: { frames: 10, duplicates: 1, 'gap-ms': 1500 } },
        { device: d, t: T0 + 2 * MIN, counts: { frames: 20, duplicates: 2, 'gap-ms': 1500 } },
      ]);
    }));
}

// --- durability -------------------------------------------------------------------------------

function durabilityTests(open: () => Promise<OpenedStore>): void {
  it('keeps everything across close and reopen, and stays idempotent after it', (t) =>
    withStore(open, async (session) => {
      if (session.reopen === undefined) {
        t.skip('this store cannot be reopened');
        return;
      }
      const d = newDevice();
      const batch: StoreRecord[] = [
        ev(event(d, 'cramp', T0 + MIN, T0 + 2 * MIN, { peakUv: 412.5, extra: { a: [1] } })),
        ev(event(d, 'lead_off', T0 + 20 * MIN, null)),
        ...seconds(d, T0 + 14 * MIN, T0 + 16 * MIN, (x) => ({ envUv: (x - T0) / MIN })),
        { type: 'status', status: { device: d, t: T0, online: true, battery: 0.5, side: 'right' } },
        { type: 'counters', counters: { device: d, t: T0, counts: { frames: 5 } } },
      ];
      await session.store.write(batch);
      await session.store.updateDevice(d, { name: 'Calf', tz: 'Asia/Kathmandu' });
      const read = async (s: Store) => ({
        events: await s.events(d, T0, T0 + HOUR),
        timeline: await s.timeline(d, T0, T0 + HOUR, 60),
        coverage: await s.coverage(d, T0, T0 + HOUR),
        device: await s.device(d),
        counters: await s.counters(d, T0, T0 + HOUR),
      });
      const before = await read(session.store);
      assert.deepEqual(before.coverage, [
        { t: T0, seconds: 60 },
        { t: T0 + QUARTER_MS, seconds: 60 },
      ]);
      const reopened = await session.reopen();
      assert.deepEqual(await read(reopened), before);
      await reopened.write(batch);
      assert.deepEqual(await read(reopened), before, 'the same batch after reopening changes nothing');
    }));
}
