import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { createDurableWriter, type DurableWriterOptions } from '../../storage/durable-writer.ts';
import { openSpool, SpoolFullError } from '../../storage/spool/index.ts';
import type { StoreRecord } from '../../storage/store.ts';
import { ManualTimers } from './fixtures/manual-timers.ts';
import { captureLog, drain, eventRecord, secondRecord, T0, tempDir } from './fixtures/spool-records.ts';
import { TestStore } from './fixtures/test-store.ts';

const SLOW_MS = 10_000_000; // far beyond any retry, so the slow-write timer never fires unasked

function setup(t: Parameters<typeof tempDir>[0], more: Partial<DurableWriterOptions> = {}) {
  const store = new TestStore();
  const timers = new ManualTimers();
  const captured = captureLog();
  const options: DurableWriterOptions = {
    store,
    dir: tempDir(t),
    log: captured.log,
    timers,
    now: timers.now,
    random: () => 0.5,
    slowWriteMs: SLOW_MS,
    ...more,
  };
  return { store, timers, ...captured, options };
}

const seconds = (from: number, n: number) => Array.from({ length: n }, (_, i) => secondRecord(from + i));

describe('durable writer', () => {
  test('a store that fails three times then recovers gets everything once, in order', async (t) => {
    const { store, timers, options, find } = setup(t, { batchMax: 25 });
    const writer = await createDurableWriter(options);
    store.failNext = 3;
    const appended: StoreRecord[] = [];
    const delays: number[] = [];
    for (let step = 0; step < 40 && store.records.length < 100; step++) {
      if (appended.length < 100) {
        const batch = [...seconds(appended.length, 9), eventRecord(appended.length + 9)];
        writer.append(batch);
        appended.push(...batch);
      }
      delays.push((await timers.fireNext())!);
    }
    assert.deepEqual(store.records, appended);
    // Ticks of 1 s; after each failure a longer wait: 0.5, 1, 2 s steps with equal jitter (at 0.5).
    assert.deepEqual(delays.slice(0, 4), [1000, 375, 750, 1500]);
    assert.equal(find(50, 'store write failed').length, 1, 'the outage is logged once, not per retry');
    assert.match((find(50, 'store write failed')[0]!.err as Error).message, /ECONNREFUSED/);
    assert.equal(find(30, 'is back').length, 1);
    const replayed = find(30, 'spool replayed');
    assert.equal(replayed.length, 1);
    assert.equal(replayed[0]!.from, new Date(T0).toISOString(), 'the replay names its span of data time');
    const stats = writer.stats();
    assert.equal(stats.pendingRecords, 0);
    assert.equal(stats.storeHealthy, true);
    assert.equal(stats.failedWrites, 3);
    assert.match(stats.lastError!, /ECONNREFUSED/);
    await writer.close();
  });

  test('the backoff does not spin: a dead store is tried a few dozen times in ten minutes', async (t) => {
    const { store, timers, options, find } = setup(t, { batchMax: 10 });
    const writer = await createDurableWriter(options);
    store.failAlways = true;
    writer.append(seconds(0, 5));
    const delays: number[] = [];
    while (timers.nowMs < 600_000) {
      writer.append(seconds(timers.nowMs, 30)); // full batches waiting must not bring retries forward
      delays.push((await timers.fireNext())!);
    }
    const tries = store.attempts.length;
    // 0.5 s doubling to 30 s (its half at the least): 7 steps to the cap, then one per 15–30 s.
    assert.ok(tries >= 20 && tries <= 45, `${tries} attempts in ten minutes`);
    assert.deepEqual(delays.slice(1, 8), [375, 750, 1500, 3000, 6000, 12_000, 22_500]);
    assert.ok(
      delays.slice(8).every((d) => d === 22_500),
      'capped at 30 s (with jitter at 0.5)',
    );
    assert.equal(delays.at(-1), 22_500);
    assert.equal(find(50, 'store write failed').length, 1);
    assert.equal(writer.stats().storeHealthy, false);

    store.failAlways = false;
    await writer.flush();
    assert.equal(writer.stats().pendingRecords, 0);
    assert.equal(timers.pendingDelays.at(-1), 1000, 'back to the normal tick after a flush that worked');
    await writer.close();
  });

  test('a full batch is written without waiting for the tick', async (t) => {
    const { store, timers, options } = setup(t, { batchMax: 10 });
    const writer = await createDurableWriter(options);
    writer.append(seconds(0, 4));
    assert.deepEqual(timers.pendingDelays, [1000]);
    writer.append(seconds(4, 26));
    assert.deepEqual(timers.pendingDelays, [0]);
    await timers.fireNext();
    assert.deepEqual(store.attempts, [10, 10, 10], 'the backlog goes out back to back');
    await writer.close();
  });

  test('a slow write is an outage while it lasts, and is awaited rather than overtaken', async (t) => {
    const { store, timers, options, find } = setup(t, { slowWriteMs: 5000 });
    const writer = await createDurableWriter(options);
    store.manual = true;
    writer.append(seconds(0, 3));
    await timers.fireNext(); // the tick: the write starts and does not answer
    assert.deepEqual(store.attempts, [3]);
    assert.equal(await timers.fireNext(), 5000); // the slow-write timer
    assert.equal(writer.stats().storeHealthy, false);
    assert.equal(find(40, 'has not answered').length, 1);
    writer.append(seconds(3, 3));
    assert.equal(await timers.fireNext(), undefined, 'nothing else is scheduled while a write is in flight');
    store.settle();
    await new Promise((resolve) => setImmediate(resolve));
    assert.equal(writer.stats().storeHealthy, true);
    await timers.fireNext();
    store.settle();
    await new Promise((resolve) => setImmediate(resolve));
    assert.deepEqual(store.records, seconds(0, 6));
    store.manual = false;
    await writer.close();
  });

  test('flush drains everything now, and rejects with the store error', async (t) => {
    const { store, options } = setup(t, { batchMax: 7 });
    const writer = await createDurableWriter(options);
    writer.append(seconds(0, 30));
    await writer.flush();
    assert.deepEqual(store.records, seconds(0, 30));
    store.failNext = 1;
    writer.append(seconds(30, 2));
    await assert.rejects(writer.flush(), /ECONNREFUSED/);
    assert.equal(writer.stats().pendingRecords, 2);
    await writer.flush();
    assert.deepEqual(store.records, seconds(0, 32));
    await writer.close();
  });

  test('close returns even when the store never answers; the records stay for the next start', async (t) => {
    const { store, options, find } = setup(t, { closeDeadlineMs: 50 });
    const writer = await createDurableWriter({
      ...options,
      timers: undefined,
      now: undefined,
      flushEveryMs: 5,
    });
    store.hang = true;
    writer.append(seconds(0, 12));
    while (store.attempts.length === 0) await new Promise((resolve) => setTimeout(resolve, 5));
    await writer.close();
    assert.equal(find(40, 'still spooled').length, 1);
    assert.throws(() => writer.append(seconds(12, 1)), /closed/);

    const spool = openSpool({ dir: options.dir, log: captureLog().log });
    assert.deepEqual(drain(spool), seconds(0, 12));
    spool.close();
  });

  test('what a stopped writer left is written first by the next one', async (t) => {
    const { store, options } = setup(t);
    const first = await createDurableWriter({ ...options, closeDeadlineMs: 10 });
    store.failAlways = true;
    first.append(seconds(0, 20));
    await first.close();
    assert.equal(store.records.length, 0);

    store.failAlways = false;
    const timers = new ManualTimers();
    const second = await createDurableWriter({ ...options, timers, now: timers.now });
    assert.equal(second.stats().pendingRecords, 20);
    assert.deepEqual(timers.pendingDelays, [0], 'a backlog from the last run goes out at once');
    second.append(seconds(20, 5));
    await timers.fireNext();
    assert.deepEqual(store.records, seconds(0, 25));
    await second.close();
  });

  test('a full spool drops seconds but keeps events; past the reserve append throws', async (t) => {
    const { store, options } = setup(t, { maxBytes: 20_000 });
    const writer = await createDurableWriter(options);
    store.failAlways = true;
    for (let i = 0; i < 200; i++) writer.append([secondRecord(i)]);
    const stats = writer.stats();
    assert.ok(stats.warning);
    assert.ok(stats.droppedRecords > 0);
    writer.append([eventRecord(500)]);
    assert.throws(() => {
      for (let i = 0; i < 100; i++) writer.append([eventRecord(1000 + i)]);
    }, SpoolFullError);
    store.failAlways = false;
    await writer.flush();
    assert.ok(store.records.some((r) => r.type === 'event' && r.event.start === T0 + 500_000));
    await writer.close();
  });
});
