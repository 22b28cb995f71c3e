import assert from 'node:assert/strict';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { closeOrphanedEvents } from '../../app/orphaned-events.ts';
import type { CrampWatchEvent } from '../../protocol/index.ts';
import { createSqliteStore, type StoreRecord } from '../../storage/index.ts';

const T = 1_764_201_600_000;
const MIN = 60_000;
const event = (kind: string, start: number, end: number | null): StoreRecord => ({
  type: 'event',
  event: { id: `band-o:${kind}:${start}`, device: 'band-o', kind, start, end, late: false },
});

test('after a restart, events left open before the journal window are closed there, end unknown; the rest are untouched', async () => {
  const dir = await mkdtemp(join(tmpdir(), 'crampwatch-orphans-'));
  const store = createSqliteStore({ dir });
  try {
    const windowStart = T + 60 * MIN;
    await store.write([
      { type: 'status', status: { device: 'band-o', t: windowStart + MIN, seenOnly: true } },
      event('lead_off', T, null), // open since long before the window: orphaned
      event('plantar_flexion', T + 10 * MIN, null), // open, but the rebuilt detector holds it
      event('cramp', T + 20 * MIN, T + 21 * MIN), // ended: untouched
      event('cramp', windowStart + 2 * MIN, null), // inside the window: the replay rebuilt it
    ]);
    const closing = await closeOrphanedEvents(store, windowStart, () => [
      `band-o:plantar_flexion:${T + 10 * MIN}`,
    ]);
    await store.write(closing);
    const events = await store.events('band-o', 0, Number.MAX_SAFE_INTEGER);
    const byKind = (kind: string, start: number) =>
      events.find((e) => e.kind === kind && e.start === start) as CrampWatchEvent;
    assert.equal(closing.length, 1);
    assert.equal(byKind('lead_off', T).end, windowStart);
    assert.equal(byKind('lead_off', T)['endUnknown'], true);
    assert.equal(byKind('plantar_flexion', T + 10 * MIN).end, null);
    assert.equal(byKind('cramp', T + 20 * MIN).end, T + 21 * MIN);
    assert.equal(byKind('cramp', windowStart + 2 * MIN).end, null);
  } finally {
    await store.close();
    await rm(dir, { recursive: true, force: true });
  }
});
