import assert from 'node:assert/strict';
import { test } from 'node:test';
import { createDurableWriter } from '../../storage/durable-writer.ts';
import { openSpool } from '../../storage/spool/index.ts';
import { createSqliteStore } from '../../storage/sqlite/index.ts';
import type { StoreRecord } from '../../storage/store.ts';
import { ManualTimers } from './fixtures/manual-timers.ts';
import { captureLog, secondRecord, statusRecord, T0, tempDir } from './fixtures/spool-records.ts';

const DEVICE = 'band-0001';

function cramp(end: number | null): StoreRecord {
  return {
    type: 'event',
    event: {
      id: `${DEVICE}:cramp:${T0 + 10_000}`,
      device: DEVICE,
      kind: 'cramp',
      start: T0 + 10_000,
      end,
      late: false,
    },
  };
}

test('a spool left by a crashed writer drains into the real SQLite store, in order', async (t) => {
  const spoolDir = tempDir(t, 'spool-');
  const dbDir = tempDir(t, 'sqlite-');
  const { log } = captureLog();

  // First run: one batch reaches the store, the next is only spooled when the process "dies".
  const firstStore = createSqliteStore({ dir: dbDir });
  const firstTimers = new ManualTimers();
  const first = await createDurableWriter({ store: firstStore, dir: spoolDir, log, timers: firstTimers });
  first.append([...Array.from({ length: 20 }, (_, i) => secondRecord(i)), cramp(null)]);
  await firstTimers.fireNext();
  first.append([
    ...Array.from({ length: 40 }, (_, i) => secondRecord(20 + i)),
    cramp(T0 + 45_000),
    statusRecord(60),
  ]);
  await firstStore.close(); // the writer is abandoned without close(), as a kill would leave it

  // Second run: the backlog goes first, so the cramp's end overwrites its start, never the reverse.
  const store = createSqliteStore({ dir: dbDir });
  t.after(() => store.close());
  const second = await createDurableWriter({ store, dir: spoolDir, log, timers: new ManualTimers() });
  assert.equal(second.stats().pendingRecords, 42);
  await second.flush();
  await second.close();

  const events = await store.events(DEVICE, T0, T0 + 3_600_000);
  assert.deepEqual(
    events.map((e) => [e.kind, e.start, e.end]),
    [['cramp', T0 + 10_000, T0 + 45_000]],
  );
  const coverage = await store.coverage(DEVICE, T0, T0 + 3_600_000);
  assert.equal(
    coverage.reduce((sum, q) => sum + q.seconds, 0),
    60,
  );
  assert.equal((await store.device(DEVICE))?.battery, 80);
  const spool = openSpool({ dir: spoolDir, log });
  assert.equal(spool.pendingRecords, 0);
  spool.close();
});
